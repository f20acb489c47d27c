/**
 * The recovery analysis of an inventory: every account's capabilities expanded through the AWS provider
 * model into one fault graph, analysed by the engine, and reported in the owner's terms.
 */

import { GraphAnalysis, type TopStatus } from '../../analysis/analyze.js';
import type { FaultGraph } from '../../analysis/graph.js';
import { RecoveryTimes, type RecoveryEstimate } from '../../analysis/recovery-time.js';
import { buildRecoveryGraph, type EventMeaning, type RecoveryGraph } from './recovery-graph.js';
import type { Account, Day, Inventory } from '../../model/inventory.js';

export const capabilityIds = [
  'root-sign-in',
  'change-payment-method',
  'keep-bill-paid',
  'receive-billing-notices',
] as const;
export type CapabilityId = (typeof capabilityIds)[number];

/** A factor as reports name it. */
export interface FactorRef {
  id: string;
  label: string;
}

/** One way to exercise a capability (sign in with MFA, alternative factors, identity verification…). */
export interface WayResult {
  id: string;
  label: string;
  /** A few words for sentences. */
  short: string;
  status: TopStatus;
  /** How long this way takes from now, when it is possible. */
  duration?: RecoveryEstimate | undefined;
  docs?: string | undefined;
}

export interface CapabilityResult {
  account: Account;
  capability: CapabilityId;
  label: string;
  /** Name of the capability's gate in the recovery graph. */
  gate: string;
  status: TopStatus;
  /** Factors whose loss alone would take the capability. */
  singlePointsOfFailure: FactorRef[];
  /** Number of lockout sets of each order (index = order). */
  lockoutSetCounts: number[];
  /** The smallest lockout sets, most probable first within a size when probabilities are known. */
  lockoutSets: FactorRef[][];
  ways: WayResult[];
  /** The fastest way to exercise the capability now (or get it back when lost). */
  fastest: RecoveryEstimate;
}

export interface RecoveryAnalysis {
  asOf: Day;
  graph: FaultGraph;
  /** What each event of the graph stands for (a factor, or an unknown or a setting of an account). */
  events: ReadonlyMap<string, EventMeaning>;
  capabilities: CapabilityResult[];
  capability(accountId: string, capability: CapabilityId): CapabilityResult;
  /** Every lockout set of a capability up to `maxOrder` losses (no listing limit: callers keep orders small). */
  lockoutSetsUpTo(result: CapabilityResult, maxOrder: number): FactorRef[][];
}

export interface RecoveryOptions {
  asOf: Day;
  /** How many lockout sets to list per capability. */
  setLimit?: number;
}

/** Lockout sets are listed up to this size: beyond it the owner has bigger problems than a report. */
const LIMIT_ORDER = 6;

export function analyzeRecovery(inventory: Inventory, options: RecoveryOptions): RecoveryAnalysis {
  const recovery = buildRecoveryGraph(inventory, options.asOf);
  return analyzeRecoveryGraph(recovery, options);
}

export function analyzeRecoveryGraph(recovery: RecoveryGraph, options: RecoveryOptions): RecoveryAnalysis {
  const { graph, events } = recovery;
  const tops = recovery.capabilities.map((capability) => capability.gate);
  const analysis = new GraphAnalysis(graph, { tops, limitOrder: LIMIT_ORDER });
  const lost = (index: number): boolean => graph.events[index]!.lost;
  const times = new RecoveryTimes(graph, lost);
  const factorRef = (index: number): FactorRef => {
    const event = graph.events[index]!;
    const meaning = events.get(event.name);
    return { id: meaning?.factorId ?? event.name, label: meaning?.label ?? event.label ?? event.name };
  };

  const capabilities = recovery.capabilities.map((capability): CapabilityResult => {
    const page = analysis.cutSets(capability.gate, { limit: options.setLimit ?? 10 });
    return {
      account: capability.account,
      capability: capability.capability,
      label: capability.label,
      gate: capability.gate,
      status: analysis.status(capability.gate),
      singlePointsOfFailure: analysis.singlePointsOfFailure(capability.gate).map(factorRef),
      lockoutSetCounts: analysis.countsByOrder(capability.gate),
      lockoutSets: page.sets.map((set) => set.map(factorRef)),
      ways: capability.ways.map((way) => {
        const status = analysis.status(way.gate);
        return {
          id: way.id,
          label: way.label,
          short: way.short,
          status,
          duration: status === 'lost' ? undefined : times.estimate(way.gate),
          docs: way.docs,
        };
      }),
      fastest: times.estimate(capability.gate),
    };
  });

  return {
    asOf: options.asOf,
    graph,
    events,
    capabilities,
    lockoutSetsUpTo(result, maxOrder) {
      const sets: FactorRef[][] = [];
      for (let order = 1; order <= Math.min(maxOrder, LIMIT_ORDER); order++) {
        const count = result.lockoutSetCounts[order] ?? 0;
        if (count === 0) continue;
        const page = analysis.cutSets(result.gate, { order, limit: count });
        sets.push(...page.sets.map((set) => set.map(factorRef)));
      }
      return sets;
    },
    capability(accountId, id) {
      const found = capabilities.find((c) => c.account.id === accountId && c.capability === id);
      if (!found) throw new Error(`no capability ${id} for account ${accountId}`);
      return found;
    },
  };
}
