/**
 * Accounts alike. An Organization's members are mostly the same gates over a few nodes of their own (a security
 * key, the gates of their capabilities) and many shared ones (the management account, the admins' phones). An
 * account whose capabilities pair node for node with an earlier account's — the same kinds, thresholds,
 * durations, costs and losses; its own nodes reached from nowhere else; the shared ones the very same nodes —
 * has that account's results up to the renaming the pairing gives, and the engine need not analyse it.
 *
 * The engine is then asked only of the accounts not renamed. Their sets are the same sets whoever else it is
 * asked of; the order it lists those of one size in, and so which are listed when there are more than the
 * report shows, follows its variable order, which depends on every top it is given. An account renamed lists
 * the sets of the account it is renamed from, in that account's order: exactly its own sets, and the same
 * listing for every account of a structure. Its tests compare every account's sets, ways, single points and
 * fastest way back with the engine's own answers for each account.
 */

import type { DurationRange, FaultGraph, GateKind, Input, NodeRef } from '../analysis/graph.js';
import type { RecoveryEstimate, RecoveryStep } from '../analysis/recovery-time.js';
import { compareSteps } from '../analysis/recovery-time.js';
import { NumberListTable } from '../analysis/number-hash.js';
import { IntList } from '../analysis/int-list.js';
import type { TimedEstimate } from '../analysis/timed-recovery.js';
import type { CapabilityGate } from './builder.js';

/** A node as one number: an event's index times two, a gate's index times two plus one. */
type NodeCode = number;

const codeOf = (ref: NodeRef): NodeCode => (ref.type === 'event' ? 2 * ref.index : 2 * ref.index + 1);

/** The node of a code. */
const refOfCode = (code: NodeCode): NodeRef => ({
  type: (code & 1) === 1 ? 'gate' : 'event',
  index: code >> 1,
});

/** How an account's capabilities are found: analysed by the engine, or renamed from an account alike. */
export interface AlikeAccount {
  /** Index, in the capability list, of the first capability of the account it is renamed from. */
  readonly from: number;
  /** The other account's nodes → this account's, for every node of the capabilities' cones that differs. */
  readonly image: ReadonlyMap<NodeCode, NodeCode>;
}

/**
 * For each capability of the list (by index), the account alike it is renamed from; undefined for those the
 * engine analyses. `waysOf` gives a capability's way gates (from its own gate), in the order of its ways;
 * `otherTops` names the engine's other tops (the accounts outside AWS), whose cones own no account's nodes.
 */
export function alikeAccounts<C extends string, A>(
  graph: FaultGraph,
  capabilities: readonly CapabilityGate<C, A>[],
  waysOf: (capability: CapabilityGate<C, A>, gate: NodeRef) => readonly NodeRef[],
  otherTops: readonly string[] = [],
): (AlikeAccount | undefined)[] {
  const alike = new Array<AlikeAccount | undefined>(capabilities.length).fill(undefined);
  const pairing = new Pairing(graph, capabilities, waysOf, otherTops);
  // Accounts by fingerprint, each the first of its structure (the index of its first capability): those of one
  // fingerprint are then paired in full.
  const structures = new NumberListTable<number[]>();
  for (let start = 0; start < capabilities.length;) {
    const account = capabilities[start]!.account;
    let end = start + 1;
    while (end < capabilities.length && capabilities[end]!.account === account) end++;
    const alikeOnes = pairing.fingerprint(start, end)
      ? structures.find(pairing.numbers.values, pairing.numbers.length, noStructures)
      : undefined;
    let placed = false;
    for (let at = 0; alikeOnes !== undefined && at < alikeOnes.length; at++) {
      const from = alikeOnes[at]!;
      const image = pairing.pair(from, start, end - start);
      if (image === undefined) continue;
      for (let index = start; index < end; index++) alike[index] = { from: from + index - start, image };
      placed = true;
      break;
    }
    if (!placed) alikeOnes?.push(start);
    start = end;
  }
  return alike;
}

function noStructures(): number[] {
  return [];
}

/** A node no account owns alone: reached from the capabilities of two accounts or more. */
const SHARED = -2;
/** A node no capability reaches. */
const UNREACHED = -1;
/** The owner of the other tops' nodes: an account's node they reach is shared. */
const OTHER_TOPS = -3;

/**
 * Node-for-node pairing of one account's capability cones with another's. Tables by node code, stamped per
 * attempt rather than cleared: 10,000 accounts pair over a graph of 130,000 nodes.
 */
