/**
 * Hand-computed cases: a small root-sign-in graph shaped like the incident, what-if on it, time to recover
 * against a deadline, k-of-n, a cycle through a domain hosted in the account, and the dual's path sets.
 */

import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph, GraphError } from '../../src/analysis/graph.js';
import { RecoveryTimes } from '../../src/analysis/recovery-time.js';
import { whatIf, WhatIfBaseline, type WhatIfResult } from '../../src/analysis/what-if.js';

const hours = (days: number): number => days * 24;

/** Root sign-in is lost when the MFA path, the alternative factors and identity verification all are. */
function incidentGraph(): FaultGraph {
  const graph = new FaultGraph();
  const phone = graph.addEvent('old-phone', { label: 'Old phone (virtual MFA)', lost: true });
  const number = graph.addEvent('contact-number', { label: 'Contact phone number', lost: true });
  const mailbox = graph.addEvent('mailbox', { duration: { min: 1, typical: 4, max: 24 } });
  const vault = graph.addEvent('password-store');
  const passport = graph.addEvent('passport', {
    duration: { min: hours(7), typical: hours(14), max: hours(30) },
  });
  const address = graph.addEvent('proof-of-address', { duration: { min: 1, typical: 24, max: 72 } });
  const notary = graph.addEvent('notary', { duration: { min: 24, typical: 72, max: 240 }, cost: 11_500 });
  const mfaPath = graph.defineGate('mfa-path-lost', 'or', [vault, phone]);
  const altPath = graph.defineGate('alternative-factors-lost', 'or', [mailbox, number]);
  const idvPath = graph.defineGate('identity-verification-lost', 'or', [passport, address, notary], {
    label: 'Identity verification',
    duration: { min: hours(3) + 24, typical: hours(3) + 24, max: hours(5) + 24 },
  });
  graph.defineGate('root-sign-in-lost', 'and', [mfaPath, altPath, idvPath], { label: 'Sign in as root' });
  return graph;
}

