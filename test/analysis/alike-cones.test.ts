/**
 * Tops whose cones are alike — the accounts of an Organization, each the same gates over its own events and a
 * few shared ones — have their lockout sets counted and listed once per shape and renamed for the others.
 * What they answer is exactly what the engine answers for every top on its own: the same counts, and the same
 * sets in the same order on every page.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph, type GateKind, type Input } from '../../src/analysis/graph.js';

interface TemplateGate {
  kind: GateKind;
  inputs: { type: 'local' | 'shared' | 'gate'; pick: number; negated: boolean }[];
  min: number;
}

interface Template {
  locals: number;
  shared: { lost: boolean }[];
  gates: TemplateGate[];
  /** Per copy: which of its local events are lost already (copies then differ in shape). */
  copies: { lost: boolean[] }[];
}

const kinds: GateKind[] = ['and', 'or', 'atleast', 'and', 'or'];

const template: fc.Arbitrary<Template> = fc.record({
  locals: fc.integer({ min: 1, max: 5 }),
  shared: fc.array(fc.record({ lost: fc.boolean().map((b) => b && Math.random() < 0.2) }), {
    minLength: 1,
    maxLength: 4,
  }),
  gates: fc.array(
    fc.record({
      kind: fc.constantFrom(...kinds),
      inputs: fc.array(
        fc.record({
          type: fc.constantFrom('local', 'local', 'shared', 'gate'),
          pick: fc.nat(),
          negated: fc.boolean().map((b) => b && Math.random() < 0.15),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      min: fc.nat(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  copies: fc.array(fc.record({ lost: fc.array(fc.boolean().map((b) => b && Math.random() < 0.2)) }), {
    minLength: 2,
    maxLength: 8,
  }),
});

/** The template's gates for every copy (account), over its own events and the shared ones; tops t<copy>. */
function build(shape: Template): { graph: FaultGraph; tops: string[] } {
  const graph = new FaultGraph();
  shape.shared.forEach((event, index) => graph.addEvent(`shared${index}`, { lost: event.lost }));
  const tops: string[] = [];
  shape.copies.forEach((copy, c) => {
    for (let local = 0; local < shape.locals; local++) {
      graph.addEvent(`a${c}-${local}`, { lost: copy.lost[local] ?? false });
    }
    const name = (g: number): string => (g === 0 ? `t${c}` : `a${c}-g${g}`);
    for (let g = 0; g < shape.gates.length; g++) graph.gateRef(name(g));
    shape.gates.forEach((gate, g) => {
      const inputs: Input[] = gate.inputs.map((input): Input => {
        let ref: Input;
        const later = shape.gates.length - g - 1;
        if (input.type === 'gate' && later > 0) ref = graph.gateRef(name(g + 1 + (input.pick % later)));
        else if (input.type === 'shared')
          ref = { type: 'event', index: graph.findEvent(`shared${input.pick % shape.shared.length}`)!.index };
        else ref = { type: 'event', index: graph.findEvent(`a${c}-${input.pick % shape.locals}`)!.index };
        return ref;
      });
      // A negated input through a NOT gate of its own (the failure logic's negation).
      const used = inputs.map((input, i) => {
        if (!gate.inputs[i]!.negated) return input;
        const not = `${name(g)}-not${i}`;
        graph.defineGate(not, 'not', [input]);
        return graph.gateRef(not);
      });
      graph.defineGate(name(g), gate.kind, used, { min: 1 + (gate.min % used.length) });
    });
    tops.push(`t${c}`);
  });
  return { graph, tops };
}

describe('alike cones', () => {
  it('counts the sets of an Organization of alike accounts once per shape', () => {
    const graph = new FaultGraph();
    graph.addEvent('mail-provider');
    graph.addEvent('company-domain');
    const tops: string[] = [];
    for (let account = 0; account < 200; account++) {
      graph.addEvent(`phone-${account}`);
      graph.addEvent(`card-${account}`);
      graph.defineGate(`mail-${account}`, 'or', [
        { type: 'event', index: graph.findEvent('mail-provider')!.index },
        { type: 'event', index: graph.findEvent('company-domain')!.index },
      ]);
      graph.defineGate(`root-${account}`, 'and', [
        graph.gateRef(`mail-${account}`),
        { type: 'event', index: graph.findEvent(`phone-${account}`)!.index },
      ]);
      graph.defineGate(`pay-${account}`, 'or', [
        graph.gateRef(`root-${account}`),
        { type: 'event', index: graph.findEvent(`card-${account}`)!.index },
      ]);
      tops.push(`root-${account}`, `pay-${account}`);
    }
    const analysis = new GraphAnalysis(graph, { tops, limitOrder: 4 });
    for (const top of tops) {
      expect(analysis.countsByOrder(top)).toEqual(top.startsWith('pay') ? [0, 1, 2, 0, 0] : [0, 0, 2, 0, 0]);
    }
    // Two capabilities, each of one shape whatever the account (the first account's variables may sit in
    // another order among the shared ones: at most one more shape each).
    expect(analysis.conesAnalysed()).toBeLessThanOrEqual(4);
    // Renamed to each account's own events, in the engine's order.
    const alone = new GraphAnalysis(graph, { tops, limitOrder: 4, shareAlikeCones: false });
    const page = analysis.cutSets('pay-7', { limit: 10 });
    expect(page).toEqual(alone.cutSets('pay-7', { limit: 10 }));
    const names = page.sets.map((set) => set.map((event) => graph.events[event]!.name).sort());
    expect(names).toContainEqual(['card-7']);
    expect(names).toContainEqual(['mail-provider', 'phone-7']);
    expect(names).toContainEqual(['company-domain', 'phone-7']);
  });

  it('hands the same named sets to tops whose sets name the same events, and their own to the others', () => {
    const graph = new FaultGraph();
    const shared = ['mail-provider', 'company-domain'].map((name) => graph.addEvent(name));
    const tops: string[] = [];
    for (let account = 0; account < 3; account++) {
      const phone = graph.addEvent(`phone-${account}`);
      graph.defineGate(`mail-${account}`, 'or', shared);
      // Two accounts whose sign-in needs only the shared mail, one whose sign-in also needs its phone.
      graph.defineGate(
        `sign-in-${account}`,
        'and',
        account === 2 ? [graph.gateRef(`mail-${account}`), phone] : [graph.gateRef(`mail-${account}`)],
      );
      graph.defineGate(`root-${account}`, 'and', [graph.gateRef(`sign-in-${account}`), phone]);
      tops.push(`sign-in-${account}`, `root-${account}`);
    }
    const analysis = new GraphAnalysis(graph, { tops, limitOrder: 3 });
    const name = (event: number): string => graph.events[event]!.name;
    const named = (top: string): string[][] => analysis.namedCutSets(top, { limit: 10 }, name).sets;
    // The same events: the same lists, not a copy of them.
    expect(named('sign-in-1')).toBe(named('sign-in-0'));
    // The same shape over other events: lists of their own, naming them.
    const root0 = named('root-0');
    const root1 = named('root-1');
    expect(root1).not.toBe(root0);
    expect(root0.map((set) => [...set].sort()).sort()).toEqual([
      ['company-domain', 'phone-0'],
      ['mail-provider', 'phone-0'],
    ]);
    expect(root1.flat()).toContain('phone-1');
    expect(root1.flat()).not.toContain('phone-0');
    // Asked again without the shared naming (cutSets): lists of their own, which a caller may sort.
    expect(analysis.cutSets('sign-in-1', { limit: 10 }).sets).not.toBe(
      analysis.cutSets('sign-in-1', { limit: 10 }).sets,
    );
  });

  it('answers as the engine does for every top on its own: counts, and each page of sets in order', () => {
    fc.assert(
      fc.property(
        template,
        fc.array(
          fc.record({ offset: fc.nat({ max: 6 }), limit: fc.integer({ min: 1, max: 8 }), order: fc.nat(4) }),
          { maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (shape, pages, limitOrder) => {
          const { graph, tops } = build(shape);
          const shared = new GraphAnalysis(graph, { tops, limitOrder });
          const alone = new GraphAnalysis(graph, { tops, limitOrder, shareAlikeCones: false });
          // One naming for every top, as the recovery analysis names factors: a page naming the same events
          // as the last top of its shape is handed out again.
          const eventName = (event: number): string => graph.events[event]!.name;
          for (const top of tops) {
            expect(shared.countsByOrder(top)).toEqual(alone.countsByOrder(top));
            expect(shared.cutSets(top, { limit: 10 })).toEqual(alone.cutSets(top, { limit: 10 }));
            // Named as a caller names them, with no list of indices on the way.
            const { sets, total } = alone.cutSets(top, { limit: 10 });
            expect(shared.namedCutSets(top, { limit: 10 }, eventName)).toEqual({
              sets: sets.map((set) => set.map(eventName)),
              total,
            });
            for (const page of pages) {
              expect(shared.cutSets(top, page)).toEqual(alone.cutSets(top, page));
              const request = { offset: page.offset, limit: page.limit };
              expect(shared.cutSets(top, request)).toEqual(alone.cutSets(top, request));
            }
            expect(shared.singlePointsOfFailure(top)).toEqual(alone.singlePointsOfFailure(top));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
