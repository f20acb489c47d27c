/**
 * The engine's public face: analyse the top events of a FaultGraph — lockout sets counted per order and
 * paged on demand, single points of failure of every gate, exact probability and event importance.
 */

import { CompiledGraph, type GraphStructure } from './compile.js';
import { DEFAULT_MAX_BDD_NODES_PER_MODULE, LockoutEngine } from './engine.js';
import { GraphError, type FaultGraph, type NodeRef } from './graph.js';
import { FALSE, isConstant, TRUE } from './pdag.js';
import { SinglePoints } from './single-points.js';
import { ShapeTable, type ShapeEntry } from './shape-table.js';
import { sortPrefix } from './sort-prefix.js';

export interface AnalysisOptions {
  /** Names of the top events (gates or events); default: the graph's roots. */
  tops?: readonly string[];
  /** Largest lockout set kept, as SCRAM's -l; default 20. */
  limitOrder?: number;
  /** Further losses to assume (event names), on top of those recorded as lost in the graph. */
  losses?: readonly string[];
  /** Analyse the design as if nothing had been lost yet. */
  ignoreRecordedLosses?: boolean;
  /** Analyse success instead of failure: the "cut sets" are then the minimal path sets (see compile.ts). */
  dual?: boolean;
  /** Node budget of one module's BDD (see EngineOptions); default DEFAULT_MAX_BDD_NODES_PER_MODULE. */
  maxBddNodesPerModule?: number;
  /**
   * Count and list the lockout sets of tops whose cones are alike (see ConeShape) once, the others' by
   * renaming (default); false asks the engine for every top, as the tests' reference.
   */
  shareAlikeCones?: boolean;
  /** The graph's structure found once by checkedStructure, for many analyses of one graph (see CompileOptions). */
  structure?: GraphStructure | undefined;
}

/**
 * A top's cone up to renaming its nodes: the gates' kinds, thresholds and arguments, which gates are modules,
 * and the order of its variables and modules in the engine's variable order and of its events by index. Two
 * tops of the same shape have the same lockout sets, counted and listed in the same order, up to the renaming
 * `nodes` gives (position in the shape → node): the engine's diagrams are canonical for a variable order.
 * Most accounts of an Organization are alike: 50,000 capabilities of 10,000 accounts come to about 60 shapes.
 */
interface ConeShape {
  entry: ShapeEntry;
  /** nodes[0 .. nodeCount): position in the shape → node. */
  nodes: Int32Array;
  nodeCount: number;
}

/** Where a top event stands: already lost, safe whatever is lost, or at risk. */
export type TopStatus = 'lost' | 'cannot-be-lost' | 'at-risk';

export interface EventImportance {
  event: number;
  name: string;
  probability: number;
  /** ∂P(top)/∂p: how much the top event's probability moves with this event's. */
  birnbaum: number;
  /** Share of the top event's probability that needs this event: P(top and event critical)/P(top). */
  criticality: number;
  /** Fussell–Vesely: 1 − P(top | event never lost)/P(top). */
  fussellVesely: number;
  /** Risk achievement worth: P(top | event lost)/P(top). */
  raw: number;
  /** Risk reduction worth: P(top)/P(top | event never lost). */
  rrw: number;
}

export interface CutSetPage {
  /** The sets, each a sorted list of event indices, by size, then canonically or by probability. */
  sets: number[][];
  /** With `by: 'probability'`: each set's probability (the product of its events'). */
  probabilities?: number[];
  /** Offset of the first set of the page within all sets of order ≤ the limit. */
  offset: number;
  total: number;
}

/** Which lockout sets to list: from `offset`, at most `limit`, of one order or all, by size or probability. */
export interface CutSetPageRequest {
  offset?: number;
  limit?: number;
  order?: number;
  by?: 'size' | 'probability';
}

/** The PDAG's gate kinds as numbers in a shape's key. */
const gateCodes = { and: 1, or: 2, atleast: 3 } as const;

/**
 * Scratch space of `shapeOf`, kept from one top to the next: 50,000 capabilities of an Organization each
 * built their lists anew, most of the garbage of the analysis.
 */
interface ShapeScratch {
  stamps: Int32Array;
  positions: Int32Array;
  /** The last shape's nodes by position (its ConeShape's `nodes` until the next shape is found). */
  nodes: Int32Array;
  /** Variables and modules as (level + 1) × size + position: sorted as numbers, they are in variable order. */
  ordered: Float64Array;
  variables: Int32Array;
  key: Int32Array;
}

