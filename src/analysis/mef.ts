/**
 * Reads and writes fault graphs as Open-PSA Model Exchange Format (MEF) XML, the format of SCRAM and of the
 * Aralia benchmark, so the engine can be checked against SCRAM and a Lockout model can be exported.
 */

import { SaxesParser } from 'saxes';
import { cyclicGateCount } from './compile.js';
import {
  FaultGraph,
  GraphError,
  type Annotations,
  type BasicEvent,
  type DurationRange,
  type Gate,
  type GateKind,
  type Input,
} from './graph.js';

export interface MefModel {
  graph: FaultGraph;
  /** Names of the `<define-fault-tree>` elements, in file order. */
  faultTrees: string[];
  /** Defined gates no other gate references, in definition order: the fault trees' top events. */
  tops: string[];
}

export interface MefErrorLocation {
  file: string;
  line: number;
  /** One-based, counted in characters. */
  column: number;
  /** The XML element at fault, without angle brackets. */
  element?: string | undefined;
  /** What the author of the file can do about it. */
  hint?: string | undefined;
}

/** A file that is not MEF this reader understands; its message reads `file:line:column: <element>: problem`. */
export class MefError extends Error {
  override readonly name = 'MefError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly element: string | undefined;
  readonly hint: string | undefined;
  /** The message without its location. */
  readonly problem: string;

