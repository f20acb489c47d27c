/**
 * Which single further loss would leave a gate no way back within a budget of hours: the losses that slow it,
 * for every such loss at once, in one walk of the graph.
 *
 * Trying each loss in turn (a RecoveryTimes per loss, estimated again above it) costs one walk per event of a
 * capability's cone: at 10,000 accounts, 20,000 walks per what-if click. Read on the typical hours RecoveryTimes
 * finds, a gate's time is its own procedure plus the k-th fastest of its inputs (k = how many it needs), so the
 * losses that push it to the budget follow from its inputs' at the budget less its own time:
 *   - a gate already that slow is slowed by every loss (no loss makes a way faster without negation);
 *   - otherwise, of its inputs fast within that budget (F), at least |F| − k + 1 must be slowed by the loss:
 *     every one of them for a choice of alternatives (k = 1), any one for a gate needing all (k = |F|).
 * A condition that holds now asks for nothing unless the loss breaks it (one of its single points of failure),
 * as RecoveryTimes reads it. A gate on a cycle depends on the path that reaches it (a gate met again on the
 * path is unusable), but only on the gates of its own cycles there: walked once per budget when entered from
 * outside them, on each path within them, as RecoveryTimes walks them; every other gate once per budget.
 *
 * Exact for graphs of AND, OR, at-least and pass-through gates with durations that are finite and not
 * negative (`applies`); the caller tries each loss otherwise.
 */

import type { FaultGraph, Gate, Input, NodeRef } from './graph.js';

/** The losses that slow a node, ascending event indices; null: every loss (it is that slow already). */
export type Losses = readonly number[] | null;

interface Walked {
  /** Typical hours of the fastest way back with the losses as they are (Infinity: none). */
  hours: number;
  losses: Losses;
}

const NO_LOSSES: readonly number[] = Object.freeze([]);

/** Past this depth of gates the walk stops (TooDeep), well within the stack: the caller then tries each loss. */
const DEEPEST = 500;

export class TooDeep extends Error {}

export interface SlowingSituation {
  /** Whether an event is lost in the situation considered. */
  lost: (event: number) => boolean;
  /** The graph's gates on a cycle, and each gate's strongly connected component (stronglyConnectedGates). */
  structure: { cyclic: Uint8Array; component: Int32Array };
  /** Whether a gate holds now (is not lost) in the situation considered. */
  holds: (gate: number) => boolean;
  /** A gate's single points of failure in the situation considered (event indices). */
  singlePointsOf: (gate: number) => readonly number[];
}

/** Whether the walk is exact on this graph: coherent gates, every duration finite and not negative. */
export function slowingLossesApply(graph: FaultGraph): boolean {
  const plain = (range: { min: number; typical: number; max: number } | undefined): boolean =>
    range === undefined ||
    [range.min, range.typical, range.max].every((hours) => Number.isFinite(hours) && hours >= 0);
  return (
    graph.events.every((event) => plain(event.duration)) &&
    graph.gates.every(
      (gate) =>
        (gate.kind === 'and' || gate.kind === 'or' || gate.kind === 'atleast' || gate.kind === 'null') &&
        gate.inputs.length > 0 &&
        plain(gate.duration),
    )
  );
}

export class SlowingLosses {
  private readonly graph: FaultGraph;
  private readonly situation: SlowingSituation;
  /** By budget, then gate index: the walk of each gate off cycles or entering its own (its condition aside). */
  private readonly memo = new Map<number, Map<number, Walked>>();
  private readonly onPath: Uint8Array;
  /** By component: how many of its gates are on the path. */
  private readonly onPathIn: Int32Array;
  private depth = 0;

  constructor(graph: FaultGraph, situation: SlowingSituation) {
    this.graph = graph;
    this.situation = situation;
    this.onPath = new Uint8Array(graph.gates.length);
    this.onPathIn = new Int32Array(graph.gates.length);
  }

  /**
   * The losses (events not lost now) each of which alone leaves the node no way back in under `budget` typical
   * hours; null when it has none already. Throws TooDeep on a chain of gates too deep to walk.
   */
  of(ref: NodeRef, budget: number): Losses {
    return ref.type === 'event' ? this.event(ref.index, budget).losses : this.gate(ref.index, budget).losses;
  }

  /**
   * The losses that slow every one of the nodes past the budget (a choice between them, as a capability's ways
   * are): null when each is that slow already.
   */
  ofAll(refs: readonly NodeRef[], budget: number): Losses {
    let common: Losses = null;
    for (const ref of refs) {
      const losses = this.of(ref, budget);
      if (losses === null) continue;
      common = common === null ? losses : inBoth(common, losses);
      if (common.length === 0) return NO_LOSSES;
    }
    return common;
  }

  private event(index: number, budget: number): Walked {
    const duration = this.graph.events[index]!.duration;
    const restore = duration ? duration.typical : Infinity;
    if (this.situation.lost(index)) return { hours: restore, losses: restore >= budget ? null : NO_LOSSES };
    if (budget <= 0) return { hours: 0, losses: null };
    return { hours: 0, losses: restore >= budget ? [index] : NO_LOSSES };
  }