export class GraphAnalysis {
  readonly graph: FaultGraph;
  readonly limitOrder: number;
  /** Node budget of one module's BDD: past it, the module's sets come from ZBDD operations (see EngineOptions). */
  readonly bddNodeBudget: number;
  readonly topNames: readonly string[];
  private readonly compiled: CompiledGraph;
  private readonly engine: LockoutEngine;
  /** Each top by name: its literal, and its node in the graph. */
  private readonly roots: Map<string, { literal: number; ref: NodeRef }>;
  private singlePointsCache: SinglePoints | undefined;
  private readonly shareAlikeCones: boolean;
  /** By shape: the sets counted by order, and the pages listed, as positions in the shape. */
  private readonly shapes = new ShapeTable();
  /**
   * Shapes by literal: tops of alike accounts often compile to the very same literal (50,000 capabilities of
   * 10,000 accounts to about 11,000), whose cone is then walked once.
   */
  private readonly shapeOfLiteral = new Map<number, ConeShape>();
  private shapeScratch: ShapeScratch | undefined;
  private shapeStamp = 0;

  constructor(graph: FaultGraph, options: AnalysisOptions = {}) {
    this.graph = graph;
    this.limitOrder = options.limitOrder ?? 20;
    if (!Number.isInteger(this.limitOrder) || this.limitOrder < 0) {
      throw new GraphError(`the order limit must be a whole number ≥ 0, got ${this.limitOrder}`);
    }
    const extraLosses = new Set<number>();
    for (const name of options.losses ?? []) {
      const event = graph.findEvent(name);
      if (!event) throw new GraphError(`no basic event named "${name}" to mark as lost`);
      extraLosses.add(event.index);
    }
    this.compiled = new CompiledGraph(graph, {
      extraLosses,
      ignoreRecordedLosses: options.ignoreRecordedLosses ?? false,
      dual: options.dual ?? false,
      structure: options.structure,
    });
    this.topNames = options.tops ?? graph.roots().map((gate) => gate.name);
    this.roots = new Map();
    // Indexed loops, not for-of or Array.from over an iterable: a what-if click makes an analysis, in code not
    // yet optimised, where each step of an iterator allocated its result (10,000 events, 2,000 tops).
    const literals: number[] = [];
    for (let at = 0; at < this.topNames.length; at++) {
      const name = this.topNames[at]!;
      const ref = this.refOf(name);
      const literal = this.literalOfRef(ref);
      if (!this.roots.has(name)) literals.push(literal);
      this.roots.set(name, { literal, ref });
    }
    const events = graph.events;
    const probabilities = new Float64Array(events.length);
    for (let at = 0; at < events.length; at++) probabilities[at] = events[at]!.probability ?? Number.NaN;
    this.bddNodeBudget = options.maxBddNodesPerModule ?? DEFAULT_MAX_BDD_NODES_PER_MODULE;
    this.shareAlikeCones = options.shareAlikeCones ?? true;
    this.engine = new LockoutEngine(this.compiled.pdag, literals, {
      limitOrder: this.limitOrder,
      probabilities,
      maxBddNodesPerModule: this.bddNodeBudget,
    });
  }

  /** The graph's gates on a cycle (see stronglyConnectedGates), for the callers that need them too. */
  get cyclicGates(): Uint8Array {
    return this.compiled.cyclic;
  }

  /** The engine literal of a gate or event name (a lost event is TRUE). */
  literalOf(name: string): number {
    return this.literalOfRef(this.refOf(name));
  }

  private refOf(name: string): NodeRef {
    const ref = this.graph.find(name);
    if (!ref) throw new GraphError(`no gate or basic event named "${name}"`);
    return ref;
  }

  literalOfRef(ref: NodeRef): number {
    return ref.type === 'gate' ? this.compiled.gateLiteral(ref.index) : this.compiled.eventLiteral(ref.index);
  }

  /**
   * How many module BDDs passed the node budget so far: their lockout sets came from ZBDD operations, and
   * the probability of any top above them is not computed.
   */
  bddsOverBudget(): number {
    return this.engine.overBudgetModules().length;
  }

  /** Where a gate or event stands under the losses of this analysis. */
  status(name: string): TopStatus {
    return this.literalStatus(this.literalOf(name));
  }