class Pairing<C extends string, A> {
  /**
   * By node code, the account (the index of its first capability) whose capabilities alone reach the node,
   * SHARED, or UNREACHED. An account's own nodes are renamed; every other node must be the very same.
   */
  private readonly owner: Int32Array;
  private readonly image: Int32Array;
  private readonly imageStamp: Int32Array;
  private readonly preimageStamp: Int32Array;
  private stamp = 0;
  private readonly own: NodeCode[] = [];
  private readonly stack: NodeCode[] = [];
  /** By capability index, its gate's node code, and its ways' (found when first paired). */
  private readonly gates: Int32Array;
  private readonly ways: (readonly NodeRef[] | undefined)[];

  constructor(
    private readonly graph: FaultGraph,
    private readonly capabilities: readonly CapabilityGate<C, A>[],
    private readonly waysOf: (capability: CapabilityGate<C, A>, gate: NodeRef) => readonly NodeRef[],
    otherTops: readonly string[],
  ) {
    const codes = 2 * Math.max(graph.events.length, graph.gates.length) + 2;
    this.image = new Int32Array(codes);
    this.imageStamp = new Int32Array(codes);
    this.preimageStamp = new Int32Array(codes);
    this.gates = new Int32Array(capabilities.length).fill(-1);
    this.ways = new Array<readonly NodeRef[] | undefined>(capabilities.length).fill(undefined);
    this.owner = new Int32Array(codes).fill(UNREACHED);
    // Owners flow down from each account's capability gates; a node's owner changes at most twice.
    const owner = this.owner;
    const work: NodeCode[] = [];
    const reach = (code: NodeCode, account: number): void => {
      const known = owner[code]!;
      if (known === account || known === SHARED) return;
      owner[code] = known === UNREACHED ? account : SHARED;
      if ((code & 1) === 1) work.push(code);
    };
    for (let start = 0, index = 0; index < capabilities.length; index++) {
      if (capabilities[index]!.account !== capabilities[start]!.account) start = index;
      const gate = graph.findGate(capabilities[index]!.gate);
      if (gate === undefined) continue;
      this.gates[index] = 2 * gate.index + 1;
      reach(2 * gate.index + 1, start);
    }
    for (const name of otherTops) {
      const gate = graph.findGate(name);
      if (gate !== undefined) reach(2 * gate.index + 1, OTHER_TOPS);
    }
    while (work.length > 0) {
      const code = work.pop()!;
      const account = owner[code]!;
      for (const input of graph.gates[code >> 1]!.inputs)
        if (input.type !== 'constant') reach(codeOf(input), account);
    }
  }

  /** The last fingerprint. */
  readonly numbers = new IntList();

  /**
   * What tells an account's structure from another's, in `numbers`: its own nodes by kind and size in the order
   * met from its capabilities, every other node they reach by identity. False when a capability has no gate.
   */
  fingerprint(start: number, end: number): boolean {
    const graph = this.graph;
    const stamp = ++this.stamp;
    const queue = this.stack;
    queue.length = 0;
    const numbers = this.numbers;
    numbers.length = 0;
    // Own nodes numbered as met (in image, free outside a pairing); others written as -code - 3.
    const write = (code: NodeCode): void => {
      if (this.owner[code] !== start) {
        numbers.push(-code - 3);
        return;
      }
      if (this.imageStamp[code] !== stamp) {
        this.imageStamp[code] = stamp;
        this.image[code] = queue.length;
        queue.push(code);
      }
      numbers.push(this.image[code]!);
    };
    for (let index = start; index < end; index++) {
      const gate = this.gates[index]!;
      if (gate < 0) return false;
      write(gate);
    }
    for (let at = 0; at < queue.length; at++) {
      const code = queue[at]!;
      if ((code & 1) === 0) {
        numbers.push(-1);
        continue;
      }
      const gate = graph.gates[code >> 1]!;
      numbers.push(gateKinds.indexOf(gate.kind));
      numbers.push(gate.min ?? 0);
      numbers.push(gate.inputs.length);
      for (const input of gate.inputs) {
        if (input.type === 'constant') numbers.push(input.value ? -1 : -2);
        else write(codeOf(input));
      }
    }
    return true;
  }