  private input(input: Input, budget: number): Walked {
    if (input.type === 'constant') {
      return input.value ? { hours: Infinity, losses: null } : this.nothingToDo(budget);
    }
    if (input.type === 'event') return this.event(input.index, budget);
    if (this.onPath[input.index]) return { hours: Infinity, losses: null };
    return this.gate(input.index, budget);
  }

  private nothingToDo(budget: number): Walked {
    return { hours: 0, losses: budget <= 0 ? null : NO_LOSSES };
  }

  /** A gate reached off the path: a condition that holds now asks for nothing unless the loss breaks it. */
  private gate(index: number, budget: number): Walked {
    const gate = this.graph.gates[index]!;
    if (!gate.state || !this.situation.holds(index)) return this.walk(gate, budget);
    if (budget <= 0) return { hours: 0, losses: null };
    const breaking = this.situation.singlePointsOf(index);
    if (breaking.length === 0) return { hours: 0, losses: NO_LOSSES };
    const walked = this.walk(gate, budget).losses;
    const free = breaking.filter((event) => !this.situation.lost(event));
    const losses = walked === null ? free : free.filter((event) => walked.includes(event));
    return { hours: 0, losses: losses.length === 0 ? NO_LOSSES : losses.sort((a, b) => a - b) };
  }

  private walk(gate: Gate, budget: number): Walked {
    const cyclic = this.situation.structure.cyclic[gate.index] === 1;
    const component = this.situation.structure.component[gate.index]!;
    // Off its cycles' path, a gate's walk is the same on any path.
    const cacheable = !cyclic || this.onPathIn[component] === 0;
    let known: Map<number, Walked> | undefined;
    if (cacheable) {
      known = this.memo.get(budget);
      if (!known) this.memo.set(budget, (known = new Map<number, Walked>()));
      const found = known.get(gate.index);
      if (found) return found;
    }
    this.depth++;
    this.onPath[gate.index] = 1;
    if (cyclic) this.onPathIn[component]!++;
    let walked: Walked;
    try {
      if (this.depth > DEEPEST) throw new TooDeep(`gate "${gate.name}": deeper than ${DEEPEST} gates`);
      walked = this.combine(gate, budget);
    } finally {
      this.onPath[gate.index] = 0;
      if (cyclic) this.onPathIn[component]!--;
      this.depth--;
    }
    known?.set(gate.index, walked);
    return walked;
  }

  private combine(gate: Gate, budget: number): Walked {
    const own = gate.duration?.typical ?? 0;
    const inner = budget - own;
    const count = gate.inputs.length;
    const needed = gate.kind === 'or' ? count : gate.kind === 'atleast' ? count - gate.min! + 1 : 1; // and, null: any one
    // Walked without a list of their own where the k-th fastest is the fastest or the slowest (most gates): a
    // shared click walks tens of thousands of gates, and their garbage was most of its collections.
    let fastest = Infinity;
    let slowest = 0;
    const hours: number[] | undefined = needed === 1 || needed === count ? undefined : [];
    const fast: (readonly number[])[] = [];
    for (const input of gate.inputs) {
      const walked = this.input(input, inner);
      if (walked.hours < fastest) fastest = walked.hours;
      if (walked.hours > slowest) slowest = walked.hours;
      hours?.push(walked.hours);
      // Inputs slow already stay slow; of the fast ones, a loss must slow all but needed − 1.
      if (walked.losses !== null) fast.push(walked.losses);
    }
    const kth = needed === 1 ? fastest : hours ? hours.sort((a, b) => a - b)[needed - 1]! : slowest;
    // As RecoveryTimes picks the ways it needs: the k-th fastest input's hours, then its own procedure.
    const total = own + Math.max(0, kth);
    if (total >= budget) return { hours: total, losses: null };
    return { hours: total, losses: inAtLeast(fast, fast.length - needed + 1) };
  }
}

/** The events in at least `times` of the ascending lists, ascending. */
function inAtLeast(lists: readonly (readonly number[])[], times: number): readonly number[] {
  if (lists.length === 1) return lists[0]!;
  if (times === lists.length) return lists.reduce(inBoth);
  if (times === 1) return lists.reduce(inEither);
  const all: number[] = [];
  for (const list of lists) for (const event of list) all.push(event);
  if (all.length === 0) return NO_LOSSES;
  all.sort((a, b) => a - b);
  const found: number[] = [];
  for (let start = 0; start < all.length;) {
    let end = start + 1;
    while (end < all.length && all[end] === all[start]) end++;
    if (end - start >= times) found.push(all[start]!);
    start = end;
  }
  return found.length === 0 ? NO_LOSSES : found;
}

/** The events in both ascending lists, ascending. */
function inBoth(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0 || b.length === 0) return NO_LOSSES;
  const found: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      found.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return found.length === 0 ? NO_LOSSES : found;
}

/** The events in either ascending list, ascending. */
function inEither(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const found: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      found.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) found.push(a[i++]!);
    else found.push(b[j++]!);
  }
  while (i < a.length) found.push(a[i++]!);
  while (j < b.length) found.push(b[j++]!);
  return found;
}