  /** As `status`, for a gate or event already found. */
  statusOf(ref: NodeRef): TopStatus {
    return this.literalStatus(this.literalOfRef(ref));
  }

  private literalStatus(literal: number): TopStatus {
    if (literal === TRUE || this.singlePoints().isLostNow(literal)) return 'lost';
    if (literal === FALSE) return 'cannot-be-lost';
    return 'at-risk';
  }

  /** Number of lockout sets of each order 0..limitOrder (order 0 is 1 when the top is lost already). */
  countsByOrder(top: string): number[] {
    // A loop, not Array.from: over a typed array that walks an iterator, 50,000 times for an Organization.
    const counts = this.countsOf(this.rootLiteral(top));
    const list: number[] = [];
    for (let order = 0; order < counts.length; order++) list.push(counts[order]!);
    return list;
  }

  /** How many cone shapes the engine counted sets for (the other tops' were renamed from theirs). */
  conesAnalysed(): number {
    return this.shapes.counted;
  }

  private countsOf(literal: number): Float64Array {
    if (!this.shareAlikeCones || isConstant(literal)) return this.engine.countsByOrder(literal);
    const entry = this.shapeOf(literal).entry;
    if (entry.counts === undefined) {
      entry.counts = this.engine.countsByOrder(literal);
      this.shapes.counted += 1;
    }
    return entry.counts;
  }

  /**
   * The shape of a literal's cone (see ConeShape): its nodes numbered breadth-first as the gates' arguments
   * come, each gate written as its kind (and whether it is a module), threshold and arguments by number and
   * sign, then the numbers in variable order and the variables' numbers in index order.
   */
  private shapeOf(literal: number): ConeShape {
    const known = this.shapeOfLiteral.get(literal);
    if (known !== undefined) return known;
    const pdag = this.compiled.pdag;
    const engine = this.engine;
    const size = pdag.nodeCount + 1;
    if (this.shapeScratch === undefined || this.shapeScratch.stamps.length < size) {
      this.shapeScratch = {
        stamps: new Int32Array(size),
        positions: new Int32Array(size),
        nodes: new Int32Array(size),
        ordered: new Float64Array(size),
        variables: new Int32Array(size),
        key: new Int32Array(1024),
      };
    }
    const scratch = this.shapeScratch;
    const { stamps, positions, nodes, ordered, variables } = scratch;
    const stamp = ++this.shapeStamp;
    let key = scratch.key;
    let keyLength = 0;
    let nodeCount = 0;
    let orderedCount = 0;
    let variableCount = 0;
    const root = Math.abs(literal);
    stamps[root] = stamp;
    positions[root] = nodeCount;
    nodes[nodeCount++] = root;
    key[keyLength++] = literal < 0 ? 1 : 0;
    for (let at = 0; at < nodeCount; at++) {
      const node = nodes[at]!;
      if (node <= pdag.variableCount) {
        if (keyLength + 1 > key.length) key = this.growShapeKey(keyLength + 1);
        key[keyLength++] = 0;
        ordered[orderedCount++] = (engine.levelOf(node) + 1) * size + at;
        variables[variableCount++] = node;
        continue;
      }
      const gate = pdag.gate(node);
      const module = engine.isModuleGate(node);
      if (module) ordered[orderedCount++] = (engine.levelOf(node) + 1) * size + at;
      const args = gate.args;
      if (keyLength + 3 + args.length > key.length) key = this.growShapeKey(keyLength + 3 + args.length);
      key[keyLength++] = gateCodes[gate.type] + (module ? 4 : 0);
      key[keyLength++] = gate.k;
      key[keyLength++] = args.length;
      for (const arg of args) {
        const argNode = Math.abs(arg);
        if (stamps[argNode] !== stamp) {
          stamps[argNode] = stamp;
          positions[argNode] = nodeCount;
          nodes[nodeCount++] = argNode;
        }
        const position = positions[argNode]!;
        key[keyLength++] = arg < 0 ? ~position : position;
      }
    }
    if (keyLength + orderedCount + variableCount > key.length)
      key = this.growShapeKey(keyLength + orderedCount + variableCount);
    // An entry's position is the `at` it was pushed with; levels are distinct, so this is variable order.
    sortPrefix(ordered, orderedCount);
    for (let index = 0; index < orderedCount; index++) key[keyLength++] = ordered[index]! % size;
    sortPrefix(variables, variableCount);
    for (let index = 0; index < variableCount; index++) key[keyLength++] = positions[variables[index]!]!;
    const shape = { entry: this.shapes.entry(key, keyLength), nodes: nodes.slice(0, nodeCount), nodeCount };
    this.shapeOfLiteral.set(literal, shape);
    return shape;
  }

