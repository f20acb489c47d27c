/**
 * One watch round: the inventory checked, its conditions compared with those the last round left standing,
 * the alerts recorded with one pending delivery per channel, then every pending delivery of each channel
 * sent (this round's and any an earlier round could not send). Channels are sent to side by side, so one
 * that is down holds up no other. A round judges the inventory alone (offline), or what a scan reads
 * reconciled with it (the caller passes `lockout scan`'s pipeline as `scan`): everything after is the same.
 */
import { resolve } from 'node:path';
import { checkInventory, type LoadedInventory } from '../check.js';
import { version } from '../cli/version.js';
import { buildRecoveryGraph, untilDeadline } from '../providers/aws/recovery-graph.js';
import type { Store } from '../store/index.js';
import type { Day } from '../model/inventory.js';
import { compareConditions, type Alert } from './compare.js';
import { conditionsOf, type Condition, type Judged } from './conditions.js';
import type { Period } from './period.js';
import { buildPayload, type WatchPayload } from './payload.js';
import {
  markFailed,
  markSent,
  pendingDeliveries,
  recordRound,
  standingConditions,
  type PendingDelivery,
} from './state.js';
import { counted } from '../model/words.js';
import { listedAlerts, subjectOf, textOf } from './channels/render.js';
import { webhookBodies, webhookPartLimit } from './channels/webhook.js';
import { defaultRetry, sendWithRetry, type AlertChannel, type RetryOptions } from './channels/channel.js';

export interface WatchRoundOptions {
  /** Absent only for a dry run on a store not made yet: nothing stands before, nothing is pending. */
  store: Store | undefined;
  /** The declared inventory: judged alone (offline), or given to `scan` to reconcile with. */
  input?: LoadedInventory | undefined;
  /**
   * A scan round: reads AWS and judges it (with the inventory, if any), naming what is watched. It runs before
   * anything is recorded, so a scan that fails records no round and the next compares with the last good one.
   */
  scan?: (() => Promise<{ judged: Judged; scope: string }>) | undefined;
  channels: readonly AlertChannel[];
  leadDays?: readonly number[] | undefined;
  /** The payment deadline (suspension date): a date reminded at the lead times, and the analysis's horizon. */
  deadline?: Day | undefined;
  /** An attested fact verified longer ago than this is a reminder (default 6 months). */
  staleAfter?: Period | undefined;
  /** Send a condition that stands unchanged again this long after its last alert (default: never). */
  remindEvery?: Period | undefined;
  retry?: RetryOptions | undefined;
  /** Print what would be sent, masked; send and record nothing. */
  dryRun: boolean;
  now?: (() => Date) | undefined;
  /** Called with a delivery already written as pending, just before it is posted (tests watch the state). */
  beforeSend?: ((delivery: PendingDelivery) => void) | undefined;
  /** Called once the receiver took a delivery, before it is marked sent: where a crash would duplicate it. */
  afterSend?: ((delivery: PendingDelivery) => void) | undefined;
}

export interface DeliveryOutcome {
  /** The channel's id: a webhook's name, `email:NAME`, `slack:NAME`, `sns:NAME`. */
  channel: string;
  roundId: number;
  status: 'sent' | 'failed';
  attempts: number;
  error?: string | undefined;
}

export interface RoundOutcome {
  /** Absent for a dry run, which records nothing. */
  roundId?: number | undefined;
  alerts: Alert[];
  conditions: Condition[];
  deliveries: DeliveryOutcome[];
  /** For a dry run: what would be sent, with every channel's secrets masked. */
  preview?: string | undefined;
}