  /**
   * The image of the `count` capabilities from `from` on the ones from `start` on, when they pair node for
   * node (their ways' gates included): only the nodes that differ. Undefined when they do not pair.
   */
  pair(from: number, start: number, count: number): Map<NodeCode, NodeCode> | undefined {
    const graph = this.graph;
    const capabilities = this.capabilities;
    const stamp = ++this.stamp;
    const own = this.own;
    const stack = this.stack;
    own.length = 0;
    stack.length = 0;
    const meet = (other: NodeCode, mine: NodeCode): boolean => {
      if (this.imageStamp[other] === stamp) return this.image[other] === mine;
      if (this.preimageStamp[mine] === stamp) return false;
      this.imageStamp[other] = stamp;
      this.image[other] = mine;
      this.preimageStamp[mine] = stamp;
      // The very same node (shared): the same cone below it.
      if (other === mine) return true;
      // Else each account's own, alike in everything the analysis reads but names and labels.
      if (this.owner[other] !== from || this.owner[mine] !== start || !this.sameNode(other, mine))
        return false;
      own.push(other);
      if ((other & 1) === 1) stack.push(other, mine);
      return true;
    };
    for (let offset = 0; offset < count; offset++) {
      const theirs = capabilities[from + offset];
      const ours = capabilities[start + offset]!;
      if (theirs === undefined || theirs.capability !== ours.capability) return undefined;
      if (!meet(this.gates[from + offset]!, this.gates[start + offset]!)) return undefined;
    }
    while (stack.length > 0) {
      const mine = stack.pop()!;
      const other = stack.pop()!;
      const theirInputs = graph.gates[other >> 1]!.inputs;
      const ourInputs = graph.gates[mine >> 1]!.inputs;
      for (let position = 0; position < theirInputs.length; position++) {
        const theirs = theirInputs[position]!;
        const ours = ourInputs[position]!;
        if (theirs.type !== ours.type) return undefined;
        if (theirs.type === 'constant') {
          if (theirs.value !== (ours as Input & { type: 'constant' }).value) return undefined;
        } else if (!meet(codeOf(theirs), codeOf(ours as NodeRef))) return undefined;
      }
    }
    // Each way of a capability is the way of the same position in the other: results are per way.
    for (let offset = 0; offset < count; offset++) {
      const theirWays = this.waysAt(from + offset);
      const ourWays = this.waysAt(start + offset);
      if (theirWays.length !== ourWays.length) return undefined;
      for (let position = 0; position < theirWays.length; position++) {
        const other = codeOf(theirWays[position]!);
        const paired = this.imageStamp[other] === stamp ? this.image[other] : undefined;
        if (paired !== codeOf(ourWays[position]!)) return undefined;
      }
    }
    const image = new Map<NodeCode, NodeCode>();
    for (const other of own) image.set(other, this.image[other]!);
    return image;
  }

  private waysAt(index: number): readonly NodeRef[] {
    let ways = this.ways[index];
    if (ways === undefined) {
      const gate = this.gates[index]!;
      this.ways[index] = ways = this.waysOf(this.capabilities[index]!, { type: 'gate', index: gate >> 1 });
    }
    return ways;
  }

  /** Two nodes alike in everything the analysis reads but their names and labels. */
  private sameNode(other: NodeCode, mine: NodeCode): boolean {
    if ((other & 1) !== (mine & 1)) return false;
    const graph = this.graph;
    if ((other & 1) === 0) {
      const a = graph.events[other >> 1]!;
      const b = graph.events[mine >> 1]!;
      return (
        a.lost === b.lost &&
        a.onset === b.onset &&
        a.probability === b.probability &&
        a.cost === b.cost &&
        a.state === b.state &&
        sameRange(a.duration, b.duration)
      );
    }
    const a = graph.gates[other >> 1]!;
    const b = graph.gates[mine >> 1]!;
    return (
      a.kind === b.kind &&
      a.min === b.min &&
      a.defined === b.defined &&
      a.inputs.length === b.inputs.length &&
      a.cost === b.cost &&
      a.state === b.state &&
      sameRange(a.duration, b.duration)
    );
  }
}

const gateKinds: readonly GateKind[] = ['and', 'or', 'atleast', 'not', 'xor', 'nand', 'nor', 'null', 'iff'];

function sameRange(a: DurationRange | undefined, b: DurationRange | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.min === b.min && a.typical === b.typical && a.max === b.max;
}

/**
 * An account's results from another's: events and steps through the pairing's image. Sets and single points
 * stay sorted by event index and steps in their order, as the engine and the recovery times give them.
 */
