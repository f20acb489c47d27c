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
export {
  channelId,
  defaultRetry,
  maskUrl,
  type AlertChannel,
  type ChannelKind,
  type RetryOptions,
} from './channels/channel.js';
export { signBody, webhookChannel, type WebhookSettings } from './channels/webhook.js';
export { emailChannel, type EmailSettings } from './channels/email.js';
export { slackChannel, type SlackSettings } from './channels/slack.js';
export { snsChannel, type SnsSettings } from './channels/sns.js';
export { subjectOf, textOf } from './channels/render.js';
export {
  channelKinds,
  checkChannelName,
  envName,
  resolveChannels,
  type AwsAccess,
  type ChannelNames,
} from './channels.js';
