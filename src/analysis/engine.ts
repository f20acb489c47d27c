/**
 * The lockout-set engine over a Pdag: modules, variable order, one BDD per module, minimal cut sets as a
 * ZBDD of minimal solutions (Rauzy), counted per order without being listed, paged on demand, and the exact
 * top-event probability.
 *
 * Modules (Dutuit & Rauzy): a gate whose descendants are reached only through it. Each module gets its own
 * BDD and stands in its parents' BDDs as one proxy variable, so an Organization where thousands of accounts
 * share a few factors never builds one giant diagram. A module's cut sets are substituted for its proxy only
 * when counted or listed. For a non-coherent module that is true when nothing is lost, the proxy stands for
 * its complement, so every proxy is false on the empty set and substitution stays exact.
 */

import { Bdd, BDD_FALSE, BDD_TRUE } from './bdd.js';
import { GraphError } from './graph.js';
import { DiagramTooLarge } from './node-table.js';
import { PairMap } from './int-table.js';
import { FALSE, isConstant, TRUE, type Pdag } from './pdag.js';
import { Zbdd, ZBDD_BASE, ZBDD_EMPTY } from './zbdd.js';
import { sortSmall } from './sort-prefix.js';

/** What a variable level of the diagrams stands for. */
type LevelMeaning =
  | { kind: 'event'; event: number }
  | {
      kind: 'module';
      gate: number;
      root: number;
      prepared: boolean;
      negated: boolean;
      /** Its BDD passed the node budget: its sets come from ZBDD operations and it has no probability. */
      overBudget: boolean;
      zroot: number;
      minOrder: number;
    };

export interface EngineOptions {
  /** Largest cut set order kept (SCRAM's -l); default 20. */
  limitOrder?: number;
  /** Probability of each event by event index; NaN or absent when unknown. */
  probabilities?: ArrayLike<number>;
  /**
   * Most BDD nodes one module may add, its nested modules' not counted (each has a budget of its own). A
   * coherent module past it gets its lockout sets from ZBDD operations
   * with truncation at the order limit instead (counts stay exact; its probability is then unknown).
   */
  maxBddNodesPerModule?: number;
}

/** Default node budget per module: more than any coherent Aralia tree but nus9601 needs (edf9204: 2.6M). */
export const DEFAULT_MAX_BDD_NODES_PER_MODULE = 1 << 22;

export class LockoutEngine {
  readonly pdag: Pdag;
  readonly limitOrder: number;
  readonly bdd = new Bdd();
  readonly zbdd = new Zbdd();
  /** levelOfNode[node] for variables and module gates that have a level; -1 otherwise. */
  private readonly levelOfNode: Int32Array;
  private readonly meaning: LevelMeaning[] = [];
  private readonly isModule: Uint8Array;
  private readonly innerBdd = new Map<number, number>();
  private readonly gateBdd = new Map<number, number>();
  private readonly minsolMemo = new PairMap(1 << 14);
  private readonly counter: OrderPolynomials;
  private readonly best: OrderPolynomials;
  private readonly probabilities: ArrayLike<number> | undefined;
  private levelProbability: Float64Array | undefined;
  private readonly probabilityMemo = new Map<number, number>();
  private readonly maxBddNodesPerModule: number;
  private readonly directMemo = new Map<number, number>();
  /**
   * needsBdd[node]: the gate's cone holds a negative literal, or the gate itself is used negated, so ZBDD
   * operations cannot stand in for its BDD: it gets no node budget of its own.
   */
  private readonly needsBdd: Uint8Array;

