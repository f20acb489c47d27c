/**
 * Lockout as a library (`lockout`): the CLI is a thin layer over these. Load an inventory, build and analyse
 * its recovery graph, run the checks, render a report, scan AWS, plan a recovery. The engine alone is
 * `lockout/analysis`.
 */
export * from './inventory/index.js';
export {
  analyzeRecovery,
  analyzeRecoveryGraph,
  capabilityIds,
  type CapabilityId,
  type CapabilityResult,
  type FactorRef,
  type RecoveryAnalysis,
  type RecoveryOptions,
  type WayResult,
} from './providers/aws/analysis.js';
export { whatIfOverTime, type WhatIfOverTime } from './providers/aws/what-if-over-time.js';
export {
  buildRecoveryGraph,
  type CapabilityGate,
  type EventMeaning,
  type RecoveryGraph,
  type RecoveryGraphOptions,
  type WayGate,
} from './providers/aws/recovery-graph.js';
export { rules, ruleHolds, type Rule, type Source } from './providers/aws/provider-model.js';
export { awsProvider } from './providers/aws/recovery-graph.js';
/** The provider-neutral builder and analysis: a provider is data plus the small functions of `Provider`. */
export { buildRecovery, capabilityGate, factorLostGate, wayGate } from './recovery/builder.js';
export { loss, type CapabilitySpec, type Loss, type Provider, type WaySpec } from './recovery/provider.js';
export { timingBasis, type Basis, type Timing } from './recovery/rules.js';
export {
  organizationLockoutSets,
  type OrganizationLockoutSet,
} from './providers/aws/organization-lockout.js';
export { scanAws, ScanError, type ScanOptions } from './providers/aws/scan/scan.js';
export { checkInventory, type LoadedInventory } from './check.js';
export { checks } from './checks/index.js';
export { runChecks } from './checks/run.js';
export {
  severities,
  type Check,
  type CheckContext,
  type CheckMeta,
  type Finding,
  type Severity,
} from './checks/check.js';
export { buildCheckReport, type CheckReport } from './report/check-report.js';
export { formats, formatNames, type FormatName, type FormatOptions } from './report/formats.js';
export { buildIncidentPlan, PlanError, type IncidentPlan, type PlanRequest } from './plan/plan.js';
export { renderPlanText } from './plan/render.js';
export { version } from './cli/version.js';
export { initInventory, InitError, type InitOptions, type InitOutcome } from './init/index.js';
