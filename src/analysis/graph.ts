/**
 * The fault graph the engine analyses: basic events (the loss of a factor) and gates over them, in failure
 * logic — a gate is true when what it stands for is lost. Gates may be shared by many parents and may form
 * cycles; the engine resolves cycles as least fixed points of the success side (see compile.ts).
 */

export type GateKind = 'and' | 'or' | 'atleast' | 'not' | 'xor' | 'nand' | 'nor' | 'null' | 'iff';

/** A duration range in hours: the fastest seen, the usual, and the slowest. */
export interface DurationRange {
  readonly min: number;
  readonly typical: number;
  readonly max: number;
}

/** Where an input of a gate points: an event, a gate, or a constant (an MEF house event or constant). */
export type Input =
  | { readonly type: 'event'; readonly index: number }
  | { readonly type: 'gate'; readonly index: number }
  | { readonly type: 'constant'; readonly value: boolean };

/** Annotations the owner's model may attach to events and gates; the engine reads but never needs them. */
export interface Annotations {
  /** Human name (a factor's or a capability's), shown in reports instead of the id. */
  label?: string | undefined;
  /** What restoring this takes: for an event, replacing the lost factor; for a gate, running the process. */
  duration?: DurationRange | undefined;
  /** Money it costs, in the model's currency. */
  cost?: number | undefined;
  /**
   * For a gate: it stands for a condition that holds or not right now (an account not suspended yet), not
   * for something to do; while it holds, whatever depends on it needs no time.
   */
  state?: boolean | undefined;
}

export interface BasicEvent extends Annotations {
  readonly index: number;
  readonly name: string;
  /** Probability of the loss over the period considered; absent when unknown. */
  probability?: number | undefined;
  /** The loss has already happened (a factor lost, a phone number outdated): the event is true now. */
  lost: boolean;
  /**
   * For an event not lost now that will be at a known time (a dunning deadline passing): hours from now until
   * it is. Analyses of what can happen eventually count it as lost; evaluations of a moment count it from then.
   */
  onset?: number | undefined;
}

export interface Gate extends Annotations {
  readonly index: number;
  readonly name: string;
  kind: GateKind;
  /** For `atleast`: how many inputs must be true. */
  min?: number | undefined;
  inputs: Input[];
  /** False while a gate has been referenced but not yet defined (MEF allows forward references). */
  defined: boolean;
}

export type NodeRef = { readonly type: 'event' | 'gate'; readonly index: number };

/** Raised for a graph that cannot be analysed: a dangling reference, a duplicate name, a bad k-of-n. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
}

/** No inputs yet: shared by every gate referenced before it is defined, which defineGate replaces. */
const noInputs: Input[] = [];

/**
 * A gate referenced and not yet defined, with every annotation it may carry so that all gates share one
 * hidden class: annotations added afterwards gave each gate a second object for them, and the engine three
 * or four shapes to read. A literal, which V8 allocates straight into the old generation once it sees that
 * nearly all of them live on (a class instance it would copy out of the young one).
 */
function placeholder(index: number, name: string): Gate {
  return {
    index,
    name,
    kind: 'null',
    inputs: noInputs,
    defined: false,
    label: undefined,
    duration: undefined,
    cost: undefined,
    state: undefined,
    min: undefined,
  };
}

export class FaultGraph {
  readonly events: BasicEvent[] = [];
  readonly gates: Gate[] = [];
  private readonly eventIndex = new Map<string, number>();
  private readonly gateIndex = new Map<string, number>();
  // One reference per gate, handed out to every caller: a recovery graph of 10,000 accounts asks 160,000
  // times, and a fresh object each time was that much more for the collector.
  private readonly gateRefs: (Input & NodeRef)[] = [];
  private readonly eventRefs: (Input & NodeRef)[] = [];

  addEvent(name: string, options: Omit<Partial<BasicEvent>, 'index' | 'name'> = {}): Input & NodeRef {
    if (this.eventIndex.has(name)) throw new GraphError(`basic event "${name}" is defined twice`);
    const index = this.events.length;
    // Copied onto a fresh object rather than spread into a literal with more keys: V8 gives each such literal a
    // hidden class of its own (11,000 at 10,000 accounts); the keys come out in the same order.
    const event = Object.assign({}, options) as BasicEvent;
    Object.assign(event, { index, name, lost: options.lost ?? false });
    this.events.push(event);
    this.eventIndex.set(name, index);
    const ref = { type: 'event', index } as const;
    this.eventRefs.push(ref);
    return ref;
  }

