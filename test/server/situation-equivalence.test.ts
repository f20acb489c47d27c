/**
 * Property test: the dashboard's incremental evaluation of a scenario returns exactly what the full one it
 * replaced did (test/server/reference-situation.ts) — every colour, way, single point, lockout set, timeline,
 * event and gate — for random losses, restorations and deadlines, on the bundled examples (cycles through
 * hosted domains, accounts that can be suspended, facts lost already), on a generated Organization, and on
 * random graphs whose gates stand for capabilities and ways.
 */

import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph } from '../../src/analysis/graph.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Account, Day } from '../../src/model/inventory.js';
import {
  buildRecoveryGraph,
  type CapabilityGate,
  type RecoveryGraph,
} from '../../src/providers/aws/recovery-graph.js';
import { loadDashboard } from '../../src/server/dashboard.js';
import { SituationModel, type CapabilityView, type Scenario } from '../../src/server/situation.js';
import { buildTimedGraph, COHERENT_KINDS, mailOrReview, timedGraphShape } from '../analysis/random-graph.js';
import { ReferenceSituationModel } from './reference-situation.js';

interface Subject {
  model: SituationModel;
  reference: Pick<ReferenceSituationModel, 'evaluate'>;
}

function subject(model: SituationModel): Subject {
  return { model, reference: new ReferenceSituationModel(model.recovery, model.asOf) };
}

function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Scenarios over the graph's events: a few more losses, some of the losses of now undone, maybe a deadline. */
function scenarios({ model }: Pick<Subject, 'model'>, maxLosses: number): fc.Arbitrary<Scenario> {
  const events = model.recovery.graph.events;
  const names = events.map((event) => event.name);
  const lostNow = events.filter((event) => event.lost).map((event) => event.name);
  return fc.record({
    lost: fc.uniqueArray(fc.constantFrom(...names), { maxLength: maxLosses }),
    restored:
      lostNow.length === 0
        ? fc.constant([])
        : fc.uniqueArray(fc.constantFrom(...lostNow), { maxLength: lostNow.length }),
    deadline: fc.option(
      fc.integer({ min: -3, max: 40 }).map((days) => addDays(model.asOf, days)),
      { nil: undefined },
    ),
  });
}

function check({ model, reference }: Subject): (scenario: Scenario) => void {
  return (scenario) => {
    expect(model.evaluate(scenario)).toStrictEqual(reference.evaluate(scenario));
  };
}

const account: Account = { id: '111122223333', name: 'random', organization: 'standalone' };

/**
 * A random graph as a recovery graph: each picked gate a capability whose ways are other picked gates (a
 * capability without ways included); durations around the day that separates fast from slow.
 */