  constructor(pdag: Pdag, roots: readonly number[], options: EngineOptions = {}) {
    this.pdag = pdag;
    this.limitOrder = options.limitOrder ?? 20;
    this.probabilities = options.probabilities;
    this.maxBddNodesPerModule = options.maxBddNodesPerModule ?? DEFAULT_MAX_BDD_NODES_PER_MODULE;
    this.needsBdd = new Uint8Array(pdag.nodeCount + 1);
    for (const root of roots) if (root < 0 && !isConstant(root)) this.needsBdd[-root] = 1;
    // Gates are made bottom-up, so each gate's arguments are settled before it.
    for (let node = pdag.variableCount + 1; node <= pdag.nodeCount; node++) {
      for (const arg of pdag.gate(node).args) {
        if (arg < 0) this.needsBdd[node] = this.needsBdd[-arg] = 1;
        else if (this.needsBdd[arg]) this.needsBdd[node] = 1;
      }
    }
    this.zbdd.weightOfLevel = (level) => {
      const meaning = this.meaning[level]!;
      return meaning.kind === 'event' ? 1 : this.prepareModule(level).minOrder;
    };
    const structure = analyseStructure(pdag, roots);
    this.isModule = structure.isModule;
    this.levelOfNode = new Int32Array(pdag.nodeCount + 1).fill(-1);
    for (const node of structure.order) {
      this.levelOfNode[node] = this.meaning.length;
      this.meaning.push(
        node <= pdag.variableCount
          ? { kind: 'event', event: node - 1 }
          : {
              kind: 'module',
              gate: node,
              root: BDD_FALSE,
              prepared: false,
              negated: false,
              overBudget: false,
              zroot: ZBDD_EMPTY,
              minOrder: 0,
            },
      );
    }
    const moduleFamily = (level: number): number =>
      this.meaning[level]!.kind === 'event' ? ZBDD_EMPTY : this.prepareModule(level).zroot;
    this.counter = new OrderPolynomials(
      this.zbdd,
      this.limitOrder,
      'sum',
      (level) =>
        this.meaning[level]!.kind === 'event'
          ? this.counter.monomial(1)
          : this.counter.polynomial(this.prepareModule(level).zroot),
      moduleFamily,
    );
    this.best = new OrderPolynomials(
      this.zbdd,
      this.limitOrder,
      'max',
      (level) => {
        const meaning = this.meaning[level]!;
        return meaning.kind === 'event'
          ? this.best.monomial(this.levelProbabilityOf(level))
          : this.best.polynomial(this.prepareModule(level).zroot);
      },
      moduleFamily,
    );
  }

  /** The BDD of a literal, its modules standing as proxy variables. */
  bddOf(literal: number): number {
    if (literal === TRUE) return BDD_TRUE;
    if (literal === FALSE) return BDD_FALSE;
    const node = Math.abs(literal);
    const negate = literal < 0 ? 1 : 0;
    if (node <= this.pdag.variableCount) return this.bdd.variable(this.levelOfNode[node]!) ^ negate;
    if (this.isModule[node]) return this.proxyOf(node) ^ negate;
    return this.buildGate(node) ^ negate;
  }

  /** The gate's own function, not a proxy, even when it is a module. */
  functionOf(literal: number): number {
    const node = Math.abs(literal);
    if (isConstant(literal) || node <= this.pdag.variableCount || !this.isModule[node]) {
      return this.bddOf(literal);
    }
    return this.moduleFunction(node) ^ (literal < 0 ? 1 : 0);
  }

  /** The minimal cut sets of a literal, as a ZBDD whose module proxies stand for their own cut sets. */
  cutSets(literal: number): number {
    const node = Math.abs(literal);
    if (literal > 0 && !isConstant(literal) && node > this.pdag.variableCount && this.isModule[node]) {
      const module = this.prepareModule(this.levelOfNode[node]!);
      if (!module.negated) return module.zroot;
    }
    return this.minsol(this.functionOf(literal), this.limitOrder);
  }

  /**
   * The level of a variable or module gate in the variable order (-1 for other gates), and whether a gate is a
   * module: with the gates' structure, what fixes a cone's sets and their listing order (analyze.ts's shapes).
   */
  levelOf(node: number): number {
    return this.levelOfNode[node]!;
  }

  isModuleGate(node: number): boolean {
    return this.isModule[node] === 1;
  }

  /** Module gates whose BDD passed the node budget (their sets were built as ZBDDs; no probability). */
  overBudgetModules(): number[] {
    const gates: number[] = [];
    for (const meaning of this.meaning)
      if (meaning.kind === 'module' && meaning.overBudget) gates.push(meaning.gate);
    return gates;
  }

  /** Number of minimal cut sets of each order 0..limitOrder. */
  countsByOrder(literal: number): Float64Array {
    return this.counter.polynomial(this.cutSets(literal)).slice();
  }

  /** The cut set of exactly `order` events with the given rank (0-based) in the engine's canonical order. */
  cutSetAt(literal: number, order: number, rank: number): number[] {
    const events: number[] = [];
    this.unrank(this.cutSets(literal), order, rank, events);
    return events.sort((a, b) => a - b);
  }