  /** The reference of the event of that name, the one `addEvent` handed out; undefined when there is none. */
  eventRefOf(name: string): (Input & NodeRef) | undefined {
    const index = this.eventIndex.get(name);
    return index === undefined ? undefined : this.eventRefs[index];
  }

  /** The reference of the gate of that name when it is defined; undefined when unknown or only referenced. */
  definedGateRef(name: string): (Input & NodeRef) | undefined {
    const index = this.gateIndex.get(name);
    return index === undefined || !this.gates[index]!.defined ? undefined : this.gateRefs[index];
  }

  /** A reference to a gate by name, creating an undefined placeholder when it is not known yet. */
  gateRef(name: string): Input & NodeRef {
    const known = this.gateIndex.get(name);
    if (known !== undefined) return this.gateRefs[known]!;
    const index = this.gates.length;
    this.gates.push(placeholder(index, name));
    this.gateIndex.set(name, index);
    const ref = { type: 'gate', index } as const;
    this.gateRefs.push(ref);
    return ref;
  }

  /**
   * Defines a gate by name, or by the reference `gateRef` handed out for it: a builder that holds the
   * reference spares a second look-up of a name it has already looked up.
   */
  defineGate(
    gateOrName: string | NodeRef,
    kind: GateKind,
    inputs: Input[],
    options: Annotations & { min?: number | undefined } = {},
  ): Input & NodeRef {
    const ref = typeof gateOrName === 'string' ? this.gateRef(gateOrName) : this.gateRefs[gateOrName.index];
    if (ref === undefined || (typeof gateOrName !== 'string' && gateOrName.type !== 'gate')) {
      throw new GraphError(`no gate ${JSON.stringify(gateOrName)} in this graph`);
    }
    const gate = this.gates[ref.index]!;
    const name = gate.name;
    if (gate.defined) throw new GraphError(`gate "${name}" is defined twice`);
    if (kind === 'atleast') {
      const min = options.min;
      if (min === undefined || !Number.isInteger(min) || min < 1 || min > inputs.length) {
        throw new GraphError(
          `gate "${name}": atleast needs a whole min between 1 and its ${inputs.length} inputs, got ${String(min)}`,
        );
      }
    }
    if ((kind === 'not' || kind === 'null') && inputs.length !== 1) {
      throw new GraphError(`gate "${name}": ${kind} takes exactly one input, got ${inputs.length}`);
    }
    if (inputs.length === 0) throw new GraphError(`gate "${name}" has no inputs`);
    // Field by field, not Object.assign: every gate has each field from its placeholder on, and a generic copy
    // per gate showed in building 120,000 of them.
    gate.label = options.label;
    gate.duration = options.duration;
    gate.cost = options.cost;
    gate.state = options.state;
    gate.min = options.min;
    gate.kind = kind;
    gate.inputs = inputs;
    gate.defined = true;
    return ref;
  }

  findEvent(name: string): BasicEvent | undefined {
    const index = this.eventIndex.get(name);
    return index === undefined ? undefined : this.events[index];
  }

  findGate(name: string): Gate | undefined {
    const index = this.gateIndex.get(name);
    return index === undefined ? undefined : this.gates[index];
  }

  /** The gate or event of that name; gates first, since a top event is usually a gate. */
  find(name: string): NodeRef | undefined {
    const gate = this.gateIndex.get(name);
    if (gate !== undefined) return { type: 'gate', index: gate };
    const event = this.eventIndex.get(name);
    if (event !== undefined) return { type: 'event', index: event };
    return undefined;
  }

  nameOf(ref: NodeRef): string {
    return ref.type === 'gate' ? this.gates[ref.index]!.name : this.events[ref.index]!.name;
  }

  labelOf(ref: NodeRef): string {
    const node = ref.type === 'gate' ? this.gates[ref.index]! : this.events[ref.index]!;
    return node.label ?? node.name;
  }

  /** Gates referenced somewhere but never defined. */
  undefinedGates(): Gate[] {
    return this.gates.filter((gate) => !gate.defined);
  }

  /** Gates no other gate points to: the natural top events of a fault tree. */
  roots(): Gate[] {
    const referenced = new Uint8Array(this.gates.length);
    for (const gate of this.gates) {
      for (const input of gate.inputs) if (input.type === 'gate') referenced[input.index] = 1;
    }
    return this.gates.filter((gate) => gate.defined && referenced[gate.index] === 0);
  }
}