  constructor(location: MefErrorLocation, problem: string) {
    const element = location.element === undefined ? '' : `<${location.element}>: `;
    super(`${location.file}:${location.line}:${location.column}: ${element}${problem}`);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.element = location.element;
    this.hint = location.hint;
    this.problem = problem;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------------------

/** Where an element starts. */
interface Position {
  /** The file the position is in: a model may be split over several files. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly element: string;
}

/** The `lockout-*` attributes that carry a Lockout model's annotations through MEF. */
interface LockoutAttributes {
  name?: string;
  lost?: boolean;
  durationMin?: number;
  durationTypical?: number;
  durationMax?: number;
  cost?: number;
}

interface RawNode {
  readonly at: Position;
  label?: string;
  readonly lockout: LockoutAttributes;
}

type Attributes = Record<string, string>;
type Fail = (at: Position, problem: string, hint?: string) => never;

type ReferenceKind = 'gate' | 'basic-event' | 'house-event' | 'event';

interface Reference {
  readonly kind: ReferenceKind;
  readonly name: string;
  readonly at: Position;
  /** Filled once the whole file is read. */
  input?: Input;
}

type Argument =
  | Reference
  | { readonly kind: 'constant'; readonly value: boolean }
  /** A formula nested inside another: an anonymous gate, by its index among the raw gates. */
  | { readonly kind: 'formula'; readonly gate: number };

interface RawGate extends RawNode {
  readonly index: number;
  /** The MEF name; undefined for a nested formula, named after its parent once the file is read. */
  readonly name: string | undefined;
  /** For a nested formula, the index of the gate it is nested in. */
  readonly parent: number;
  kind: GateKind | undefined;
  min?: number;
  readonly args: Argument[];
}

interface RawEvent extends RawNode {
  readonly name: string;
  probability?: number;
}

interface RawHouseEvent extends RawNode {
  readonly name: string;
  value: boolean;
}

type Definition =
  | { readonly kind: 'gate'; readonly index: number; readonly at: Position }
  | { readonly kind: 'basic-event'; readonly index: number; readonly at: Position }
  | { readonly kind: 'house-event'; readonly house: RawHouseEvent; readonly at: Position };

/** What the parser is inside of; the top of the stack decides what a child element may be. */
type Frame =
  | { readonly type: 'document' }
  | { readonly type: 'container' }
  | { readonly type: 'define-gate'; readonly gate: RawGate; hasFormula: boolean }
  | { readonly type: 'formula'; readonly gate: RawGate; readonly at: Position }
  | { readonly type: 'define-basic-event'; readonly event: RawEvent; hasExpression: boolean }
  | { readonly type: 'define-house-event'; readonly house: RawHouseEvent; hasConstant: boolean }
  | { readonly type: 'label'; readonly owner: RawNode; text: string }
  | { readonly type: 'attributes'; readonly owner: RawNode }
  | { readonly type: 'empty'; readonly at: Position }
  | { readonly type: 'skip' };

const FORMULAS: ReadonlySet<string> = new Set<GateKind>([
  'and',
  'or',
  'atleast',
  'not',
  'xor',
  'nand',
  'nor',
  'iff',
  'null',
]);

function isFormula(element: string): element is GateKind {
  return FORMULAS.has(element);
}

/** Elements that change the logic in ways this reader does not model; skipping them would give wrong results. */
const UNSUPPORTED: ReadonlyMap<string, { problem: string; hint?: string }> = new Map([
  [
    'define-CCF-group',
    {
      problem: 'common-cause failure groups are not supported',
      hint: 'expand the group into basic events and OR gates',
    },
  ],
  ['define-event-tree', { problem: 'event trees are not supported' }],
  ['define-initiating-event', { problem: 'event trees (initiating events) are not supported' }],
  ['define-sequence', { problem: 'event trees (sequences) are not supported' }],
  ['define-rule', { problem: 'event trees (rules) are not supported' }],
  ['define-functional-event', { problem: 'event trees (functional events) are not supported' }],
  ['define-substitution', { problem: 'substitutions are not supported' }],
]);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Reads an MEF file into a fault graph. Streams with saxes: the file is never held as a DOM. References are
 * resolved once the whole file is read, since MEF allows using gates and events before defining them.
 */
export function readMef(text: string, file: string): MefModel {
  return readMefFiles([{ text, file }]);
}

/**
 * Reads one model split over several MEF files (a fault tree in one, its basic events in another, as SCRAM's
 * inputs are); definitions and references are shared, and every error names the file it is in.
 */
export function readMefFiles(sources: readonly { text: string; file: string }[]): MefModel {
  const reader = new MefReader();
  for (const source of sources) reader.parse(source.text, source.file);
  return reader.finish();
}

/** One reading: the stack of open elements and what has been defined and referenced so far. */
class MefReader {
  private readonly gates: RawGate[] = [];
  private readonly events: RawEvent[] = [];
  private readonly definitions = new Map<string, Definition>();
  /** Every reference in document order, so the first unresolvable one is the one reported. */
  private readonly references: Reference[] = [];
  private readonly faultTrees: string[] = [];
  private stack: Frame[] = [{ type: 'document' }];
  private file = '';
  /** Where the element being opened starts. */
  private start: Position = { file: '', line: 1, column: 1, element: '' };

  readonly fail: Fail = (at, problem, hint) => {
    throw new MefError(
      { file: at.file, line: at.line, column: at.column, element: at.element, hint },
      problem,
    );
  };

  parse(text: string, file: string): void {
    this.file = file;
    this.stack = [{ type: 'document' }];
    const parser = new SaxesParser({ position: true, xmlns: false });
    parser.on('error', (error) => {
      // saxes prefixes its message with its own line:column, which is where we are too.
      const problem = error.message.replace(/^\d+:\d+: /, '');
      const hint = 'the file is not well-formed XML';
      throw new MefError(
        { file: this.file, line: parser.line, column: Math.max(1, parser.column), hint },
        problem,
      );
    });
    parser.on('opentagstart', (tag) => {
      // saxes stands just past the name and the character after it; step back to the '<'.
      const column = Math.max(1, parser.column - tag.name.length - 1);
      this.start = { file: this.file, line: parser.line, column, element: tag.name };
    });
    parser.on('opentag', (tag) => {
      this.open(tag.name, tag.attributes, this.start);
    });
    parser.on('closetag', () => {
      this.close();
    });
    const collectText = (text: string): void => {
      const frame = this.stack[this.stack.length - 1]!;
      if (frame.type === 'label') frame.text += text;
    };
    parser.on('text', collectText);
    parser.on('cdata', collectText);
    parser.write(text).close();
  }

  finish(): MefModel {
    resolve(this.references, this.definitions, this.fail);
    const graph = build(this.gates, this.events, this.fail);
    return { graph, faultTrees: this.faultTrees, tops: graph.roots().map((gate) => gate.name) };
  }

  private open(element: string, attributes: Attributes, at: Position): void {
    const frame = this.stack[this.stack.length - 1]!;
    switch (frame.type) {
      case 'document':
        if (element !== 'opsa-mef') this.fail(at, 'the root element must be <opsa-mef>');
        this.stack.push({ type: 'container' });
        return;
      case 'container':
        this.openInContainer(element, attributes, at);
        return;
      case 'define-gate':
        this.openInGate(frame, element, attributes, at);
        return;
      case 'formula':
        this.openInFormula(frame.gate, element, attributes, at);
        return;
      case 'define-basic-event':
        this.openInBasicEvent(frame, element, attributes, at);
        return;
      case 'define-house-event':
        this.openInHouseEvent(frame, element, attributes, at);
        return;
      case 'attributes':
        if (element === 'attribute') {
          const name = this.attribute(attributes, at, 'name');
          readAttribute(frame.owner, name, this.attribute(attributes, at, 'value'), at, this.fail);
          this.stack.push({ type: 'empty', at });
        } else {
          this.stack.push({ type: 'skip' });
        }
        return;
      case 'label':
      case 'skip':
        this.stack.push({ type: 'skip' });
        return;
      case 'empty':
        this.fail(at, `<${frame.at.element}> takes no child elements`);
    }
  }

  private close(): void {
    const frame = this.stack.pop()!;
    switch (frame.type) {
      case 'define-gate':
        if (!frame.hasFormula) this.fail(frame.gate.at, `gate "${frame.gate.name!}" has no formula`);
        checkAnnotations(frame.gate, this.fail);
        return;
      case 'formula':
        checkFormula(frame.gate, frame.at, this.fail);
        return;
      case 'define-basic-event':
        checkAnnotations(frame.event, this.fail);
        return;
      case 'label': {
        const label = frame.text.trim();
        if (label !== '') frame.owner.label = label;
        return;
      }
      default:
        return;
    }
  }

  private openInContainer(element: string, attributes: Attributes, at: Position): void {
    switch (element) {
      case 'define-fault-tree':
        this.faultTrees.push(this.nameOf(attributes, at));
        this.stack.push({ type: 'container' });
        return;
      case 'model-data':
      case 'define-component':
        this.stack.push({ type: 'container' });
        return;
      case 'define-gate': {
        const name = this.nameOf(attributes, at);
        const index = this.gates.length;
        const gate: RawGate = { at, lockout: {}, index, name, parent: -1, kind: undefined, args: [] };
        this.define(name, { kind: 'gate', index, at });
        this.gates.push(gate);
        this.stack.push({ type: 'define-gate', gate, hasFormula: false });
        return;
      }
      case 'define-basic-event': {
        const name = this.nameOf(attributes, at);
        const event: RawEvent = { at, lockout: {}, name };
        this.define(name, { kind: 'basic-event', index: this.events.length, at });
        this.events.push(event);
        this.stack.push({ type: 'define-basic-event', event, hasExpression: false });
        return;
      }
      case 'define-house-event': {
        const name = this.nameOf(attributes, at);
        // MEF: a house event without a constant is false.
        const house: RawHouseEvent = { at, lockout: {}, name, value: false };
        this.define(name, { kind: 'house-event', house, at });
        this.stack.push({ type: 'define-house-event', house, hasConstant: false });
        return;
      }
    }
    const unsupported = UNSUPPORTED.get(element);
    if (unsupported !== undefined) this.fail(at, unsupported.problem, unsupported.hint);
    // Parameters, labels, attributes, extern libraries, alignments...: nothing the logic depends on.
    this.stack.push({ type: 'skip' });
  }

  private openInGate(
    frame: Extract<Frame, { type: 'define-gate' }>,
    element: string,
    attributes: Attributes,
    at: Position,
  ): void {
    if (this.openAnnotation(element, frame.gate)) return;
    const formula = isFormula(element);
    const argument = formula ? undefined : this.argumentOf(element, attributes, at);
    if (!formula && argument === undefined) {
      this.fail(at, `a gate is defined by a formula (and, or, atleast, not, ...), not by <${element}>`);
    }
    if (frame.hasFormula) this.fail(at, `gate "${frame.gate.name!}" has more than one formula`);
    frame.hasFormula = true;
    if (formula) {
      this.openFormula(element, frame.gate, attributes, at);
    } else {
      // A gate defined by a lone argument passes it through.
      frame.gate.kind = 'null';
      frame.gate.args.push(argument!);
      this.stack.push({ type: 'empty', at });
    }
  }

  private openInFormula(gate: RawGate, element: string, attributes: Attributes, at: Position): void {
    if (isFormula(element)) {
      // A nested formula becomes a gate of its own, named after its parent once the file is read.
      const index = this.gates.length;
      const nested: RawGate = {
        at,
        lockout: {},
        index,
        name: undefined,
        parent: gate.index,
        kind: undefined,
        args: [],
      };
      this.gates.push(nested);
      gate.args.push({ kind: 'formula', gate: index });
      this.openFormula(element, nested, attributes, at);
      return;
    }
    const argument = this.argumentOf(element, attributes, at);
    if (argument === undefined) this.fail(at, `formula <${element}> is not supported`);
    gate.args.push(argument);
    this.stack.push({ type: 'empty', at });
  }

  private openFormula(kind: GateKind, gate: RawGate, attributes: Attributes, at: Position): void {
    gate.kind = kind;
    if (kind === 'atleast') {
      const min = this.attribute(attributes, at, 'min').trim();
      if (!INTEGER.test(min) || Number(min) < 1)
        this.fail(at, `min="${min}" is not a whole number of at least 1`);
      gate.min = Number(min);
    }
    this.stack.push({ type: 'formula', gate, at });
  }

  private openInBasicEvent(
    frame: Extract<Frame, { type: 'define-basic-event' }>,
    element: string,
    attributes: Attributes,
    at: Position,
  ): void {
    if (this.openAnnotation(element, frame.event)) return;
    if (frame.hasExpression) this.fail(at, `basic event "${frame.event.name}" has more than one probability`);
    frame.hasExpression = true;
    if (element !== 'float' && element !== 'int') {
      this.fail(
        at,
        `probability expression <${element}> is not supported`,
        'give the probability as a number: <float value="0.01"/>',
      );
    }
    const value = this.attribute(attributes, at, 'value').trim();
    if (!(element === 'int' ? INTEGER : NUMBER).test(value))
      this.fail(at, `value="${value}" is not a number`);
    const probability = Number(value);
    if (probability < 0 || probability > 1) this.fail(at, `probability ${value} is not between 0 and 1`);
    frame.event.probability = probability;
    this.stack.push({ type: 'empty', at });
  }

  private openInHouseEvent(
    frame: Extract<Frame, { type: 'define-house-event' }>,
    element: string,
    attributes: Attributes,
    at: Position,
  ): void {
    if (this.openAnnotation(element, frame.house)) return;
    if (element !== 'constant') this.fail(at, `a house event's value is a <constant>, not <${element}>`);
    if (frame.hasConstant) this.fail(at, `house event "${frame.house.name}" has more than one value`);
    frame.hasConstant = true;
    frame.house.value = booleanOf(this.attribute(attributes, at, 'value'), at, this.fail);
    this.stack.push({ type: 'empty', at });
  }

  private openAnnotation(element: string, owner: RawNode): boolean {
    if (element === 'label') this.stack.push({ type: 'label', owner, text: '' });
    else if (element === 'attributes') this.stack.push({ type: 'attributes', owner });
    else return false;
    return true;
  }

  /** An argument element (`<gate>`, `<basic-event>`, `<constant>`...), or undefined when it is not one. */
  private argumentOf(element: string, attributes: Attributes, at: Position): Argument | undefined {
    let kind: ReferenceKind;
    switch (element) {
      case 'constant':
        return { kind: 'constant', value: booleanOf(this.attribute(attributes, at, 'value'), at, this.fail) };
      case 'gate':
      case 'basic-event':
      case 'house-event':
        kind = element;
        break;
      case 'event': {
        const type = attributes.type;
        if (type === undefined) kind = 'event';
        else if (type === 'gate' || type === 'basic-event' || type === 'house-event') kind = type;
        else return this.fail(at, `type="${type}" is not one of gate, basic-event, house-event`);
        break;
      }
      default:
        return undefined;
    }
    const reference: Reference = { kind, name: this.nameOf(attributes, at), at };
    this.references.push(reference);
    return reference;
  }

  private attribute(attributes: Attributes, at: Position, key: string): string {
    const value = attributes[key];
    if (value === undefined) return this.fail(at, `the ${key} attribute is missing`);
    return value;
  }

  private nameOf(attributes: Attributes, at: Position): string {
    const name = this.attribute(attributes, at, 'name').trim();
    if (name === '') return this.fail(at, 'the name attribute is empty');
    if (name.includes('.')) {
      // Dotted names are paths into private components; treating them as plain names would also let them
      // collide with the names given to nested formulas.
      return this.fail(
        at,
        `"${name}": names with "." (paths into components) are not supported`,
        'names are global here; use the name without its path',
      );
    }
    return name;
  }

  /** MEF has one namespace for gates, basic events and house events. */
  private define(name: string, definition: Definition): void {
    const previous = this.definitions.get(name);
    if (previous !== undefined) {
      const what = previous.kind.replace('-', ' ');
      this.fail(definition.at, `"${name}" is already defined as a ${what} at line ${previous.at.line}`);
    }
    this.definitions.set(name, definition);
  }
}

function booleanOf(value: string, at: Position, fail: Fail): boolean {
  switch (value.trim()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return fail(at, `value="${value}" is not true or false`);
  }
}

function readAttribute(owner: RawNode, name: string, value: string, at: Position, fail: Fail): void {
  const number = (): number => {
    const text = value.trim();
    if (!NUMBER.test(text) || Number(text) < 0) fail(at, `${name}="${value}" is not a non-negative number`);
    return Number(text);
  };
  // Both spellings: the MEF schema wants an NCName, so the writer uses "lockout-", but "lockout:" is natural.
  switch (name.replace(/^lockout:/, 'lockout-')) {
    case 'lockout-name':
      if (value === '') fail(at, 'lockout-name is empty');
      owner.lockout.name = value;
      return;
    case 'lockout-lost':
      owner.lockout.lost = booleanOf(value, at, fail);
      return;
    case 'lockout-duration-min':
      owner.lockout.durationMin = number();
      return;
    case 'lockout-duration-typical':
      owner.lockout.durationTypical = number();
      return;
    case 'lockout-duration-max':
      owner.lockout.durationMax = number();
      return;
    case 'lockout-cost':
      owner.lockout.cost = number();
      return;
    default:
      // Other tools' attributes mean nothing to the analysis.
      return;
  }
}

function checkAnnotations(node: RawNode, fail: Fail): void {
  const { durationMin, durationTypical, durationMax } = node.lockout;
  const given = [durationMin, durationTypical, durationMax].filter((value) => value !== undefined).length;
  if (given !== 0 && given !== 3) {
    fail(
      node.at,
      'a duration needs all of lockout-duration-min, lockout-duration-typical and lockout-duration-max',
    );
  }
}

function checkFormula(gate: RawGate, at: Position, fail: Fail): void {
  const count = gate.args.length;
  if (count === 0) fail(at, 'the formula has no arguments');
  if ((gate.kind === 'not' || gate.kind === 'null') && count !== 1) {
    fail(at, `<${gate.kind}> takes exactly one argument, got ${count}`);
  }
  if (gate.kind === 'atleast' && gate.min! > count) {
    fail(at, `min="${gate.min!}" is more than the ${count} arguments`);
  }
}

/** Points every reference at what it names, in document order so the first dangling one is reported. */
function resolve(references: Reference[], definitions: Map<string, Definition>, fail: Fail): void {
  for (const reference of references) {
    const { kind, name, at } = reference;
    const definition = definitions.get(name);
    if (definition === undefined) {
      const how =
        kind === 'gate'
          ? `<define-gate name="${name}">`
          : kind === 'house-event'
            ? `<define-house-event name="${name}">`
            : `<define-basic-event name="${name}"> in <model-data>`;
      return fail(at, `${kind.replace('-', ' ')} "${name}" is not defined`, `define it with ${how}`);
    }
    if (kind !== 'event' && kind !== definition.kind) {
      fail(at, `"${name}" is a ${definition.kind.replace('-', ' ')}, not a ${kind.replace('-', ' ')}`);
    }
    switch (definition.kind) {
      case 'gate':
        reference.input = { type: 'gate', index: definition.index };
        break;
      case 'basic-event':
        reference.input = { type: 'event', index: definition.index };
        break;
      case 'house-event':
        // A house event is a switch set before analysis: the engine sees the constant it is set to.
        reference.input = { type: 'constant', value: definition.house.value };
        break;
    }
  }
}

function annotationsOf(node: RawNode): Annotations {
  const annotations: Annotations = {};
  if (node.label !== undefined) annotations.label = node.label;
  const { durationMin, durationTypical, durationMax, cost } = node.lockout;
  if (durationMin !== undefined && durationTypical !== undefined && durationMax !== undefined) {
    annotations.duration = {
      min: durationMin,
      typical: durationTypical,
      max: durationMax,
    } satisfies DurationRange;
  }
  if (cost !== undefined) annotations.cost = cost;
  return annotations;
}

/** Most parts a nested formula's name takes after its named gate's (`g.1.1.1`…). */
const NAME_DEPTH = 32;

/** Names every gate (nested formulas after their parent: `g.1`, `g.1.2`) and builds the graph. */
function build(gates: RawGate[], events: RawEvent[], fail: Fail): FaultGraph {
  const graph = new FaultGraph();
  const eventNames = new Map<string, Position>();
  for (const event of events) {
    const name = event.lockout.name ?? event.name;
    const previous = eventNames.get(name);
    if (previous !== undefined)
      fail(event.at, `basic event name "${name}" is also used at line ${previous.line}`);
    eventNames.set(name, event.at);
    const options: Omit<Partial<BasicEvent>, 'index' | 'name'> = annotationsOf(event);
    if (event.probability !== undefined) options.probability = event.probability;
    if (event.lockout.lost !== undefined) options.lost = event.lockout.lost;
    graph.addEvent(name, options);
  }

  const names: string[] = [];
  const taken = new Map<string, Position>();
  for (const gate of gates) {
    if (gate.name === undefined) continue;
    const name = gate.lockout.name ?? gate.name;
    const previous = taken.get(name);
    if (previous !== undefined) fail(gate.at, `gate name "${name}" is also used at line ${previous.line}`);
    taken.set(name, gate.at);
  }
  const nestedCount = new Map<number, number>();
  // How many parts a nested formula's name has past its named gate's, and that named gate. A formula nested
  // 100,000 deep would otherwise get names 100,000 parts long; past NAME_DEPTH parts the name starts again
  // from the named gate with an ordinal of its own (such a formula is written back as a gate of its own).
  const depth = new Int32Array(gates.length);
  const named = new Int32Array(gates.length);
  for (const [index, gate] of gates.entries()) {
    if (gate.name !== undefined) {
      names[index] = gate.lockout.name ?? gate.name;
      named[index] = index;
      continue;
    }
    const restart = depth[gate.parent]! >= NAME_DEPTH;
    const owner = restart ? named[gate.parent]! : gate.parent;
    named[index] = named[gate.parent]!;
    depth[index] = restart ? 1 : depth[gate.parent]! + 1;
    const parent = names[owner]!;
    let ordinal = nestedCount.get(owner) ?? 0;
    let name: string;
    do name = `${parent}.${++ordinal}`;
    while (taken.has(name));
    nestedCount.set(owner, ordinal);
    taken.set(name, gate.at);
    names[index] = name;
  }

  for (const name of names) graph.gateRef(name);
  for (const [index, gate] of gates.entries()) {
    const inputs = gate.args.map((argument): Input => {
      switch (argument.kind) {
        case 'constant':
          return { type: 'constant', value: argument.value };
        case 'formula':
          return { type: 'gate', index: argument.gate };
        default:
          return argument.input!;
      }
    });
    try {
      const options: Annotations & { min?: number } = annotationsOf(gate);
      if (gate.min !== undefined) options.min = gate.min;
      graph.defineGate(names[index]!, gate.kind!, inputs, options);
    } catch (error) {
      // The reader checks what defineGate checks, with positions; this only guards against a gap between them.
      if (error instanceof GraphError) fail(gate.at, error.message);
      throw error;
    }
  }
  return graph;
}

// ---------------------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------------------

export interface MefWriteOptions {
  /** The fault tree's name; characters MEF does not allow in a name are replaced. */
  name: string;
  /** Gates to write with everything they reach; all gates and events when absent. */
  tops?: string[] | undefined;
}

/** MEF's Identifier: an XML NCName without "." and without leading, trailing or doubled "-". */
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}\p{M}_]*(-[\p{L}\p{N}\p{M}_]+)*$/u;
const NESTED_SUFFIX = /^\.\d+$/;
// Characters XML 1.0 cannot carry at all, not even as references.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  // Tabs and line breaks as references: a parser would otherwise normalise them to spaces.
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function toIdentifier(name: string): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N}\p{M}_-]/gu, '_')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '_');
  return /^[\p{L}_]/u.test(cleaned) ? cleaned : `_${cleaned}`;
}