describe('what-if on the incident-shaped graph', () => {
  it('reports the top at risk with the identity-verification factors as new single points', () => {
    const graph = incidentGraph();
    const analysis = new GraphAnalysis(graph, { tops: ['root-sign-in-lost'] });
    expect(analysis.status('root-sign-in-lost')).toBe('at-risk');
    const names = analysis.singlePointsOfFailure('root-sign-in-lost').map((i) => graph.events[i]!.name);
    expect(names.sort()).toEqual(['notary', 'passport', 'proof-of-address']);
    // Designed as if nothing were lost, no single factor takes root.
    const design = new GraphAnalysis(graph, { tops: ['root-sign-in-lost'], ignoreRecordedLosses: true });
    expect(design.singlePointsOfFailure('root-sign-in-lost')).toEqual([]);
    expect(design.countsByOrder('root-sign-in-lost').slice(0, 4)).toEqual([0, 0, 0, 12]);
  });

  it('losing the mailbox too leaves only the slow path, and says how long it takes', () => {
    const graph = incidentGraph();
    const result = whatIf(graph, ['mailbox'], { deadlineHours: hours(14) });
    const top = result.tops.find((t) => t.name === 'root-sign-in-lost')!;
    expect(top.before).toBe('at-risk');
    expect(top.after).toBe('at-risk');
    expect(top.remainingPaths.map((path) => path.sort())).toEqual([
      ['notary', 'passport', 'proof-of-address'],
    ]);
    const alternatives = result.gates.find((g) => g.name === 'root-sign-in-lost')!;
    expect(alternatives.holdingInputs).toEqual(['identity-verification-lost']);
    expect(result.gates.find((g) => g.name === 'alternative-factors-lost')!.status).toBe('lost');
  });

  it('losing the passport as well takes root; the only way back ends after the deadline', () => {
    const graph = incidentGraph();
    const result = whatIf(graph, ['mailbox', 'passport'], { deadlineHours: hours(14) });
    const top = result.tops[0]!;
    expect(top.after).toBe('lost');
    const recovery = top.recovery!;
    expect(recovery.possible).toBe(true);
    // The outdated contact number cannot be restored, so the mailbox alone does not help: a new passport
    // (14 d typical) then identity verification (3 d review + 24 h).
    expect(recovery.duration).toEqual({
      min: hours(7) + hours(3) + 24,
      typical: hours(14) + hours(3) + 24,
      max: hours(30) + hours(5) + 24,
    });
    expect(recovery.steps.map((s) => s.name)).toEqual(['passport', 'identity-verification-lost']);
    expect(recovery.slack!.typical).toBe(-hours(4));
  });

  it('identity verification: the slowest requirement plus the review, with its cost', () => {
    const graph = incidentGraph();
    const lost = new Set(['old-phone', 'contact-number', 'proof-of-address', 'notary']);
    const times = new RecoveryTimes(graph, (i) => lost.has(graph.events[i]!.name));
    const estimate = times.estimate('identity-verification-lost', hours(14));
    // notary (72 h typical) dominates proof of address (24 h); then 3 days of review and 24 h.
    expect(estimate.duration.typical).toBe(72 + hours(3) + 24);
    expect(estimate.duration.max).toBe(240 + hours(5) + 24);
    expect(estimate.cost).toBe(11_500);
    expect(estimate.steps.map((s) => s.name)).toEqual([
      'identity-verification-lost',
      'notary',
      'proof-of-address',
    ]);
    expect(estimate.slack!.typical).toBe(hours(14) - (72 + hours(4)));
  });

  it('a lost factor with no way to restore it makes its path impossible', () => {
    const graph = incidentGraph();
    const times = new RecoveryTimes(graph, (i) => graph.events[i]!.lost);
    expect(times.estimate('mfa-path-lost').possible).toBe(false);
    expect(times.estimate('old-phone').possible).toBe(false);
  });

  it("a what-if's gates and ways back, first read after other what-ifs, are its own", () => {
    const graph = incidentGraph();
    const baseline = new WhatIfBaseline(graph);
    const both = baseline.whatIf(['mailbox', 'passport'], { deadlineHours: hours(14) });
    const notary = baseline.whatIf(['mailbox', 'notary'], { deadlineHours: hours(14) });
    const nothing = baseline.whatIf([]);
    // Read only now: the passport's way back, not the notary's, and the gates as the passport's loss leaves them.
    expect(both.tops[0]!.recovery!.steps.map((s) => s.name)).toEqual([
      'passport',
      'identity-verification-lost',
    ]);
    expect(both.tops[0]!.recovery).toBe(both.tops[0]!.recovery);
    expect(notary.tops[0]!.recovery!.steps.map((s) => s.name)).toEqual([
      'identity-verification-lost',
      'notary',
    ]);
    const status = (result: WhatIfResult, name: string): string =>
      result.gates.find((gate) => gate.name === name)!.status;
    expect(status(both, 'identity-verification-lost')).toBe('lost');
    expect(status(nothing, 'identity-verification-lost')).toBe('at-risk');
    expect(status(both, 'alternative-factors-lost')).toBe('lost');
    // Written out, an answer holds what is found when read.
    const written = JSON.parse(JSON.stringify(both)) as WhatIfResult;
    expect(written.tops[0]!.recovery!.duration.typical).toBe(hours(14) + hours(3) + 24);
    expect(written.gates).toHaveLength(graph.gates.length);
  });

  it('rejects unknown losses', () => {
    expect(() => whatIf(incidentGraph(), ['no-such-factor'])).toThrow(GraphError);
  });
});

describe('k-of-n', () => {
  it('two of three keys: every pair is a lockout set, none alone', () => {
    const graph = new FaultGraph();
    const keys = ['a', 'b', 'c'].map((name) => graph.addEvent(name, { probability: 0.1 }));
    graph.defineGate('quorum-lost', 'atleast', keys, { min: 2 });
    const analysis = new GraphAnalysis(graph);
    expect(analysis.countsByOrder('quorum-lost').slice(0, 3)).toEqual([0, 0, 3]);
    expect(analysis.probability('quorum-lost')).toBeCloseTo(3 * 0.01 * 0.9 + 0.001, 15);
    // Recovery needs n − k + 1 = 2 keys to hold.
    const lost = new Set([0, 1]);
    graph.events[0]!.duration = { min: 10, typical: 20, max: 30 };
    graph.events[1]!.duration = { min: 1, typical: 2, max: 3 };
    const estimate = new RecoveryTimes(graph, (i) => lost.has(i)).estimate('quorum-lost');
    expect(estimate.duration).toEqual({ min: 1, typical: 2, max: 3 });
  });
});