export async function watchRound(options: WatchRoundOptions): Promise<RoundOutcome> {
  const { store } = options;
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const mode = options.scan ? ('scan' as const) : ('offline' as const);
  const { judged, scope } = options.scan ? await options.scan() : judgeInventory(options);
  const asOf = judged.asOf;
  const conditions = conditionsOf(judged, {
    leadDays: options.leadDays,
    deadline: options.deadline,
    staleAfter: options.staleAfter,
  });
  const reminders = { asOf, every: options.remindEvery };
  const round = { scope, mode, startedAt, asOf, toolVersion: version };
  const payloadOf = (id: number, alerts: readonly Alert[]): WatchPayload =>
    buildPayload({ id, startedAt, asOf, mode, scope }, alerts, version);

  if (options.dryRun) {
    const alerts = compareConditions(store ? standingConditions(store, scope) : [], conditions, reminders);
    const pending = store
      ? options.channels.map((channel) => pendingDeliveries(store, scope, channel.id))
      : [];
    return {
      alerts,
      conditions,
      deliveries: [],
      preview: preview(options.channels, payloadOf(0, alerts), pending),
    };
  }
  if (!store) throw new Error('a watch round that is not a dry run needs a store');

  const { roundId, alerts } = recordRound(
    store,
    round,
    conditions,
    (previous) => compareConditions(previous, conditions, reminders),
    options.channels.map((channel) => channel.id),
    (id, recorded) => JSON.stringify(payloadOf(id, recorded)),
  );
  const deliveries = (
    await Promise.all(options.channels.map((channel) => deliverPending(store, scope, channel, options)))
  ).flat();
  return { roundId, alerts, conditions, deliveries };
}

/** An offline round: the declared inventory checked at its day, watched under its file's absolute path. */
function judgeInventory(options: WatchRoundOptions): { judged: Judged; scope: string } {
  const input = options.input;
  if (!input) throw new Error('an offline watch round needs an inventory');
  const recovery = buildRecoveryGraph(
    input.inventory,
    input.asOf,
    untilDeadline(input.asOf, options.deadline),
  );
  const { report, analysis } = checkInventory(input, recovery, { deadline: options.deadline, graph: false });
  return {
    judged: { report, analysis, inventory: input.inventory, asOf: input.asOf },
    scope: resolve(input.file),
  };
}

/** Sends a channel's pending deliveries oldest first; after one fails, the newer ones wait too, in order. */
async function deliverPending(
  store: Store,
  scope: string,
  channel: AlertChannel,
  options: WatchRoundOptions,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const delivery of pendingDeliveries(store, scope, channel.id)) {
    options.beforeSend?.(delivery);
    const result = await sendWithRetry(channel, delivery.payload, delivery.id, options.retry ?? defaultRetry);
    if (result.error !== undefined) {
      markFailed(store, delivery.id, result.attempts, result.error);
      outcomes.push({ channel: channel.id, roundId: delivery.roundId, status: 'failed', ...result });
      break;
    }
    options.afterSend?.(delivery);
    markSent(store, delivery.id, result.attempts, new Date().toISOString());
    outcomes.push({
      channel: channel.id,
      roundId: delivery.roundId,
      status: 'sent',
      attempts: result.attempts,
    });
  }
  return outcomes;
}

function preview(
  channels: readonly AlertChannel[],
  payload: WatchPayload,
  pending: readonly PendingDelivery[][],
): string {
  const lines = ['Dry run: nothing is sent and nothing is recorded.'];
  // How many POSTs a webhook would take, counted once for all the webhooks.
  const posts = channels.some((channel) => channel.kind === 'webhook')
    ? webhookBodies(JSON.stringify(payload)).count
    : 1;
  channels.forEach((channel, index) => {
    const waiting = pending[index]?.length ?? 0;
    const parts = channel.kind === 'webhook' ? posts : 1;
    const message =
      payload.alerts.length === 0
        ? 'no message for this round'
        : parts > 1
          ? `1 message for this round, in ${parts} parts of at most ${webhookPartLimit / 1e6} MB`
          : '1 message for this round';
    lines.push(
      `Channel ${channel.id} (${channel.description}): ${message}` +
        (waiting > 0 ? `, ${waiting} pending from earlier rounds` : ''),
    );
  });
  const { alerts } = payload;
  if (alerts.length > listedAlerts) {
    // An Organization's first round is 47 MB of JSON: its frame and first alerts show its shape.
    lines.push(
      `Payload (round id given when recorded; its first ${listedAlerts} alerts of ${counted(alerts.length)}):`,
      JSON.stringify({ ...payload, alerts: alerts.slice(0, listedAlerts) }, null, 2),
    );
  } else if (alerts.length > 0) {
    lines.push('Payload (round id given when recorded):', JSON.stringify(payload, null, 2));
  }
  if (alerts.length > 0) {
    // E-mail, Slack and SNS send it in words: the subject and the text, as a person reads them.
    if (channels.some((channel) => channel.kind !== 'webhook'))
      lines.push('', `Subject: ${subjectOf(payload)}`, '', textOf(payload).trimEnd());
  }
  return lines.join('\n') + '\n';
}