  /**
   * The sets of exactly `order` events, most probable first, with their probability (the product of their
   * events'). A best-first search over the ZBDD whose bound — the most probable completion of each partial
   * set, by order — is exact, so every set popped complete is the next one; modules are entered as
   * sub-searches with a continuation.
   */
  *cutSetsByProbability(
    literal: number,
    order: number,
  ): Generator<{ events: number[]; probability: number }> {
    const root = this.cutSets(literal);
    const queue = new MaxQueue<SearchState>();
    const alive = (node: number, r: number): boolean =>
      r >= 0 && r <= this.limitOrder && this.counter.polynomial(node)[r]! > 0;
    const push = (state: Omit<SearchState, 'bound'>): void => {
      if (!alive(state.node, state.remaining)) return;
      const bound =
        state.probability * this.best.polynomial(state.node)[state.remaining]! * (state.then?.bound ?? 1);
      queue.push(bound, { ...state, bound });
    };
    push({ node: root, remaining: order, probability: 1, events: null, then: null });
    for (let state = queue.pop(); state !== undefined; state = queue.pop()) {
      const { node, remaining, probability, events, then } = state;
      if (node === ZBDD_BASE) {
        if (then === null) {
          const list: number[] = [];
          for (let link = events; link !== null; link = link.next) list.push(link.event);
          yield { events: list.sort((a, b) => a - b), probability };
        } else {
          push({ node: then.node, remaining: then.remaining, probability, events, then: then.next });
        }
        continue;
      }
      push({ node: this.zbdd.low[node]!, remaining, probability, events, then });
      const high = this.zbdd.high[node]!;
      const level = this.zbdd.level[node]!;
      const meaning = this.meaning[level]!;
      if (meaning.kind === 'event') {
        const p = this.levelProbabilityOf(level);
        push({
          node: high,
          remaining: remaining - 1,
          probability: probability * p,
          events: { event: meaning.event, next: events },
          then,
        });
        continue;
      }
      for (let j = 1; j <= remaining; j++) {
        if (!alive(high, remaining - j) || !alive(meaning.zroot, j)) continue;
        const next: Continuation = {
          node: high,
          remaining: remaining - j,
          next: then,
          bound: this.best.polynomial(high)[remaining - j]! * (then?.bound ?? 1),
        };
        push({ node: meaning.zroot, remaining: j, probability, events, then: next });
      }
    }
  }

  /**
   * Exact probability of the literal's function; NaN when an event it depends on has no probability, or when
   * a module it depends on has no BDD (over the node budget).
   */
  probability(literal: number): number {
    return withinBudget(() => this.edgeProbability(this.functionOf(literal)), Number.NaN);
  }

  /** Birnbaum importance of every event (∂P/∂p), by one downward pass over the BDD and its modules. */
  birnbaum(literal: number): Float64Array {
    const result = new Float64Array(this.pdag.variableCount);
    const complete = withinBudget(() => {
      this.accumulateGradient(this.functionOf(literal), 1, result);
      return true;
    }, false);
    if (!complete) result.fill(Number.NaN);
    return result;
  }

  private proxyOf(node: number): number {
    const level = this.levelOfNode[node]!;
    const module = this.prepareModule(level);
    // A module whose function is constant needs no variable.
    if (module.overBudget) {
      // Its sets are truncated: no set within the limit does not make it false, but the empty set makes it true.
      if (module.zroot === ZBDD_BASE) return BDD_TRUE;
    } else {
      const inner = this.moduleFunction(node);
      if (inner === BDD_TRUE || inner === BDD_FALSE) return inner;
    }
    return this.bdd.variable(level);
  }

  /** The module's BDD; throws DiagramTooLarge if it passed its node budget (then or before). */
  private moduleFunction(node: number): number {
    const known = this.innerBdd.get(node);
    if (known !== undefined) return known;
    const meaning = this.meaning[this.levelOfNode[node]!];
    if (meaning?.kind === 'module' && meaning.overBudget)
      throw new DiagramTooLarge(this.maxBddNodesPerModule);
    // A coherent module's budget counts the nodes it adds itself, not its nested modules' (each has its own),
    // so a parent that runs out does not mark the small modules it was building as over budget too. A module
    // with a NOT has no cheaper way to its sets, so it has no budget of its own.
    const bdd = this.bdd;
    const outerLimit = bdd.maxNodes;
    const start = bdd.nodeCount;
    const budgeted = !this.needsBdd[node];
    if (budgeted) bdd.maxNodes = start + this.maxBddNodesPerModule;
    let root: number;
    try {
      root = this.buildGate(node);
    } catch (error) {
      if (error instanceof DiagramTooLarge && budgeted && meaning?.kind === 'module')
        meaning.overBudget = true;
      throw error;
    } finally {
      bdd.maxNodes = budgeted ? outerLimit + (bdd.nodeCount - start) : outerLimit;
    }
    this.innerBdd.set(node, root);
    if (meaning?.kind === 'module') meaning.root = root;
    return root;
  }