  /** The scratch key, at least `length` long, its numbers kept. */
  private growShapeKey(length: number): Int32Array {
    const scratch = this.shapeScratch!;
    const grown = new Int32Array(Math.max(length, 2 * scratch.key.length));
    grown.set(scratch.key);
    scratch.key = grown;
    return grown;
  }

  /** Total number of lockout sets of order ≤ the limit. */
  total(top: string): number {
    return this.countsByOrder(top).reduce((sum, count) => sum + count, 0);
  }

  /**
   * A page of lockout sets in order of size (or of one order only) and, within a size, canonically or by
   * decreasing probability. By size, ranks within an order are resolved by counting, so a page deep in a family
   * of 1e10 sets costs no more than the first; by probability, sets are listed from the most probable, so a
   * deep offset costs in proportion to it.
   */
  cutSets(top: string, page: CutSetPageRequest = {}): CutSetPage {
    const literal = this.rootLiteral(top);
    if (!this.sharesPages(literal, page)) return this.literalCutSets(literal, page);
    const { sets, total } = this.renamedPage(literal, page, (event) => event);
    return { sets, offset: page.offset ?? 0, total };
  }

  /**
   * As `cutSets` by size, each event given as `name` gives it (a caller's own reference to a factor), with no
   * list of indices made on the way. `name` must not ask this analysis anything.
   */
  namedCutSets<T>(
    top: string,
    page: CutSetPageRequest,
    name: (event: number) => T,
  ): { sets: T[][]; total: number } {
    const literal = this.rootLiteral(top);
    if (!this.sharesPages(literal, page)) {
      const found = this.literalCutSets(literal, page);
      return { sets: found.sets.map((set) => set.map(name)), total: found.total };
    }
    return this.renamedPage(literal, page, name);
  }

  /** By size, a page of a shape's sets is listed once, and renamed for every other top of that shape. */
  private sharesPages(literal: number, page: CutSetPageRequest): boolean {
    return this.shareAlikeCones && page.by !== 'probability' && !isConstant(literal);
  }

  private renamedPage<T>(
    literal: number,
    page: CutSetPageRequest,
    name: (event: number) => T,
  ): { sets: T[][]; total: number } {
    const shape = this.shapeOf(literal);
    const pages = shape.entry.pages;
    const pageKey = `${page.offset ?? 0}|${page.limit ?? ''}|${page.order ?? ''}`;
    let listed = pages.get(pageKey);
    if (listed === undefined) {
      const found = this.literalCutSets(literal, page);
      const inCone = shape.nodes.subarray(0, shape.nodeCount);
      const positionOf = (event: number): number => inCone.indexOf(event + 1);
      listed = { sets: found.sets.map((set) => set.map(positionOf)), total: found.total };
      pages.set(pageKey, listed);
    }
    // Renamed in the order listed: the shape's numbers end with its variables' positions in index order, so
    // a set sorted by index for one top of the shape is sorted for every other.
    const nodes = shape.nodes;
    // Only for the same `name` (the recovery analysis's factor references): cutSets passes a fresh one each
    // call, so the lists it hands out, which callers may sort, are never shared.
    const last = listed.last;
    if (last !== undefined && last.name === name && namesSameEvents(listed.sets, nodes, last.events)) {
      return { sets: last.sets as T[][], total: listed.total };
    }
    // One renaming for the page, not a closure per set: 50,000 pages of up to ten sets.
    const rename = (position: number): T => name(nodes[position]! - 1);
    const sets = listed.sets.map((set) => set.map(rename));
    listed.last = { name, events: eventsNamed(listed.sets, nodes), sets };
    return { sets, total: listed.total };
  }