const randomRecovery = fc
  .record({
    shape: timedGraphShape(true, COHERENT_KINDS),
    capabilities: fc.array(fc.record({ gate: fc.nat(), ways: fc.array(fc.nat(), { maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ shape, capabilities }): RecoveryGraph => {
    const graph = buildTimedGraph(shape);
    const gateName = (pick: number): string => graph.gates[pick % graph.gates.length]!.name;
    return {
      graph,
      lossOf: new Map(),
      capabilities: capabilities.map((capability, i): CapabilityGate => ({
        account,
        capability: 'root-sign-in',
        gate: gateName(capability.gate),
        label: `Capability ${i}`,
        ways: capability.ways.map((way, w) => ({
          id: `way-${w}`,
          gate: gateName(way),
          label: `Way ${w}`,
          short: `way ${w}`,
          docs: 'https://example.com',
        })),
      })),
      events: new Map(),
      asOf: '2025-06-01',
    };
  });

describe('incremental scenario evaluation equals the full one', () => {
  let incident: Subject;
  let team: Subject;
  let organization: Subject;
  /** The generator's varied Organization: each root set up its own way, so few accounts are alike. */
  let varied: Subject;

  beforeAll(async () => {
    const [incidentData, teamData] = await Promise.all([
      loadDashboard({ example: 'incident', deadline: '2022-06-30' }),
      loadDashboard({ example: 'small-team' }),
    ]);
    incident = subject(incidentData.situations);
    team = subject(teamData.situations);
    // The benchmark's generator (plain JavaScript): a management account, members, shared admins and domains.
    const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
    const { organizationInventoryYaml } = (await import(generator)) as {
      organizationInventoryYaml: (accounts: number, options?: { varied: boolean }) => string;
    };
    // The reference predates accounts outside AWS, and the generated Organization has them (its identity
    // provider and mail provider tenants): there, every capability evaluated afresh is the reference, as in the
    // test with accounts outside AWS below.
    const generated = (options: { varied: boolean }): Subject => {
      const loaded = parseInventory(organizationInventoryYaml(24, options), 'organization.yaml');
      if (!loaded.ok) throw new Error('the generated Organization does not load');
      const asOf = loaded.inventory.asOf ?? '2025-06-01'; // the generator declares it
      const recovery = buildRecoveryGraph(loaded.inventory, asOf);
      return {
        model: new SituationModel(recovery, asOf),
        reference: new SituationModel(recovery, asOf, { reuse: false, recentScenarios: 0 }),
      };
    };
    organization = generated({ varied: false });
    varied = generated({ varied: true });
  });

  it('on the incident', () => {
    fc.assert(fc.property(scenarios(incident, 6), check(incident)), { numRuns: 300 });
  });

  it('on the small team', () => {
    fc.assert(fc.property(scenarios(team, 6), check(team)), { numRuns: 300 });
  });

  it('on a generated Organization of 24 accounts', () => {
    fc.assert(fc.property(scenarios(organization, 4), check(organization)), { numRuns: 40 });
  });

  it('on random graphs: shared gates, cycles, k-of-n, constants, conditions that hold now', () => {
    fc.assert(
      fc.property(
        randomRecovery.chain((recovery) => {
          const model = subject(new SituationModel(recovery, '2025-06-01'));
          return fc.tuple(fc.constant(model), fc.array(scenarios(model, 4), { minLength: 1, maxLength: 4 }));
        }),
        ([model, asked]) => {
          asked.forEach(check(model));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a chain of gates too deep to walk at once is judged loss by loss, as the reference judges it', () => {
    // 600 gates between the capability and its factors: SlowingLosses stops at 500 (well within the stack), and
    // the model tries each loss instead.
    const graph = new FaultGraph();
    let below = mailOrReview(graph).reach;
    for (let i = 0; i < 600; i++) below = graph.defineGate(`link-${i}`, 'or', [below]);
    const recovery: RecoveryGraph = {
      graph,
      lossOf: new Map(),
      capabilities: [
        {
          account,
          capability: 'root-sign-in',
          gate: 'link-599',
          label: 'Deep',
          ways: [{ id: 'way', gate: 'link-599', label: 'Way', short: 'way', docs: 'https://example.com' }],
        },
      ],
      events: new Map(),
      asOf: '2025-06-01',
    };
    const deep = subject(new SituationModel(recovery, '2025-06-01'));
    for (const lost of [[], ['mail'], ['backup']]) check(deep)({ lost, restored: [], deadline: undefined });
    // Losing the mail leaves only the review, a day and more: a fast single point, though not a single point.
    const [capability] = deep.model.evaluate({ lost: [], restored: [] }).capabilities;
    expect(capability!.singlePointsOfFailure).toEqual([]);
    expect(capability!.fastSinglePoints.map((factor) => factor.id)).toEqual(['mail']);
  });

  it('reusing the unchanged accounts answers exactly as evaluating every capability from scratch', () => {
    // The same Organization, every scenario evaluated whole: what reuse must reproduce, lockout sets included.
    const fromScratch = new SituationModel(organization.model.recovery, organization.model.asOf, {
      reuse: false,
    });
    fc.assert(
      fc.property(scenarios(organization, 4), (scenario) => {
        expect(organization.model.evaluate(scenario)).toStrictEqual(fromScratch.evaluate(scenario));
      }),
      { numRuns: 60 },
    );
  });

  it('with accounts outside AWS, reuse and sharing answer exactly as evaluating every capability afresh', async () => {
    // The incident with root's mailbox at Google: a part of the graph holds AWS's and Google's capabilities.
    const outside = (
      await loadDashboard({ inventory: 'examples/incident-2022-outside.yaml', deadline: '2022-06-30' })
    ).situations;
    expect(outside.recovery.outsideCapabilities?.length).toBeGreaterThan(0);
    const fromScratch = new SituationModel(outside.recovery, outside.asOf, { reuse: false });
    for (const options of [{ recentScenarios: 0 }, { recentScenarios: 0, shareFrom: 1 }]) {
      const model = new SituationModel(outside.recovery, outside.asOf, options);
      fc.assert(
        fc.property(scenarios({ model }, 4), (scenario) => {
          expect(model.evaluate(scenario)).toStrictEqual(fromScratch.evaluate(scenario));
        }),
        { numRuns: 100 },
      );
    }
  });

  it('evaluating one capability per shape answers exactly as evaluating each (every scenario shares)', () => {
    // Every scenario past the first evaluates one capability of each shape and gives the rest its judgement.
    for (const { model, reference } of [incident, team, organization, varied]) {
      const sharing = {
        model: new SituationModel(model.recovery, model.asOf, { recentScenarios: 0, shareFrom: 1 }),
        reference,
      };
      fc.assert(fc.property(scenarios(sharing, 4), check(sharing)), { numRuns: 30 });
    }
  });

  it('a factor every account shares evaluates one capability of each shape, not every capability', () => {
    // From 20 changed capabilities (64 by default): the card changes one per account, 24.
    const model = new SituationModel(organization.model.recovery, organization.model.asOf, {
      shareFrom: 20,
    });
    model.evaluate({ lost: [], restored: [] });
    for (const shared of ['team-vault', 'card-main', 'corp-aws-mail']) {
      model.evaluate({ lost: [shared], restored: [] });
      // The generator's accounts come in a few shapes (management, members, every tenth with a second key…).
      expect(model.lastEvaluation.changed).toBeGreaterThanOrEqual(20);
      expect(model.lastEvaluation.evaluated).toBeLessThan(model.lastEvaluation.changed / 2);
    }
  });

  it('a sequence of scenarios sharing groups judged by the last ones answers as each evaluated afresh', () => {
    // The groups (shape and losses) a scenario judged are taken again by the next ones, with their own names.
    for (const { model, reference } of [incident, team, organization, varied]) {
      const sharing = new SituationModel(model.recovery, model.asOf, { shareFrom: 1 });
      fc.assert(
        fc.property(fc.array(scenarios({ model }, 4), { minLength: 2, maxLength: 5 }), (sequence) => {
          for (const scenario of sequence) {
            expect(sharing.evaluate(scenario)).toStrictEqual(reference.evaluate(scenario));
          }
        }),
        { numRuns: 20 },
      );
    }
  });

  it('a factor added to a scenario evaluates again only the groups whose losses it changes', () => {
    const model = new SituationModel(organization.model.recovery, organization.model.asOf, { shareFrom: 20 });
    model.evaluate({ lost: [], restored: [] });
    model.evaluate({ lost: ['corp-aws-mail'], restored: [] });
    const first = model.lastEvaluation;
    // Member 7's own security key (the generator's name): its capabilities' losses change, no other's.
    const scenario = { lost: ['corp-aws-mail', 'key-07'], restored: [] };
    const answer = model.evaluate(scenario);
    expect(model.lastEvaluation.changed).toBeGreaterThanOrEqual(first.changed);
    expect(model.lastEvaluation.evaluated).toBeGreaterThan(0);
    expect(model.lastEvaluation.evaluated).toBeLessThan(first.evaluated);
    expect(answer).toStrictEqual(organization.reference.evaluate(scenario));
    // A judgement is taken again for as many scenarios as answers are kept (3), not for good: each keeps the
    // analysis that made it alive. Four scenarios after it was made, the shared loss's groups are judged again.
    for (const key of ['key-08', 'key-09']) {
      model.evaluate({ lost: ['corp-aws-mail', key], restored: [] });
      expect(model.lastEvaluation.evaluated).toBeLessThan(first.evaluated);
    }
    model.evaluate({ lost: ['corp-aws-mail', 'key-10'], restored: [] });
    expect(model.lastEvaluation.evaluated).toBeGreaterThan(first.evaluated / 2);
  });

  it('the views of the alike, made when read, read in any order and replaced like a list of its own', () => {
    const { recovery, asOf } = organization.model;
    const sharing = new SituationModel(recovery, asOf, { recentScenarios: 0, shareFrom: 1 });
    sharing.evaluate({ lost: [], restored: [] });
    const scenario = { lost: ['corp-aws-mail'], restored: [] };
    const answer = sharing.evaluate(scenario).capabilities;
    const expected = organization.reference.evaluate(scenario).capabilities;
    expect(answer.length).toBe(expected.length);
    // Last first: each view is made as it is read, whatever was read before.
    for (let i = answer.length - 1; i >= 0; i -= 1) expect(answer[i]).toStrictEqual(expected[i]);
    // Replaced before they were ever read: the replacements stay.
    const again = sharing.evaluate(scenario).capabilities;
    const shifted = (i: number): CapabilityView => expected[(i + 1) % expected.length]!;
    for (let i = 0; i < again.length; i += 1) again[i] = shifted(i);
    for (let i = 0; i < again.length; i += 1) expect(again[i]).toBe(shifted(i));
    expect(Object.keys(again)).toHaveLength(expected.length);
  });

  it('a view of the alike finds its lockout sets only when they are read, and then as evaluated afresh', () => {
    const { recovery, asOf } = organization.model;
    const sharing = new SituationModel(recovery, asOf, { recentScenarios: 0, shareFrom: 1 });
    const standing = sharing.evaluate({ lost: [], restored: [] }).capabilities;
    const scenario = { lost: ['corp-aws-mail'], restored: [] };
    const answer = sharing.evaluate(scenario).capabilities;
    const expected = organization.reference.evaluate(scenario).capabilities;
    // Counting the sets by order is where finding them starts: none for views read but for their sets.
    const counting = vi.spyOn(GraphAnalysis.prototype, 'countsByOrder');
    try {
      for (let i = 0; i < answer.length; i += 1) expect(answer[i]!.colour).toBe(expected[i]!.colour);
      expect(counting).not.toHaveBeenCalled();
      // Views the scenario changed, each made from one of its shape (the others are the standing's own).
      const changed = answer.flatMap((view, i) => (view === standing[i] ? [] : [i]));
      expect(changed.length).toBeGreaterThan(1);
      const last = changed.at(-1)!;
      expect(answer[last]!.lockoutSets).toStrictEqual(expected[last]!.lockoutSets);
      expect(counting).toHaveBeenCalled();
      const first = changed[0]!;
      expect(JSON.parse(JSON.stringify(answer[first]))).toStrictEqual(
        JSON.parse(JSON.stringify(expected[first])),
      );
    } finally {
      counting.mockRestore();
    }
  });

  it("a scenario on one account's factor evaluates that account again and reuses every other one", () => {
    const { model } = organization;
    const standing = model.evaluate({ lost: [], restored: [] });
    // Member 7's own security key, as the generator names it.
    const name = 'key-07';
    const after = model.evaluate({ lost: [name], restored: [] });
    const changed = after.capabilities.filter((view, i) => view !== standing.capabilities[i]);
    // Evaluated again: that account's capabilities only; every other view is the one as things stand.
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((view) => view.accountId))).toEqual(new Set(['100000000007']));
    expect(after.events.find((event) => event.id === name)?.change).toBe('lost');
  });

  it("a scenario on one account's factor lists again only the events it changes or whose single points moved", () => {
    const { model } = organization;
    const standing = model.evaluate({ lost: [], restored: [] });
    const after = model.evaluate({ lost: ['key-07'], restored: [] });
    const listedAgain = after.events.filter((view, i) => view !== standing.events[i]);
    // The key itself, and only events of member 7 (its single points may move); every other view is shared.
    expect(listedAgain.map((view) => view.id)).toContain('key-07');
    expect(listedAgain.length).toBeLessThan(after.events.length / 10);
    for (const view of listedAgain) expect(view.accountId ?? '100000000007').toBe('100000000007');
    // The answer's list is its own: changing it leaves the situation as things stand alone.
    expect(after.events).not.toBe(standing.events);
  });

  it('for the same scenario asked again, from the recent answers and computed afresh', () => {
    const scenario: Scenario = { lost: ['aiko-phone'], restored: [] };
    const first = organization.model.evaluate(scenario);
    organization.model.evaluate({ lost: ['corp-aws-mail'], restored: [] });
    // Still among the recent answers: the same view.
    expect(organization.model.evaluate(scenario)).toBe(first);
    // Pushed out by other scenarios: computed again, and equal.
    for (const lost of [['corp-aws-mail'], ['team-vault'], ['bruno-phone'], ['chen-phone']]) {
      organization.model.evaluate({ lost, restored: [] });
    }
    const again = organization.model.evaluate(scenario);
    expect(again).not.toBe(first);
    expect(again).toStrictEqual(first);
    // A model that keeps no answers (the benchmark's) computes each time.
    const keepsNone = new SituationModel(organization.model.recovery, organization.model.asOf, {
      recentScenarios: 0,
    });
    const once = keepsNone.evaluate(scenario);
    expect(keepsNone.evaluate(scenario)).not.toBe(once);
    expect(once).toStrictEqual(first);
  });
});