export class Renaming<Ref> {
  private names: Map<string, string> | undefined;

  constructor(
    private readonly graph: FaultGraph,
    private readonly image: ReadonlyMap<NodeCode, NodeCode>,
    private readonly factors: FactorLists<Ref>,
  ) {}

  /** Factors by reference, sorted by event index as the engine lists them; the same list when none differs. */
  refs(list: readonly Ref[]): Ref[] {
    const events = this.factors.eventsOf(list);
    let renamed: number[] | undefined;
    for (let position = 0; position < events.length; position++) {
      const mine = this.image.get(2 * events[position]!);
      if (mine === undefined) {
        renamed?.push(events[position]!);
        continue;
      }
      renamed ??= Array.from(events.subarray(0, position));
      renamed.push(mine >> 1);
    }
    if (renamed === undefined) return list as Ref[];
    return renamed.sort((a, b) => a - b).map(this.factors.refOf);
  }

  /** Lists of factor lists (lockout sets), each renamed; the same list of lists when none of them differs. */
  sets(lists: readonly (readonly Ref[])[]): Ref[][] {
    let renamed: Ref[][] | undefined;
    for (let position = 0; position < lists.length; position++) {
      const list = lists[position]!;
      const mine = this.refs(list);
      if (renamed === undefined && mine === list) continue;
      renamed ??= lists.slice(0, position) as Ref[][];
      renamed.push(mine);
    }
    return renamed ?? (lists as Ref[][]);
  }

  /** An estimate whose steps and onset are this account's; the same one when none of them differs. */
  estimate<E extends RecoveryEstimate & Partial<TimedEstimate>>(estimate: E): E {
    const steps = this.steps(estimate.steps);
    const onsetEvent = estimate.onsetEvent === undefined ? undefined : this.name(estimate.onsetEvent);
    const afterOnset = estimate.afterOnset && this.estimate(estimate.afterOnset);
    const beforeOnset = estimate.beforeOnset && this.estimate(estimate.beforeOnset);
    if (
      steps === estimate.steps &&
      onsetEvent === estimate.onsetEvent &&
      afterOnset === estimate.afterOnset &&
      beforeOnset === estimate.beforeOnset
    ) {
      return estimate;
    }
    const renamed: E = { ...estimate, steps };
    if (onsetEvent !== undefined) renamed.onsetEvent = onsetEvent;
    if (afterOnset !== undefined) renamed.afterOnset = afterOnset;
    if (beforeOnset !== undefined) renamed.beforeOnset = beforeOnset;
    return renamed;
  }

  private steps(steps: RecoveryStep[]): RecoveryStep[] {
    // A step waits only for steps of the same way: when none is renamed, none it waits for is.
    if (!steps.some((step) => this.image.has(codeOf(step.ref)))) return steps;
    return steps
      .map((step): RecoveryStep => {
        const mine = this.image.get(codeOf(step.ref));
        const after = step.after.map((name) => this.name(name));
        if (mine === undefined) return { ...step, after };
        const ref = refOfCode(mine);
        return { ...step, ref, name: this.graph.nameOf(ref), label: this.graph.labelOf(ref), after };
      })
      .sort(compareSteps);
  }

  private name(name: string): string {
    return this.nameMap().get(name) ?? name;
  }

  /** The names of the nodes that differ, made when a step or an onset first asks. */
  private nameMap(): Map<string, string> {
    if (this.names === undefined) {
      this.names = new Map();
      const nameOf = (code: NodeCode): string => this.graph.nameOf(refOfCode(code));
      for (const [other, mine] of this.image) this.names.set(nameOf(other), nameOf(mine));
    }
    return this.names;
  }
}

/**
 * The events of lists of factor references, found once per list: an account's lists are renamed for every
 * account alike, and most of them name shared factors only.
 */
export class FactorLists<Ref> {
  private readonly events = new WeakMap<readonly Ref[], Int32Array>();

  constructor(
    /** A factor's reference by its event's index, and back. */
    readonly refOf: (event: number) => Ref,
    private readonly eventOf: (ref: Ref) => number,
  ) {}

  eventsOf(list: readonly Ref[]): Int32Array {
    let events = this.events.get(list);
    if (events === undefined) {
      events = new Int32Array(list.length);
      for (let position = 0; position < list.length; position++)
        events[position] = this.eventOf(list[position]!);
      this.events.set(list, events);
    }
    return events;
  }
}