  private literalCutSets(literal: number, page: CutSetPageRequest): CutSetPage {
    const byProbability = page.by === 'probability';
    if (byProbability && Number.isNaN(this.engine.probability(literal))) {
      throw new GraphError('ordering lockout sets by probability needs a probability on every event');
    }
    const engine = this.engine;
    // The sets of one order from the `skip`-th on, in the order asked for.
    const listOrder = function* (
      order: number,
      count: number,
      skip: number,
    ): Generator<{ events: number[]; probability?: number }> {
      if (!byProbability) {
        for (let rank = skip; rank < count; rank++) yield { events: engine.cutSetAt(literal, order, rank) };
        return;
      }
      let seen = 0;
      for (const found of engine.cutSetsByProbability(literal, order)) if (seen++ >= skip) yield found;
    };
    const counts = this.countsOf(literal);
    const orders = page.order === undefined ? [...counts.keys()] : [page.order];
    const limit = page.limit ?? 100;
    let offset = page.offset ?? 0;
    let total = 0;
    const sets: number[][] = [];
    const probabilities: number[] = [];
    for (const order of orders) {
      const count = counts[order] ?? 0;
      total += count;
      if (offset >= count) {
        offset -= count;
        continue;
      }
      for (const found of sets.length < limit ? listOrder(order, count, offset) : []) {
        sets.push(found.events);
        if (found.probability !== undefined) probabilities.push(found.probability);
        if (sets.length >= limit) break;
      }
      offset = 0;
    }
    return { sets, ...(byProbability ? { probabilities } : {}), offset: page.offset ?? 0, total };
  }

  /** Events whose loss alone takes the top event (or any gate or event named). */
  singlePointsOfFailure(name: string): number[] {
    return this.singlePoints().of(this.literalOf(name));
  }

  /** As `singlePointsOfFailure`, for a gate or event already found. */
  singlePointsOfFailureOf(ref: NodeRef): number[] {
    return this.singlePoints().of(this.literalOfRef(ref));
  }

  /** Single points of failure of every gate of the graph, by gate name (gates already lost map to []). */
  allSinglePointsOfFailure(): Map<string, number[]> {
    const result = new Map<string, number[]>();
    for (const gate of this.graph.gates) {
      result.set(gate.name, this.singlePoints().of(this.compiled.gateLiteral(gate.index)));
    }
    return result;
  }

  /** Exact top-event probability from the BDD; NaN when an event it depends on has none. */
  probability(top: string): number {
    return this.engine.probability(this.rootLiteral(top));
  }

  /** Importance of every event the top depends on, most important (by Birnbaum) first. */
  importance(top: string): EventImportance[] {
    const literal = this.rootLiteral(top);
    const p = this.engine.probability(literal);
    const birnbaum = this.engine.birnbaum(literal);
    const result: EventImportance[] = [];
    for (const event of this.graph.events) {
      const b = birnbaum[event.index]!;
      if (b === 0) continue;
      const q = event.probability ?? Number.NaN;
      const whenLost = p + (1 - q) * b;
      const whenKept = p - q * b;
      result.push({
        event: event.index,
        name: event.name,
        probability: q,
        birnbaum: b,
        criticality: (b * q) / p,
        fussellVesely: 1 - whenKept / p,
        raw: whenLost / p,
        rrw: p / whenKept,
      });
    }
    return result.sort((a, b) => b.birnbaum - a.birnbaum || a.event - b.event);
  }

  /** A top's node in the graph, found when the analysis began: asked again, no name is looked up. */
  topRef(top: string): NodeRef {
    return this.root(top).ref;
  }

  private root(top: string): { literal: number; ref: NodeRef } {
    const found = this.roots.get(top);
    if (found === undefined) throw new GraphError(`"${top}" is not one of the analysed top events`);
    return found;
  }

  private rootLiteral(top: string): number {
    return this.root(top).literal;
  }

  private singlePoints(): SinglePoints {
    this.singlePointsCache ??= new SinglePoints(this.compiled.pdag);
    return this.singlePointsCache;
  }
}

/** The nodes a page of positions names, in the order they come. */
function eventsNamed(sets: readonly number[][], nodes: Int32Array): Int32Array {
  let count = 0;
  for (const set of sets) count += set.length;
  const events = new Int32Array(count);
  let at = 0;
  for (const set of sets) for (const position of set) events[at++] = nodes[position]!;
  return events;
}

/** Whether a page of positions names, through `nodes`, the same nodes in the same order as `events`. */
function namesSameEvents(sets: readonly number[][], nodes: Int32Array, events: Int32Array): boolean {
  let at = 0;
  for (const set of sets) for (const position of set) if (nodes[position] !== events[at++]) return false;
  return true;
}