function numberText(value: number, what: string): string {
  if (!Number.isFinite(value) || value < 0)
    throw new GraphError(`${what} is ${value}, not a non-negative number`);
  return String(value);
}

/**
 * Writes a fault graph as MEF that SCRAM 0.16.2 accepts, but for cycles (accounts that recover each other), which
 * it refuses and lockout analyze reads (a comment at the top says so). Where SCRAM is stricter than the graph (xor of exactly
 * 2, no iff, and/or of at least 2, no repeated argument, 2 <= atleast min < inputs) the formula is rewritten to
 * an equivalent one, so reading it back gives the same logic, not always the same gates. Names MEF does not
 * allow are replaced, the original kept in a `lockout-name` attribute that readMef restores.
 */
export function writeMef(graph: FaultGraph, options: MefWriteOptions): string {
  return new MefWriter(graph, options).write();
}

class MefWriter {
  private readonly gates: readonly Gate[];
  private readonly events: readonly BasicEvent[];
  private readonly isTop: Uint8Array;
  private readonly gateWritten: Uint8Array;
  private readonly eventWritten: Uint8Array;
  /** Gates written inside their parent's formula rather than defined on their own. */
  private readonly inline: Uint8Array;
  private readonly gateNames: string[] = [];
  private readonly eventNames: string[] = [];
  private readonly lines: string[] = [];

