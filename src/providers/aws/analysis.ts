/**
 * The recovery analysis of an inventory: every account's capabilities expanded through the AWS provider
 * model into one fault graph (recovery-graph.ts), analysed by the provider-neutral analysis
 * (src/recovery/analysis.ts) and reported in the owner's terms.
 */

import {
  analyzeRecoveryGraph,
  type CapabilityResult as Result,
  type RecoveryAnalysis as Analysis,
  type RecoveryOptions,
} from '../../recovery/analysis.js';
import { buildRecoveryGraph } from './recovery-graph.js';
import type { Inventory } from '../../model/inventory.js';

export {
  analyzeRecoveryGraph,
  type FactorRef,
  type RecoveryOptions,
  type WayResult,
} from '../../recovery/analysis.js';

export const capabilityIds = [
  'root-sign-in',
  'change-payment-method',
  'keep-bill-paid',
  'receive-billing-notices',
  'hear-about-trouble',
] as const;
export type CapabilityId = (typeof capabilityIds)[number];

export type CapabilityResult = Result<CapabilityId>;
export type RecoveryAnalysis = Analysis<CapabilityId>;

export function analyzeRecovery(inventory: Inventory, options: RecoveryOptions): RecoveryAnalysis {
  const recovery = buildRecoveryGraph(inventory, options.asOf, options);
  return analyzeRecoveryGraph(recovery, options);
}
