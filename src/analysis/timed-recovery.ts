/**
 * Recovery against time. Some losses are not there yet but come at a known time (events with an `onset`: a
 * suspension date passing): until then what they would take still works. A way back counts with what works now
 * only if it finishes before the first such loss below it; otherwise the way back is the one left once those
 * losses have happened. Read cautiously: the whole way must end before the onset, even where what it needs is
 * used only at its start.
 */

import { stronglyConnectedGates } from './compile.js';
import type { FaultGraph, NodeRef } from './graph.js';
import { RecoveryTimes, type RecoveryEstimate } from './recovery-time.js';

/** Whether the way back finishes before the losses it races: in every case, typically, or not. */
export type Race = 'won' | 'typical' | 'lost';

export interface TimedEstimate extends RecoveryEstimate {
  /** Hours from now to the first loss to come that this way needs: it must finish before (absent: none). */
  onset?: number | undefined;
  /** The name of that event. */
  onsetEvent?: string | undefined;
  race?: Race | undefined;
  /** The way back once the losses to come have happened, when the race can be lost. */
  afterOnset?: RecoveryEstimate | undefined;
  /** The way that would need what goes at the onset, when it cannot typically finish before. */
  beforeOnset?: RecoveryEstimate | undefined;
}

/** The events still to come in a situation: not lost now, with a known onset. */
export function pendingEvents(graph: FaultGraph, lost: (eventIndex: number) => boolean): number[] {
  const pending: number[] = [];
  for (const event of graph.events) {
    if (event.onset !== undefined && !lost(event.index)) pending.push(event.index);
  }
  return pending;
}

export class TimedRecovery {
  /** Ways back with what works now. */
  readonly now: RecoveryTimes;
  /** Ways back once every pending loss has happened. */
  readonly later: RecoveryTimes;
  private readonly graph: FaultGraph;
  /** For each gate, the earliest onset of a pending event below it (Infinity: none), and that event. */
  private readonly gateOnset: Float64Array;
  private readonly gateOnsetEvent: Int32Array;
  private readonly pending: ReadonlySet<number>;

  /**
   * `lost` says which events are lost now (recorded losses plus a what-if); `known.cyclic`, the graph's gates
   * on a cycle when the caller has found them already.
   */
  constructor(
    graph: FaultGraph,
    lost: (eventIndex: number) => boolean,
    known: { cyclic?: Uint8Array | undefined } = {},
  ) {
    this.graph = graph;
    this.pending = new Set(pendingEvents(graph, lost));
    const cyclic = known.cyclic ?? stronglyConnectedGates(graph).cyclic;
    this.now = new RecoveryTimes(graph, lost, { cyclic });
    this.later =
      this.pending.size === 0
        ? this.now
        : new RecoveryTimes(graph, (index) => lost(index) || this.pending.has(index), { cyclic });
    this.gateOnset = new Float64Array(graph.gates.length).fill(Infinity);
    this.gateOnsetEvent = new Int32Array(graph.gates.length).fill(-1);
    if (this.pending.size > 0) this.propagateOnsets();
  }

  /** The fastest way back to a gate or event, raced against the losses to come below it. */
  estimateOf(ref: NodeRef, deadlineHours?: number): TimedEstimate {
    const now = this.now.estimateOf(ref, deadlineHours);
    // Most graphs have no loss to come: then no race, and no pair allocated per estimate to say so.
    if (this.pending.size === 0) return now;
    const [onset, eventIndex] = this.onsetBelow(ref);
    if (!Number.isFinite(onset)) return now;
    const onsetEvent = this.graph.events[eventIndex]!.name;
    const later = this.later.estimateOf(ref, deadlineHours);
    if (now.possible && now.duration.max <= onset) return { ...now, onset, onsetEvent, race: 'won' };
    if (now.possible && now.duration.typical <= onset) {
      return { ...now, onset, onsetEvent, race: 'typical', afterOnset: later };
    }
    return { ...later, onset, onsetEvent, race: 'lost', beforeOnset: now.possible ? now : undefined };
  }

  estimate(name: string, deadlineHours?: number): TimedEstimate {
    const ref = this.graph.find(name);
    if (!ref) throw new Error(`no gate or basic event named "${name}"`);
    return this.estimateOf(ref, deadlineHours);
  }

  /** The earliest onset of a pending event below a node, and that event's index (-1: none). */
  onsetBelow(ref: NodeRef): [number, number] {
    if (ref.type === 'event') {
      return this.pending.has(ref.index) ? [this.graph.events[ref.index]!.onset!, ref.index] : [Infinity, -1];
    }
    return [this.gateOnset[ref.index]!, this.gateOnsetEvent[ref.index]!];
  }

  /** Each gate's earliest pending onset below it: relaxed to a fixed point, so cycles need no special case. */
  private propagateOnsets(): void {
    const { gates, events } = this.graph;
    let changed = true;
    while (changed) {
      changed = false;
      for (const gate of gates) {
        let best = this.gateOnset[gate.index]!;
        let bestEvent = this.gateOnsetEvent[gate.index]!;
        for (const input of gate.inputs) {
          let onset = Infinity;
          let event = -1;
          if (input.type === 'event') {
            if (this.pending.has(input.index)) [onset, event] = [events[input.index]!.onset!, input.index];
          } else if (input.type === 'gate') {
            [onset, event] = [this.gateOnset[input.index]!, this.gateOnsetEvent[input.index]!];
          }
          if (onset < best) [best, bestEvent] = [onset, event];
        }
        if (best < this.gateOnset[gate.index]!) {
          this.gateOnset[gate.index] = best;
          this.gateOnsetEvent[gate.index] = bestEvent;
          changed = true;
        }
      }
    }
  }
}
