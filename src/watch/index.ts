/** `lockout watch`: rounds that compare what the checks find with the last round and alert on changes. */
export {
  conditionKinds,
  conditionsOf,
  defaultLeadDays,
  defaultStaleAfter,
  type Condition,
  type ConditionKind,
  type ConditionOptions,
  type Judged,
} from './conditions.js';
export { parsePeriod, periodBefore, periodText, type Period } from './period.js';
export { compareConditions, sortWorstFirst, type Alert, type Change, type Reminders } from './compare.js';
export { buildPayload, type WatchPayload } from './payload.js';
export { watchRound, type DeliveryOutcome, type RoundOutcome, type WatchRoundOptions } from './round.js';
export { defaultRetry, maskUrl, signBody, type RetryOptions, type WatchChannel } from './webhook.js';
export { checkChannelName, envName, resolveChannels } from './channels.js';
