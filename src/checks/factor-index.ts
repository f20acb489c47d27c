/**
 * The inventory's factors as checks look them up: by id, by the name findings give them, and along the chains of
 * dependencies that make a factor unusable.
 */
import {
  factorLabel,
  listFactors,
  type Factor,
  type FactorState,
  type Inventory,
} from '../model/inventory.js';
import type { CheckContext } from './check.js';

/** A factor with the link that led to it from the factor a chain starts at. */
export interface ChainLink {
  factor: Factor;
  /** How the previous factor of the chain needs this one; absent for the first. */
  via?: 'depends on' | 'kept by' | 'kept at' | undefined;
}

/** The name a factor goes by in a finding (see factorLabel). */
export function factorName(factor: Factor | { id: string; label?: string | undefined }): string {
  return factorLabel(factor);
}

/** Lost or outdated (a number given up): both count as already lost. */
export function isGone(factor: { state?: FactorState | undefined }): boolean {
  return factor.state === 'lost' || factor.state === 'outdated';
}

/** The index of each check run's inventory (keyed by the run's context), built once for every check that asks. */
const indexes = new WeakMap<CheckContext, FactorIndex>();

/**
 * The factor index of a check run: a dozen checks look factors up, and an Organization's inventory has tens of
 * thousands; one index per run instead of one per check.
 */
export function factorIndexOf(context: CheckContext): FactorIndex {
  let index = indexes.get(context);
  if (index === undefined) {
    index = new FactorIndex(context.inventory);
    indexes.set(context, index);
  }
  return index;
}

export class FactorIndex {
  readonly #factors: ReadonlyMap<string, Factor>;
  /** The factors from which a lost or outdated one can be reached; built when a chain is first asked for. */
  #reachingGone: ReadonlySet<string> | undefined;

  constructor(inventory: Inventory) {
    // Set one by one: a pair per factor to build the map from was 11,000 lists more at 10,000 accounts.
    const factors = new Map<string, Factor>();
    for (const factor of listFactors(inventory)) factors.set(factor.id, factor);
    this.#factors = factors;
  }

  get(id: string): Factor | undefined {
    return this.#factors.get(id);
  }

  /** Every factor, in declaration order (section by section, as listFactors gives them). */
  all(): IterableIterator<Factor> {
    return this.#factors.values();
  }

  /** The factor's name for messages; an id that names no factor (an account id) is shown as is. */
  name(id: string): string {
    const factor = this.#factors.get(id);
    return factor === undefined ? id : factorName(factor);
  }

  /**
   * The shortest chain from `start` to a factor that is lost or outdated, following what each factor depends on
   * and the person who keeps it; undefined when every factor reached is fine. `start` alone when it is gone
   * itself.
   */
  brokenChain(start: string): ChainLink[] | undefined {
    // Most factors reach nothing gone: answered from one backward pass, with no search (and no lookup in the
    // map of every factor) of their own.
    if (!this.#reachesGone(start)) return undefined;
    const first = this.#factors.get(start);
    if (first === undefined) return undefined;
    const previous = new Map<string, { from: string; via: ChainLink['via'] }>();
    const queue: Factor[] = [first];
    const seen = new Set([start]);
    for (let head = 0; head < queue.length; head++) {
      const factor = queue[head]!;
      if (isGone(factor)) {
        const chain: ChainLink[] = [{ factor }];
        for (let link = previous.get(factor.id); link !== undefined; link = previous.get(link.from)) {
          chain[0] = { ...chain[0]!, via: link.via };
          chain.unshift({ factor: this.#factors.get(link.from)! });
        }
        return chain;
      }
      const next: { id: string; via: ChainLink['via'] }[] = (factor.dependsOn ?? []).map((id) => ({
        id,
        via: 'depends on' as const,
      }));
      next.push(...this.#keptBy(factor));
      for (const { id, via } of next) {
        const target = this.#factors.get(id);
        // Account ids in dependsOn are not factors: an account's suspension is other checks' business.
        if (target === undefined || seen.has(id)) continue;
        seen.add(id);
        previous.set(id, { from: factor.id, via });
        queue.push(target);
      }
    }
    return undefined;
  }

  /**
   * Every factor whose loss makes `start` unusable through what it depends on, its keeper and its place,
   * `start` included.
   */
  reach(start: string): Set<string> {
    const seen = new Set<string>();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const factor = this.#factors.get(queue[head]!);
      if (factor === undefined || seen.has(factor.id)) continue;
      seen.add(factor.id);
      for (const id of factor.dependsOn ?? []) queue.push(id);
      for (const { id } of this.#keptBy(factor)) queue.push(id);
    }
    return seen;
  }

  #reachesGone(id: string): boolean {
    this.#reachingGone ??= this.#findReachingGone();
    return this.#reachingGone.has(id);
  }

  /**
   * Walks backwards from every gone factor along the links brokenChain follows forwards. An inventory with
   * nothing gone needs no map of what needs what: nothing can reach one.
   */
  #findReachingGone(): Set<string> {
    const reaching = new Set<string>();
    const queue: string[] = [];
    for (const factor of this.#factors.values()) {
      if (!isGone(factor)) continue;
      reaching.add(factor.id);
      queue.push(factor.id);
    }
    if (queue.length === 0) return reaching;
    const neededBy = new Map<string, string[]>();
    for (const factor of this.#factors.values()) {
      for (const id of factor.dependsOn ?? []) addTo(neededBy, id, factor.id);
      for (const { id } of this.#keptBy(factor)) addTo(neededBy, id, factor.id);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const id of neededBy.get(queue[head]!) ?? []) {
        if (reaching.has(id)) continue;
        reaching.add(id);
        queue.push(id);
      }
    }
    return reaching;
  }

  #keptBy(factor: Factor): { id: string; via: ChainLink['via'] }[] {
    const next: { id: string; via: ChainLink['via'] }[] = [];
    if ('holder' in factor && factor.holder !== undefined) next.push({ id: factor.holder, via: 'kept by' });
    if ('location' in factor && factor.location !== undefined)
      next.push({ id: factor.location, via: 'kept at' });
    return next;
  }
}

function addTo(lists: Map<string, string[]>, key: string, item: string): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}

/** "Android phone, which is lost" or "KeePassXC, which depends on Laptop, which is lost". */
export function describeChain(chain: readonly ChainLink[]): string {
  return chain
    .map((link, index) => {
      const name = factorName(link.factor);
      const text =
        index === 0
          ? name
          : link.via === 'kept by'
            ? `which is kept by ${name}`
            : link.via === 'kept at'
              ? `which is kept at ${name}`
              : `which depends on ${name}`;
      return index === chain.length - 1 ? `${text}, ${stateText(link.factor)}` : text;
    })
    .join(', ');
}

function stateText(factor: Factor): string {
  const state = factor.state ?? 'ok';
  return factor.type === 'person' ? `who is marked ${state}` : `which is ${state}`;
}
