/** `lockout watch`: rounds that compare what the checks find with the last round and alert on changes. */
export { conditionsOf, defaultLeadDays, type Condition, type ConditionKind } from './conditions.js';
export { compareConditions, sortWorstFirst, type Alert, type Change } from './compare.js';
export { buildPayload, type WatchPayload } from './payload.js';
export { watchRound, type DeliveryOutcome, type RoundOutcome, type WatchRoundOptions } from './round.js';
export { defaultRetry, maskUrl, signBody, type RetryOptions, type WatchChannel } from './webhook.js';
export { checkChannelName, envName, resolveChannels } from './channels.js';
