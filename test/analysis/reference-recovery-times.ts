/**
 * Time to recover as it was computed before what-if became incremental (src/analysis/recovery-time.ts at the
 * time), kept as the reference the property tests compare the faster one with.
 */

import { CompiledGraph, stronglyConnectedGates } from '../../src/analysis/compile.js';
import { TRUE } from '../../src/analysis/pdag.js';
import type { RecoveryEstimate, RecoveryStep } from '../../src/analysis/recovery-time.js';
import { SinglePoints } from '../../src/analysis/single-points.js';
import {
  GraphError,
  type DurationRange,
  type FaultGraph,
  type Gate,
  type Input,
} from '../../src/analysis/graph.js';

const ZERO: DurationRange = { min: 0, typical: 0, max: 0 };
const NEVER: DurationRange = { min: Infinity, typical: Infinity, max: Infinity };

interface Way {
  duration: DurationRange;
  /** Identity of the steps in this way: `e<index>` or `g<index>`. */
  steps: Map<string, RecoveryStep>;
}

const nothingToDo = (): Way => ({ duration: ZERO, steps: new Map() });
const impossible = (): Way => ({ duration: NEVER, steps: new Map() });

export class ReferenceRecoveryTimes {
  private readonly graph: FaultGraph;
  private readonly lost: (eventIndex: number) => boolean;
  private readonly cyclic: Uint8Array;
  private readonly memo = new Map<number, Way>();
  private situation: { compiled: CompiledGraph; singlePoints: SinglePoints } | undefined;

  /** `lost` says which events are lost in the situation considered (recorded losses plus a what-if). */
  constructor(graph: FaultGraph, lost: (eventIndex: number) => boolean) {
    this.graph = graph;
    this.lost = lost;
    this.cyclic = stronglyConnectedGates(graph).cyclic;
  }

  /** The fastest way to restore the named gate or event, compared with a deadline when given (hours). */
  estimate(name: string, deadlineHours?: number): RecoveryEstimate {
    const ref = this.graph.find(name);
    if (!ref) throw new GraphError(`no gate or basic event named "${name}"`);
    const way = ref.type === 'event' ? this.eventWay(ref.index) : this.gateWay(ref.index, new Set());
    const possible = Number.isFinite(way.duration.max);
    const steps = [...way.steps.values()].sort(
      (a, b) => b.duration.typical - a.duration.typical || a.name.localeCompare(b.name),
    );
    const estimate: RecoveryEstimate = {
      possible,
      duration: way.duration,
      cost: steps.reduce((sum, step) => sum + step.cost, 0),
      steps: possible ? steps : [],
    };
    if (deadlineHours !== undefined) {
      estimate.slack = {
        min: deadlineHours - way.duration.max,
        typical: deadlineHours - way.duration.typical,
        max: deadlineHours - way.duration.min,
      };
    }
    return estimate;
  }

  private eventWay(index: number): Way {
    if (!this.lost(index)) return nothingToDo();
    const event = this.graph.events[index]!;
    if (!event.duration) return impossible();
    const step: RecoveryStep = {
      ref: { type: 'event', index },
      name: event.name,
      label: event.label ?? event.name,
      kind: 'restore',
      duration: event.duration,
      cost: event.cost ?? 0,
      after: [],
    };
    return { duration: event.duration, steps: new Map([[`e${index}`, step]]) };
  }

  /** Whether a gate holds (is not lost) in the situation considered, computed once when first asked. */
  private holdsNow(index: number): boolean {
    if (!this.situation) {
      const losses = new Set<number>();
      for (const event of this.graph.events) if (this.lost(event.index)) losses.add(event.index);
      const compiled = new CompiledGraph(this.graph, { ignoreRecordedLosses: true, extraLosses: losses });
      this.situation = { compiled, singlePoints: new SinglePoints(compiled.pdag) };
    }
    const literal = this.situation.compiled.gateLiteral(index);
    return literal !== TRUE && !this.situation.singlePoints.isLostNow(literal);
  }

  private gateWay(index: number, path: Set<number>): Way {
    // A condition that holds now (the account is not suspended yet) asks for nothing.
    if (this.graph.gates[index]!.state && this.holdsNow(index)) return nothingToDo();
    // Outside cycles the answer does not depend on the path, so it is computed once.
    const cacheable = !this.cyclic[index];
    if (cacheable) {
      const known = this.memo.get(index);
      if (known) return known;
    }
    const gate = this.graph.gates[index]!;
    path.add(index);
    const inputs = gate.inputs.map((input) => this.inputWay(input, path));
    path.delete(index);
    const way = this.combine(gate, inputs);
    if (cacheable) this.memo.set(index, way);
    return way;
  }

  private inputWay(input: Input, path: Set<number>): Way {
    if (input.type === 'constant') return input.value ? impossible() : nothingToDo();
    if (input.type === 'event') return this.eventWay(input.index);
    if (path.has(input.index)) return impossible();
    return this.gateWay(input.index, path);
  }

  private combine(gate: Gate, inputs: Way[]): Way {
    let needed: number;
    switch (gate.kind) {
      case 'and':
        needed = 1; // any one alternative that holds keeps the gate
        break;
      case 'or':
        needed = inputs.length; // every requirement must hold
        break;
      case 'atleast':
        needed = inputs.length - gate.min! + 1;
        break;
      case 'null':
        needed = 1;
        break;
      default:
        throw new GraphError(
          `gate "${gate.name}" (${gate.kind}): time to recover needs a graph without negation`,
        );
    }
    const chosen = [...inputs].sort((a, b) => a.duration.typical - b.duration.typical).slice(0, needed);
    const steps = new Map<string, RecoveryStep>();
    let duration = ZERO;
    for (const way of chosen) {
      duration = {
        min: Math.max(duration.min, way.duration.min),
        typical: Math.max(duration.typical, way.duration.typical),
        max: Math.max(duration.max, way.duration.max),
      };
      for (const [key, step] of way.steps) steps.set(key, step);
    }
    if (!Number.isFinite(duration.max)) return impossible();
    // A gate's duration is its own procedure (a review, a waiting period): it runs after its inputs hold.
    if (gate.duration) {
      const own = gate.duration;
      const after = [...steps.values()].map((step) => step.name);
      duration = {
        min: duration.min + own.min,
        typical: duration.typical + own.typical,
        max: duration.max + own.max,
      };
      steps.set(`g${gate.index}`, {
        ref: { type: 'gate', index: gate.index },
        name: gate.name,
        label: gate.label ?? gate.name,
        kind: 'process',
        duration: own,
        cost: gate.cost ?? 0,
        after,
      });
    }
    return { duration, steps };
  }
}