  constructor(
    private readonly graph: FaultGraph,
    private readonly options: MefWriteOptions,
  ) {
    this.gates = graph.gates;
    this.events = graph.events;
    this.isTop = new Uint8Array(this.gates.length);
    this.gateWritten = new Uint8Array(this.gates.length);
    this.eventWritten = new Uint8Array(this.events.length);
    this.inline = new Uint8Array(this.gates.length);
  }

  write(): string {
    this.select();
    this.findInline();
    this.assignNames();
    const { gates, events, lines } = this;
    lines.push('<?xml version="1.0" encoding="UTF-8"?>');
    // Accounts that recover each other make cycles, which MEF readers such as SCRAM refuse: said where it is read.
    const cyclic = cyclicGateCount(this.graph);
    if (cyclic > 0) {
      lines.push(
        `<!-- ${cyclic} gate${cyclic === 1 ? ' lies' : 's lie'} on cycles (accounts that recover each other): SCRAM and the MEF standard refuse cycles; lockout analyze reads them as recovery does (a gate that can be avoided only through itself counts as failed). -->`,
      );
    }
    lines.push('<opsa-mef>');
    this.push(1, `<define-fault-tree name="${toIdentifier(this.options.name)}">`);
    for (const gate of gates) {
      if (this.gateWritten[gate.index] === 0 || this.inline[gate.index] === 1) continue;
      const name = this.gateNames[gate.index]!;
      this.push(2, `<define-gate name="${name}">`);
      lines.push(...this.annotations(3, gate, name));
      this.formula(3, gate.kind, gate.min, gate.inputs);
      this.push(2, '</define-gate>');
    }
    this.push(1, '</define-fault-tree>');
    this.push(1, '<model-data>');
    for (const event of events) {
      if (this.eventWritten[event.index] === 0) continue;
      const name = this.eventNames[event.index]!;
      const body = this.annotations(3, event, name);
      const p = event.probability;
      if (p !== undefined) {
        if (!(p >= 0 && p <= 1))
          throw new GraphError(`probability of "${event.name}" is ${p}, not between 0 and 1`);
        body.push(`${indent(3)}<float value="${String(p)}"/>`);
      }
      if (body.length === 0) {
        this.push(2, `<define-basic-event name="${name}"/>`);
      } else {
        this.push(2, `<define-basic-event name="${name}">`);
        lines.push(...body);
        this.push(2, '</define-basic-event>');
      }
    }
    this.push(1, '</model-data>');
    lines.push('</opsa-mef>', '');
    return lines.join('\n');
  }

