/**
 * The analysis finds a capability's ways among its gate's inputs, where the builder puts them in the ways'
 * order; a graph that lists them otherwise (another provider's builder, a hand-made graph) still has each
 * way judged and timed by its own gate.
 */

import { describe, expect, it } from 'vitest';
import { FaultGraph } from '../../src/analysis/graph.js';
import { analyzeRecoveryGraph } from '../../src/recovery/analysis.js';
import type { RecoveryGraph, WayGate } from '../../src/recovery/builder.js';
import type { Account } from '../../src/model/inventory.js';

function way(id: string): WayGate {
  return { id, gate: `acct/sign-in/${id}`, label: id, short: id, docs: 'https://example.invalid' };
}

describe('ways of a capability', () => {
  it('judges each way by its own gate when the capability lists them in another order than its inputs', () => {
    const graph = new FaultGraph();
    const phone = graph.addEvent('phone', { lost: true });
    const mailbox = graph.addEvent('mailbox', { duration: { min: 1, typical: 2, max: 3 } });
    const ways = [way('mfa'), way('mail'), way('support')];
    graph.defineGate(ways[0]!.gate, 'or', [phone]);
    graph.defineGate(ways[1]!.gate, 'or', [mailbox], { duration: { min: 24, typical: 48, max: 72 } });
    graph.defineGate(ways[2]!.gate, 'or', [mailbox, phone]);
    // Inputs in the order support, mfa, mail: no input sits at its way's position.
    graph.defineGate(
      'acct/sign-in',
      'and',
      [ways[2]!, ways[0]!, ways[1]!].map((w) => graph.gateRef(w.gate)),
    );
    const recovery: RecoveryGraph = {
      graph,
      capabilities: [
        {
          account: { id: 'acct' } as Account,
          capability: 'sign-in',
          gate: 'acct/sign-in',
          label: 'Sign in',
          ways,
        },
      ],
      events: new Map([
        ['phone', { factorId: 'phone', label: 'Phone' }],
        ['mailbox', { factorId: 'mailbox', label: 'Mailbox' }],
      ]),
      lossOf: new Map(),
      asOf: '2026-12-04',
    };
    const [result] = analyzeRecoveryGraph(recovery, { asOf: '2026-12-04' }).capabilities;
    expect(result!.ways.map((w) => [w.id, w.status])).toEqual([
      ['mfa', 'lost'],
      ['mail', 'at-risk'],
      ['support', 'lost'],
    ]);
    expect(result!.ways[1]!.duration).toMatchObject({
      possible: true,
      duration: { min: 24, typical: 48, max: 72 },
    });
    expect(result!.status).toBe('at-risk');
  });
});