  /**
   * The BDD of a gate, its modules as proxies. The gates under it that are not modules are built first, children
   * before parents, from an explicit stack: a chain of them must not cost a stack frame per gate.
   */
  private buildGate(node: number): number {
    const known = this.gateBdd.get(node);
    if (known !== undefined) return known;
    const pdag = this.pdag;
    const stack = [node];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.gateBdd.has(top)) {
        stack.pop();
        continue;
      }
      let pending = false;
      for (const arg of pdag.gate(top).args) {
        const child = Math.abs(arg);
        if (pdag.isGate(child) && !this.isModule[child] && !this.gateBdd.has(child)) {
          stack.push(child);
          pending = true;
        }
      }
      if (pending) continue;
      stack.pop();
      this.gateBdd.set(top, this.combineGate(top));
    }
    return this.gateBdd.get(node)!;
  }

  /** A gate's BDD from its arguments', which are built (or are variables and module proxies). */
  private combineGate(node: number): number {
    const gate = this.pdag.gate(node);
    const args = Array.from(gate.args, (arg) => this.bddOf(arg));
    // Combine from the bottom of the order up: small intermediate diagrams first.
    args.sort((a, b) => this.bdd.levelOf(b) - this.bdd.levelOf(a));
    let result: number;
    if (gate.type === 'atleast') {
      result = this.bdd.atLeast(gate.k, args);
    } else if (gate.type === 'and') {
      result = BDD_TRUE;
      for (const arg of args) result = this.bdd.and(result, arg);
    } else {
      result = BDD_FALSE;
      for (const arg of args) result = this.bdd.or(result, arg);
    }
    return result;
  }

  /** Makes sure a module level knows its function, polarity and cut sets before a parent uses them. */
  private prepareModule(level: number): LevelMeaning & { kind: 'module' } {
    const meaning = this.meaning[level]!;
    if (meaning.kind !== 'module') throw new Error(`level ${level} is not a module`);
    if (!meaning.prepared) {
      this.prepareModulesBelow(meaning.gate);
      meaning.prepared = true;
      const root = withinBudget(() => this.moduleFunction(meaning.gate), undefined);
      if (root === undefined) {
        meaning.zroot = this.directCutSets(meaning.gate, meaning.gate);
      } else {
        // The proxy must be false on the empty set: a module true when nothing is lost stands negated.
        meaning.negated = this.valueWhenNothingLost(root);
        meaning.zroot = this.minsol(root ^ (meaning.negated ? 1 : 0), this.limitOrder);
      }
      meaning.minOrder = this.counter.minOrder(meaning.zroot);
    }
    return meaning;
  }

  /**
   * Prepares the modules nested under a gate that are not prepared yet, innermost first (a depth-first
   * post-order on an explicit stack), so that preparing one finds every module it holds ready and never
   * recurses through them: modules nest as deep as the model, 100,000 levels in a chain.
   */
  private prepareModulesBelow(gate: number): void {
    const pdag = this.pdag;
    const visited = new Set<number>();
    // Entries are nodes to visit, or ~node once every child of node is done.
    const stack = [gate];
    const ready: number[] = [];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (entry < 0) {
        ready.push(~entry);
        continue;
      }
      if (visited.has(entry)) continue;
      visited.add(entry);
      stack.push(~entry);
      for (const arg of pdag.gate(entry).args) {
        const child = Math.abs(arg);
        if (!pdag.isGate(child) || visited.has(child)) continue;
        const nested = this.isModule[child] ? this.meaning[this.levelOfNode[child]!] : undefined;
        if (nested?.kind === 'module' && nested.prepared) continue;
        stack.push(child);
      }
    }
    for (const node of ready) {
      if (node !== gate && this.isModule[node]) this.prepareModule(this.levelOfNode[node]!);
    }
  }

  /**
   * The minimal cut sets of a coherent gate, truncated at the order limit, by ZBDD operations on its
   * arguments' families (products for AND, unions for OR, both for k-of-n), nested modules as proxies: what
   * SCRAM's --zbdd does, for a module whose BDD is too large. Exact for coherent gates only.
   */
  private directCutSets(node: number, module: number): number {
    const known = this.directMemo.get(node);
    if (known !== undefined) return known;
    const zbdd = this.zbdd;
    const limit = this.limitOrder;
    const notCoherent = (): GraphError =>
      new GraphError(
        `the BDD of a module passed ${this.maxBddNodesPerModule.toLocaleString('en-US')} nodes, and the module ` +
          'is not coherent (it has a NOT), so its lockout sets cannot be built without it',
      );
    const families = Array.from(this.pdag.gate(node).args, (arg) => {
      const child = Math.abs(arg);
      if (arg < 0) throw notCoherent();
      if (child <= this.pdag.variableCount) return zbdd.element(this.levelOfNode[child]!);
      if (this.isModule[child] && child !== module) {
        const nested = this.prepareModule(this.levelOfNode[child]!);
        if (nested.negated) throw notCoherent();
        return nested.zroot <= ZBDD_BASE ? nested.zroot : zbdd.element(this.levelOfNode[child]!);
      }
      return this.directCutSets(child, module);
    });
    const gate = this.pdag.gate(node);
    let result: number;
    if (gate.type === 'or') {
      result = ZBDD_EMPTY;
      for (const family of families) result = zbdd.union(result, family);
    } else if (gate.type === 'and') {
      result = ZBDD_BASE;
      for (const family of families) result = zbdd.minimalProduct(result, family, limit);
    } else {
      // At least k: row[j] holds "at least j of the arguments seen so far", as in Bdd.atLeast.
      let row = new Array<number>(gate.k + 1).fill(ZBDD_EMPTY);
      row[0] = ZBDD_BASE;
      for (const family of families) {
        const next = row.slice();
        for (let j = 1; j <= gate.k; j++) {
          next[j] = zbdd.minimalUnion(row[j]!, zbdd.minimalProduct(family, row[j - 1]!, limit));
        }
        row = next;
      }
      result = row[gate.k]!;
    }
    result = zbdd.minimal(result);
    this.directMemo.set(node, result);
    return result;
  }

  /** The function's value when no event is lost; a proxy then has its module's value, not false. */
  private valueWhenNothingLost(edge: number): boolean {
    while (edge >>> 1 !== 0) {
      const meaning = this.meaning[this.bdd.levelOf(edge)]!;
      const proxyTrue = meaning.kind === 'module' && this.prepareModule(this.bdd.levelOf(edge)).negated;
      edge = proxyTrue ? this.bdd.highOf(edge) : this.bdd.lowOf(edge);
    }
    return edge === BDD_TRUE;
  }

  /**
   * Rauzy's minimal solutions of a BDD as a ZBDD, truncated at `limit`. A depth-first post-order on an explicit
   * stack of (edge, limit) pairs: a BDD is as deep as its module has variables (a flat OR of 4,000 events is a
   * chain of 4,000 nodes), and a recursion per level overflowed the stack.
   */
  private minsol(edge: number, limit: number): number {
    const done = this.knownMinsol(edge, limit);
    if (done !== -1) return done;
    const bdd = this.bdd;
    const stack = [edge, limit];
    while (stack.length > 0) {
      const at = stack[stack.length - 2]!;
      const left = stack[stack.length - 1]!;
      if (this.knownMinsol(at, left) !== -1) {
        stack.length -= 2;
        continue;
      }
      const level = bdd.levelOf(at);
      let high = bdd.highOf(at);
      let low = bdd.lowOf(at);
      let weight = 1;
      const meaning = this.meaning[level]!;
      if (meaning.kind === 'module') {
        const module = this.prepareModule(level);
        weight = module.minOrder;
        if (module.negated) [high, low] = [low, high];
      }
      const lowSets = this.knownMinsol(low, left);
      const highSets = weight <= left ? this.knownMinsol(high, left - weight) : ZBDD_EMPTY;
      if (lowSets === -1 || highSets === -1) {
        // The low branch first, as a recursive descent would: the ZBDD is built in the same order.
        if (highSets === -1) stack.push(high, left - weight);
        if (lowSets === -1) stack.push(low, left);
        continue;
      }
      stack.length -= 2;
      const result =
        weight <= left ? this.zbdd.makeNode(level, this.zbdd.without(highSets, lowSets), lowSets) : lowSets;
      this.minsolMemo.set(at, left, result);
    }
    return this.knownMinsol(edge, limit);
  }

  /** The minimal solutions of an edge already known (terminals, or memoised), or -1. */
  private knownMinsol(edge: number, limit: number): number {
    if (edge === BDD_TRUE) return ZBDD_BASE;
    if (edge === BDD_FALSE) return ZBDD_EMPTY;
    return this.minsolMemo.get(edge, limit);
  }

  /**
   * Appends to `out` the events of the set of that order and rank under a ZBDD node. Entering a module's
   * family leaves what comes after it on a stack of its own, so nested modules cost no stack frames.
   */
  private unrank(node: number, order: number, rank: number, out: number[]): void {
    const zbdd = this.zbdd;
    const after: { node: number; order: number; rank: number }[] = [];
    for (;;) {
      while (node > ZBDD_BASE) {
        const low = zbdd.low[node]!;
        const lowCount = this.counter.polynomial(low)[order]!;
        if (rank < lowCount) {
          node = low;
          continue;
        }
        rank -= lowCount;
        const level = zbdd.level[node]!;
        const high = zbdd.high[node]!;
        const highPoly = this.counter.polynomial(high);
        const meaning = this.meaning[level]!;
        if (meaning.kind === 'event') {
          out.push(meaning.event);
          node = high;
          order -= 1;
          continue;
        }
        // A module: pick the order j of its part, then the module's set and the rest's set by mixed radix.
        const modulePoly = this.counter.polynomial(meaning.zroot);
        let entered = false;
        for (let j = 1; j <= order; j++) {
          const block = modulePoly[j]! * highPoly[order - j]!;
          if (rank < block) {
            const restCount = highPoly[order - j]!;
            after.push({ node: high, order: order - j, rank: rank % restCount });
            node = meaning.zroot;
            order = j;
            rank = Math.floor(rank / restCount);
            entered = true;
            break;
          }
          rank -= block;
        }
        if (!entered) break;
      }
      if (node !== ZBDD_BASE || order !== 0) throw new RangeError('cut set rank out of range');
      const next = after.pop();
      if (next === undefined) return;
      ({ node, order, rank } = next);
    }
  }

  private edgeProbability(edge: number): number {
    const node = edge >>> 1;
    const p = node === 0 ? 1 : this.nodeProbability(node);
    return edge & 1 ? 1 - p : p;
  }

  /**
   * P(node) with a persistent memo: nodes never change once made, nor do the events' probabilities. Children
   * first from an explicit stack, and a module's own BDD before a node at its proxy's level: BDDs are as deep
   * as their variables, and modules nest as deep as the model.
   */
  private nodeProbability(root: number): number {
    const memo = this.probabilityMemo;
    const known = memo.get(root);
    if (known !== undefined) return known;
    const bdd = this.bdd;
    const table = this.levelProbabilities();
    const stack = [root];
    while (stack.length > 0) {
      const node = stack[stack.length - 1]!;
      if (node === 0 || memo.has(node)) {
        stack.pop();
        continue;
      }
      const level = bdd.level[node]!;
      if (table[level] === -1) {
        const meaning = this.meaning[level]!;
        const inner =
          meaning.kind === 'event'
            ? undefined
            : withinBudget(() => this.moduleFunction(meaning.gate), undefined);
        if (inner !== undefined && inner >>> 1 !== 0 && !memo.has(inner >>> 1)) {
          stack.push(inner >>> 1);
          continue;
        }
      }
      const q = this.levelProbabilityOf(level);
      const highNode = bdd.high[node]! >>> 1;
      const lowEdge = bdd.low[node]!;
      const lowNode = lowEdge >>> 1;
      const highKnown = highNode === 0 || memo.has(highNode);
      const lowKnown = lowNode === 0 || memo.has(lowNode);
      if (!highKnown || !lowKnown) {
        if (!lowKnown) stack.push(lowNode);
        if (!highKnown) stack.push(highNode);
        continue;
      }
      stack.pop();
      const high = highNode === 0 ? 1 : memo.get(highNode)!;
      const low = lowNode === 0 ? 1 : memo.get(lowNode)!;
      memo.set(node, q * high + (1 - q) * (lowEdge & 1 ? 1 - low : low));
    }
    return memo.get(root)!;
  }

  /** The probability of each level's variable, -1 where not computed yet. */
  private levelProbabilities(): Float64Array {
    return (this.levelProbability ??= new Float64Array(this.meaning.length).fill(-1));
  }

  private levelProbabilityOf(level: number): number {
    const table = this.levelProbabilities();
    const known = table[level]!;
    if (known !== -1) return known;
    const meaning = this.meaning[level]!;
    const p =
      meaning.kind === 'event'
        ? (this.probabilities?.[meaning.event] ?? Number.NaN)
        : withinBudget(() => this.edgeProbability(this.moduleFunction(meaning.gate)), Number.NaN);
    table[level] = p;
    return p;
  }

  /**
   * Adds weight · ∂P(edge)/∂p_e to out[e] for every event e, through modules by the chain rule: each module
   * met is queued with its weight and walked in turn, not entered recursively (modules nest as deep as the
   * model).
   */
  private accumulateGradient(edge: number, weight: number, out: Float64Array): void {
    const queue = [{ edge, weight }];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      this.diagramGradient(next.edge, next.weight, out, queue);
    }
  }

  /** The chain rule over one module's BDD: events' terms go to `out`, nested modules' to `queue`. */
  private diagramGradient(
    edge: number,
    weight: number,
    out: Float64Array,
    queue: { edge: number; weight: number }[],
  ): void {
    const bdd = this.bdd;
    // Every node reachable from the edge, then in order of level: a node's gradient is complete before
    // it is passed down, since levels only grow along edges.
    const nodes: number[] = [];
    const seen = new Set<number>();
    const stack = [edge >>> 1];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node === 0 || seen.has(node)) continue;
      seen.add(node);
      nodes.push(node);
      stack.push(bdd.high[node]! >>> 1, bdd.low[node]! >>> 1);
    }
    nodes.sort((a, b) => bdd.level[a]! - bdd.level[b]!);
    const gradient = new Map<number, number>();
    const add = (e: number, w: number): void => {
      const node = e >>> 1;
      if (node !== 0) gradient.set(node, (gradient.get(node) ?? 0) + (e & 1 ? -w : w));
    };
    add(edge, weight);
    for (const node of nodes) {
      const g = gradient.get(node) ?? 0;
      if (g === 0) continue;
      const level = bdd.level[node]!;
      const q = this.levelProbabilityOf(level);
      const high = bdd.high[node]!;
      const low = bdd.low[node]!;
      const dq = g * (this.edgeProbability(high) - this.edgeProbability(low));
      const meaning = this.meaning[level]!;
      if (meaning.kind === 'event') out[meaning.event]! += dq;
      else queue.push({ edge: this.moduleFunction(meaning.gate), weight: dq });
      add(high, g * q);
      add(low, g * (1 - q));
    }
  }
}