  /** The gates and events to write: what the tops reach, or everything. */
  private select(): void {
    const { tops } = this.options;
    if (tops === undefined) {
      this.gateWritten.fill(1);
      this.eventWritten.fill(1);
    } else {
      const pending: number[] = [];
      for (const name of tops) {
        const gate = this.graph.findGate(name);
        if (gate === undefined) throw new GraphError(`top "${name}" is not a gate`);
        this.isTop[gate.index] = 1;
        this.gateWritten[gate.index] = 1;
        pending.push(gate.index);
      }
      for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
        for (const input of this.gates[index]!.inputs) {
          if (input.type === 'event') {
            this.eventWritten[input.index] = 1;
          } else if (input.type === 'gate' && this.gateWritten[input.index] === 0) {
            this.gateWritten[input.index] = 1;
            pending.push(input.index);
          }
        }
      }
    }
    for (const gate of this.gates) {
      if (this.gateWritten[gate.index] === 1 && !gate.defined) {
        throw new GraphError(`gate "${gate.name}" is referenced but not defined`);
      }
    }
  }

  /** A nested formula the reader named after its only parent (`g.1` in `g`) goes back inside that parent. */
  private findInline(): void {
    const { gates } = this;
    const references = new Uint32Array(gates.length);
    const parent = new Int32Array(gates.length).fill(-1);
    for (const gate of gates) {
      if (this.gateWritten[gate.index] === 0) continue;
      for (const input of gate.inputs) {
        if (input.type !== 'gate') continue;
        references[input.index]!++;
        parent[input.index] = gate.index;
      }
    }
    for (const gate of gates) {
      const from = gates[parent[gate.index]!];
      this.inline[gate.index] = Number(
        this.gateWritten[gate.index] === 1 &&
          this.isTop[gate.index] === 0 &&
          references[gate.index] === 1 &&
          from !== undefined &&
          gate.name.startsWith(from.name) &&
          NESTED_SUFFIX.test(gate.name.slice(from.name.length)) &&
          gate.label === undefined &&
          gate.duration === undefined &&
          gate.cost === undefined,
      );
    }
  }

  /** Gates and events share one namespace in MEF: valid names are kept, the others replaced. */
  private assignNames(): void {
    const taken = new Set<string>();
    const renamed: { names: string[]; index: number; name: string }[] = [];
    const claim = (names: string[], index: number, name: string) => {
      if (IDENTIFIER.test(name) && !taken.has(name)) {
        taken.add(name);
        names[index] = name;
      } else {
        renamed.push({ names, index, name });
      }
    };
    for (const gate of this.gates) {
      if (this.gateWritten[gate.index] === 1 && this.inline[gate.index] === 0) {
        claim(this.gateNames, gate.index, gate.name);
      }
    }
    for (const event of this.events) {
      if (this.eventWritten[event.index] === 1) claim(this.eventNames, event.index, event.name);
    }
    for (const { names, index, name } of renamed) {
      const base = toIdentifier(name);
      let unique = base;
      for (let n = 2; taken.has(unique); n++) unique = `${base}_${n}`;
      taken.add(unique);
      names[index] = unique;
    }
  }

  private push(depth: number, line: string): void {
    this.lines.push(indent(depth) + line);
  }

  /** Label and `lockout-*` attributes, which MEF wants before a formula or an expression. */
  private annotations(depth: number, node: Gate | BasicEvent, mefName: string): string[] {
    const out: string[] = [];
    if (node.label !== undefined && node.label.trim() !== '') {
      out.push(`${indent(depth)}<label>${escapeText(node.label)}</label>`);
    }
    const attributes: [string, string][] = [];
    if (mefName !== node.name) attributes.push(['lockout-name', node.name]);
    if ('lost' in node && node.lost) attributes.push(['lockout-lost', 'true']);
    if (node.duration !== undefined) {
      const what = `duration of "${node.name}"`;
      attributes.push(['lockout-duration-min', numberText(node.duration.min, what)]);
      attributes.push(['lockout-duration-typical', numberText(node.duration.typical, what)]);
      attributes.push(['lockout-duration-max', numberText(node.duration.max, what)]);
    }
    if (node.cost !== undefined)
      attributes.push(['lockout-cost', numberText(node.cost, `cost of "${node.name}"`)]);
    if (attributes.length > 0) {
      out.push(`${indent(depth)}<attributes>`);
      for (const [name, value] of attributes) {
        out.push(`${indent(depth + 1)}<attribute name="${name}" value="${escapeAttribute(value)}"/>`);
      }
      out.push(`${indent(depth)}</attributes>`);
    }
    return out;
  }

  private argument(depth: number, input: Input): void {
    switch (input.type) {
      case 'event':
        this.push(depth, `<basic-event name="${this.eventNames[input.index]!}"/>`);
        return;
      case 'constant':
        this.push(depth, `<constant value="${String(input.value)}"/>`);
        return;
      case 'gate': {
        const gate = this.gates[input.index]!;
        if (this.inline[input.index] === 1) this.formula(depth, gate.kind, gate.min, gate.inputs);
        else this.push(depth, `<gate name="${this.gateNames[input.index]!}"/>`);
        return;
      }
    }
  }

  private formula(depth: number, kind: GateKind, min: number | undefined, inputs: readonly Input[]): void {
    switch (kind) {
      case 'null':
        this.argument(depth, inputs[0]!);
        return;
      case 'not':
        this.element(depth, 'not', inputs);
        return;
      case 'and':
      case 'or':
      case 'nand':
      case 'nor': {
        // Idempotent: a repeated argument changes nothing and can go.
        const unique = distinct(inputs);
        if (unique.length > 1) this.element(depth, kind, unique);
        else if (kind === 'and' || kind === 'or') this.argument(depth, unique[0]!);
        else this.element(depth, 'not', unique);
        return;
      }
      case 'atleast': {
        const k = min ?? 1;
        if (k <= 1) this.formula(depth, 'or', undefined, inputs);
        else if (k >= inputs.length) this.formula(depth, 'and', undefined, inputs);
        else this.element(depth, 'atleast', inputs, ` min="${k}"`);
        return;
      }
      case 'xor':
        this.xor(depth, inputs);
        return;
      case 'iff':
        this.push(depth, '<not>');
        this.xor(depth + 1, inputs);
        this.push(depth, '</not>');
        return;
    }
  }

  /** Odd parity, as a balanced tree of the 2-input xors SCRAM accepts. */
  private xor(depth: number, inputs: readonly Input[]): void {
    if (inputs.length === 1) {
      this.argument(depth, inputs[0]!);
    } else if (inputs.length === 2) {
      this.element(depth, 'xor', inputs);
    } else {
      const half = inputs.length >> 1;
      this.push(depth, '<xor>');
      this.xor(depth + 1, inputs.slice(0, half));
      this.xor(depth + 1, inputs.slice(half));
      this.push(depth, '</xor>');
    }
  }

  /** One element over its inputs; SCRAM refuses a repeated argument, so a repeat goes in as not(not(x)). */
  private element(depth: number, tag: string, inputs: readonly Input[], attributes = ''): void {
    this.push(depth, `<${tag}${attributes}>`);
    const seen = new Set<string>();
    for (const input of inputs) {
      const key = inputKey(input);
      if (seen.has(key)) {
        this.push(depth + 1, '<not>');
        this.push(depth + 2, '<not>');
        this.argument(depth + 3, input);
        this.push(depth + 2, '</not>');
        this.push(depth + 1, '</not>');
      } else {
        seen.add(key);
        this.argument(depth + 1, input);
      }
    }
    this.push(depth, `</${tag}>`);
  }
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function inputKey(input: Input): string {
  return input.type === 'constant' ? String(input.value) : `${input.type}${input.index}`;
}

function distinct(inputs: readonly Input[]): Input[] {
  const seen = new Set<string>();
  return inputs.filter((input) => {
    const key = inputKey(input);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
