/**
 * The analysis engine on its own (`lockout/analysis`): fault graphs, their lockout sets and probability,
 * what-if, recovery times, and the Open-PSA MEF format that SCRAM and other tools read.
 */
export {
  FaultGraph,
  GraphError,
  type Annotations,
  type BasicEvent,
  type DurationRange,
  type Gate,
  type GateKind,
  type Input,
  type NodeRef,
} from './graph.js';
export {
  GraphAnalysis,
  type AnalysisOptions,
  type CutSetPage,
  type EventImportance,
  type TopStatus,
} from './analyze.js';
export {
  MefError,
  readMef,
  readMefFiles,
  writeMef,
  type MefErrorLocation,
  type MefModel,
  type MefWriteOptions,
} from './mef.js';
export {
  WhatIfBaseline,
  whatIf,
  type GateWhatIf,
  type TopWhatIf,
  type WhatIfOptions,
  type WhatIfResult,
} from './what-if.js';
export {
  RecoveryTimes,
  type KnownSituation,
  type RecoveryEstimate,
  type RecoveryStep,
} from './recovery-time.js';
export { explainLoss } from './explain.js';