/** Where a partial set stands in the best-first search: a node, the order left, what comes after a module. */
interface SearchState {
  node: number;
  remaining: number;
  probability: number;
  events: { event: number; next: SearchState['events'] } | null;
  then: Continuation | null;
  bound: number;
}

interface Continuation {
  node: number;
  remaining: number;
  next: Continuation | null;
  /** Best probability of completing this continuation and the ones after it. */
  bound: number;
}

/** A binary max-heap; ties leave in insertion order, so listings are deterministic. */
class MaxQueue<T> {
  private readonly keys: number[] = [];
  private readonly sequence: number[] = [];
  private readonly items: T[] = [];
  private counter = 0;

  push(key: number, item: T): void {
    this.keys.push(key);
    this.sequence.push(this.counter++);
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.swap(0, n - 1);
    this.keys.pop();
    this.sequence.pop();
    this.items.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < this.items.length && this.before(left, best)) best = left;
      if (right < this.items.length && this.before(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.sequence[a]! < this.sequence[b]!);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.sequence[a], this.sequence[b]] = [this.sequence[b]!, this.sequence[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}

/**
 * A polynomial per ZBDD node: coefficient i summarises the node's sets of order i, each proxy level weighing
 * as its module's polynomial. Over (+, ×) it counts the sets; over (max, ×) with event probabilities it gives
 * the most probable set of each order — the exact bound the best-first listing needs.
 */
class OrderPolynomials {
  private readonly memo = new Map<number, Float64Array>();
  private readonly zbdd: Zbdd;
  private readonly limit: number;
  private readonly combine: 'sum' | 'max';
  private readonly levelPolynomial: (level: number) => Float64Array;
  /** The family whose polynomial a level's is (a module's), computed first; ZBDD_EMPTY for an event. */
  private readonly levelFamily: (level: number) => number;

  constructor(
    zbdd: Zbdd,
    limit: number,
    combine: 'sum' | 'max',
    levelPolynomial: (level: number) => Float64Array,
    levelFamily: (level: number) => number,
  ) {
    this.zbdd = zbdd;
    this.limit = limit;
    this.combine = combine;
    this.levelPolynomial = levelPolynomial;
    this.levelFamily = levelFamily;
  }

  /** The polynomial of a single event of weight w: w at order 1. */
  monomial(weight: number): Float64Array {
    const poly = new Float64Array(this.limit + 1);
    if (this.limit >= 1) poly[1] = weight;
    return poly;
  }

  polynomial(node: number): Float64Array {
    const limit = this.limit;
    if (node <= ZBDD_BASE) {
      const poly = new Float64Array(limit + 1);
      if (node === ZBDD_BASE) poly[0] = 1;
      return poly;
    }
    const known = this.memo.get(node);
    if (known) return known;
    // Children and the level's module first, from an explicit stack: a ZBDD is as deep as its variables,
    // and modules nest as deep as the model.
    const zbdd = this.zbdd;
    const memo = this.memo;
    const ready = (n: number): boolean => n <= ZBDD_BASE || memo.has(n);
    const stack = [node];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (ready(top)) {
        stack.pop();
        continue;
      }
      const low = zbdd.low[top]!;
      const high = zbdd.high[top]!;
      const family = this.levelFamily(zbdd.level[top]!);
      if (ready(low) && ready(high) && ready(family)) {
        stack.pop();
        this.combineNode(top);
      } else {
        if (!ready(family)) stack.push(family);
        if (!ready(high)) stack.push(high);
        if (!ready(low)) stack.push(low);
      }
    }
    return memo.get(node)!;
  }

  /** A node's polynomial from its branches' and its level's, all known. */
  private combineNode(node: number): void {
    const limit = this.limit;
    const low = this.polynomial(this.zbdd.low[node]!);
    const high = this.polynomial(this.zbdd.high[node]!);
    const weight = this.levelPolynomial(this.zbdd.level[node]!);
    const poly = low.slice();
    const max = this.combine === 'max';
    for (let i = 1; i <= limit; i++) {
      const w = weight[i]!;
      if (w === 0) continue;
      for (let j = 0; i + j <= limit; j++) {
        const term = w * high[j]!;
        if (max) {
          if (term > poly[i + j]!) poly[i + j] = term;
        } else poly[i + j]! += term;
      }
    }
    this.memo.set(node, poly);
  }

  minOrder(node: number): number {
    const poly = this.polynomial(node);
    for (let i = 0; i < poly.length; i++) if (poly[i]! > 0) return i;
    return this.limit + 1;
  }
}

/**
 * One depth-first pass over the gates reachable from the roots: module detection by visit dates, and the
 * variable order — gate arguments before variables, most-shared first — that keeps BDDs small.
 */
function analyseStructure(pdag: Pdag, roots: readonly number[]): { isModule: Uint8Array; order: number[] } {
  const nodeCount = pdag.nodeCount;
  const parents = new Int32Array(nodeCount + 1);
  const reachable = new Uint8Array(nodeCount + 1);
  const stack: number[] = [];
  for (const root of roots) {
    if (!isConstant(root)) stack.push(Math.abs(root));
  }
  for (const node of stack) reachable[node] = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!pdag.isGate(node)) continue;
    // Indexed, not for-of: a typed array's iterator allocates in code run once per analysis (a what-if click).
    const args = pdag.gate(node).args;
    for (let at = 0; at < args.length; at++) {
      const child = Math.abs(args[at]!);
      parents[child]! += 1;
      if (!reachable[child]) {
        reachable[child] = 1;
        stack.push(child);
      }
    }
  }

  const compareArgs = (a: number, b: number): number => {
    const aGate = pdag.isGate(a) ? 1 : 0;
    const bGate = pdag.isGate(b) ? 1 : 0;
    if (aGate !== bGate) return bGate - aGate;
    return parents[b]! - parents[a]! || a - b;
  };
  // Most gates have a handful of arguments: no iterator (Array.from walks a typed array with one), and sorted
  // by insertion (stable, as the built-in sort is, so the same order).
  const sortedArgs = (node: number): number[] => {
    const sorted: number[] = [];
    const args = pdag.gate(node).args;
    for (let at = 0; at < args.length; at++) sorted.push(Math.abs(args[at]!));
    return sortSmall(sorted, compareArgs);
  };

  const enter = new Int32Array(nodeCount + 1).fill(-1);
  const exit = new Int32Array(nodeCount + 1);
  const lastVisit = new Int32Array(nodeCount + 1);
  const minDesc = new Int32Array(nodeCount + 1);
  const maxDesc = new Int32Array(nodeCount + 1);
  const order: number[] = [];
  let time = 0;

  // Iterative DFS: frames of [node, sorted args, next index].
  const visit = (start: number): void => {
    time += 1;
    if (enter[start] !== -1) {
      lastVisit[start] = time;
      return;
    }
    enter[start] = lastVisit[start] = time;
    order.push(start);
    if (!pdag.isGate(start)) return;
    const frames: [number, number[], number][] = [[start, sortedArgs(start), 0]];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      // Read by index: destructuring a list walks its iterator, which allocates until the code is optimised.
      const node = frame[0];
      const args = frame[1];
      const next = frame[2];
      if (next < args.length) {
        frame[2] = next + 1;
        const child = args[next]!;
        time += 1;
        if (enter[child] !== -1) {
          lastVisit[child] = time;
          continue;
        }
        enter[child] = lastVisit[child] = time;
        order.push(child);
        if (pdag.isGate(child)) frames.push([child, sortedArgs(child), 0]);
        continue;
      }
      frames.pop();
      time += 1;
      exit[node] = time;
    }
  };
  for (const root of roots) if (!isConstant(root)) visit(Math.abs(root));

  // Descendants' earliest and latest visit dates, children before parents (gates are created bottom-up).
  const isModule = new Uint8Array(nodeCount + 1);
  for (let node = pdag.variableCount + 1; node <= nodeCount; node++) {
    if (!reachable[node]) continue;
    let low = Number.MAX_SAFE_INTEGER;
    let high = 0;
    const args = pdag.gate(node).args;
    for (let at = 0; at < args.length; at++) {
      const child = Math.abs(args[at]!);
      low = Math.min(low, enter[child]!);
      high = Math.max(high, lastVisit[child]!);
      if (pdag.isGate(child)) {
        low = Math.min(low, minDesc[child]!);
        high = Math.max(high, maxDesc[child]!);
      }
    }
    minDesc[node] = low;
    maxDesc[node] = high;
    isModule[node] = low > enter[node]! && high < exit[node]! ? 1 : 0;
  }

  // Levels: variables, and module gates (as proxies), in order of first visit.
  const levelled = order.filter((node) => !pdag.isGate(node) || isModule[node]);
  return { isModule, order: levelled };
}

/** The value of `compute`, or `fallback` when a diagram passed its node budget on the way. */
function withinBudget<T, F>(compute: () => T, fallback: F): T | F {
  try {
    return compute();
  } catch (error) {
    if (error instanceof DiagramTooLarge) return fallback;
    throw error;
  }
}