describe('cycles', () => {
  /**
   * Root's mailbox is served by DNS in the same account (and, optionally, by a secondary elsewhere): the
   * mail needs the account alive, the account needs the bill paid, paying needs root.
   */
  function cyclicGraph(secondaryDns: boolean): FaultGraph {
    const graph = new FaultGraph();
    const mfa = graph.addEvent('mfa-key');
    const card = graph.addEvent('card');
    const account = graph.gateRef('account-suspended');
    const mail = secondaryDns
      ? graph.defineGate('root-mail-lost', 'and', [account, graph.addEvent('dns-elsewhere')])
      : graph.defineGate('root-mail-lost', 'null', [account]);
    const root = graph.defineGate('root-sign-in-lost', 'and', [mfa, mail]);
    graph.defineGate('account-suspended', 'and', [card, root]);
    return graph;
  }

  function lockoutSets(graph: FaultGraph): string[][] {
    const analysis = new GraphAnalysis(graph, { tops: ['root-sign-in-lost'] });
    return analysis
      .cutSets('root-sign-in-lost')
      .sets.map((set) => set.map((i) => graph.events[i]!.name).sort());
  }

  it('a capability reachable only through itself is not reachable', () => {
    // Key and card lost: the mail could only come back through root itself, so root is lost.
    expect(lockoutSets(cyclicGraph(false))).toEqual([['card', 'mfa-key']]);
  });

  it('a way out of the cycle needs losing too', () => {
    expect(lockoutSets(cyclicGraph(true))).toEqual([['card', 'dns-elsewhere', 'mfa-key']]);
  });

  it('refuses a cycle through a negation', () => {
    const graph = new FaultGraph();
    const x = graph.addEvent('x');
    graph.defineGate('a', 'not', [graph.gateRef('b')]);
    graph.defineGate('b', 'or', [x, graph.gateRef('a')]);
    expect(() => new GraphAnalysis(graph, { tops: ['b'] })).toThrow(/negation/);
  });
});

describe('importance', () => {
  it('matches the definitions on a small tree', () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a', { probability: 0.1 });
    const b = graph.addEvent('b', { probability: 0.2 });
    const c = graph.addEvent('c', { probability: 0.3 });
    const ab = graph.defineGate('ab', 'and', [a, b]);
    graph.defineGate('top', 'or', [ab, c]);
    const analysis = new GraphAnalysis(graph);
    const p = 1 - (1 - 0.02) * (1 - 0.3);
    expect(analysis.probability('top')).toBeCloseTo(p, 15);
    const byName = new Map(analysis.importance('top').map((entry) => [entry.name, entry]));
    // ∂P/∂p_c = 1 − P(ab) ; ∂P/∂p_a = p_b (1 − p_c)
    expect(byName.get('c')!.birnbaum).toBeCloseTo(0.98, 15);
    expect(byName.get('a')!.birnbaum).toBeCloseTo(0.2 * 0.7, 15);
    expect(byName.get('a')!.raw).toBeCloseTo((1 - (1 - 0.2) * 0.7) / p, 12);
    expect(byName.get('c')!.fussellVesely).toBeCloseTo(1 - 0.02 / p, 12);
    expect(analysis.importance('top')[0]!.name).toBe('c');
  });
});

describe('explaining a loss', () => {
  it('names a minimal set of the recorded losses that still takes the gate', async () => {
    const { explainLoss } = await import('../../src/analysis/explain.js');
    const graph = incidentGraph();
    expect(explainLoss(graph, 'mfa-path-lost')).toEqual(['old-phone']);
    expect(explainLoss(graph, 'alternative-factors-lost')).toEqual(['contact-number']);
    expect(explainLoss(graph, 'identity-verification-lost')).toEqual([]);
    expect(explainLoss(graph, 'root-sign-in-lost')).toEqual([]);
  });
});

describe('conditions that hold now', () => {
  /** Mail works while the account that hosts its domain is not suspended; paying takes days. */
  function hostedMail(): FaultGraph {
    const graph = new FaultGraph();
    const card = graph.addEvent('card', { lost: true });
    const root = graph.addEvent('root-key');
    const pay = graph.defineGate('change-payment', 'or', [root], {
      duration: { min: 48, typical: 96, max: 200 },
    });
    const bill = graph.defineGate('bill-unpaid', 'and', [card, pay]);
    const suspended = graph.defineGate('suspended', 'null', [bill], { state: true });
    graph.defineGate('mail-lost', 'or', [graph.addEvent('mailbox'), suspended]);
    return graph;
  }

  it('need no time while they hold: the mail works until the account is suspended', () => {
    const graph = hostedMail();
    const times = new RecoveryTimes(graph, (i) => graph.events[i]!.lost);
    expect(times.estimate('mail-lost').duration).toEqual({ min: 0, typical: 0, max: 0 });
    // Paying itself still takes its time.
    expect(times.estimate('bill-unpaid').duration.typical).toBe(96);
  });

  it('once they fail, what depends on them waits for the way back', () => {
    const graph = hostedMail();
    const lost = new Set(['card', 'root-key']);
    graph.findEvent('root-key')!.duration = { min: 1, typical: 2, max: 3 };
    const times = new RecoveryTimes(graph, (i) => lost.has(graph.events[i]!.name));
    expect(times.estimate('mail-lost').duration.typical).toBe(2 + 96);
  });
});
