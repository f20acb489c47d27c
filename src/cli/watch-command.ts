/**
 * `lockout watch --offline [inventory.yaml]`: one round (for cron, a systemd timer or a CI schedule) that
 * checks the inventory, compares it with the last round in the store, and sends what changed to each channel
 * (signed JSON webhooks, e-mail, Slack, Amazon SNS). Exit 0 when every channel has everything, 4 when a
 * channel could not be reached (what it missed stays pending for the next round), 2 for a mistake in the input.
 */
import { existsSync } from 'node:fs';
import { defaultStorePath, openStore, type Store } from '../store/index.js';
import { openStoreReadOnly } from '../store/watch.js';
import { resolveChannels, watchRound, type AlertChannel, type RoundOutcome } from '../watch/index.js';
import { safeText } from '../report/safe-text.js';
import { EXIT_OK, UserError } from './errors.js';
import { readInventoryInput, today, type InventoryOptions } from './inventory-input.js';

/** A channel could not be reached this round: what it missed is kept for the next. */
export const EXIT_DELIVERY = 4;

/** The channel options: names by kind, where their secrets are, and how SNS reaches AWS. */
export interface WatchChannelOptions {
  webhook?: string[];
  email?: string[];
  slack?: string[];
  sns?: string[];
  secretsFile?: string;
  /** For SNS: a profile of ~/.aws/config, and an endpoint (an emulator), as `scan` takes them. */
  profile?: string;
  endpointUrl?: string;
}

export interface WatchCommandOptions extends InventoryOptions, WatchChannelOptions {
  offline?: boolean;
  leadDays?: number[];
  store?: string;
  dryRun?: boolean;
  retries: number;
  /** Milliseconds before the first retry (default 2 s). */
  retryDelay?: number;
}

export async function runWatch(
  file: string | undefined,
  options: WatchCommandOptions,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ output: string; exitCode: number }> {
  if (!options.offline)
    throw new UserError(
      'lockout watch scans AWS only in a later version; for now it watches the inventory',
      'run lockout watch --offline [inventory.yaml]',
    );
  const channels = watchChannels(options, env, log);
  // A watch runs on a schedule: it judges the facts at today, so expiries come nearer and old facts age,
  // whatever day the inventory was declared on (--as-of pins a day, for a replay).
  const input = await readInventoryInput(file, { ...options, asOf: options.asOf ?? today() });
  const path = options.store ?? defaultStorePath();
  // A dry run changes nothing: it reads the store read-only, and one not there yet (or older than the watch
  // tables) is one with nothing standing and nothing pending.
  const store: Store | undefined = !options.dryRun
    ? openStore(path)
    : exists(path)
      ? openStoreReadOnly(path)
      : undefined;
  try {
    const outcome = await watchRound({
      store,
      input,
      channels,
      leadDays: options.leadDays,
      dryRun: options.dryRun ?? false,
      retry: { attempts: options.retries + 1, baseDelayMs: options.retryDelay ?? 2_000 },
    });
    if (outcome.preview !== undefined) return { output: safeText(outcome.preview), exitCode: EXIT_OK };
    for (const failed of outcome.deliveries.filter((delivery) => delivery.status === 'failed'))
      log(
        `lockout: watch: channel ${failed.channel}: round ${failed.roundId} not delivered after ${failed.attempts} ` +
          `attempt${failed.attempts === 1 ? '' : 's'} (${failed.error ?? 'unknown error'}); it stays pending for the next round`,
      );
    const exitCode = outcome.deliveries.some((delivery) => delivery.status === 'failed')
      ? EXIT_DELIVERY
      : EXIT_OK;
    return { output: safeText(summary(outcome)), exitCode };
  } finally {
    store?.close();
  }
}

/**
 * The channels of --webhook, --email, --slack and --sns, their secrets from the environment or --secrets-file;
 * none is a mistake, but for a dry run.
 */
export function watchChannels(
  options: WatchChannelOptions & { dryRun?: boolean | undefined },
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): AlertChannel[] {
  const channels = resolveChannels(
    { webhook: options.webhook, email: options.email, slack: options.slack, sns: options.sns },
    env,
    options.secretsFile,
    (warning) => {
      // A file name is the user's: the terminal shows it, never obeys it.
      log(safeText(`lockout: watch: warning: ${warning}`));
    },
    { profile: options.profile, endpointUrl: options.endpointUrl },
  );
  if (channels.length === 0 && !options.dryRun)
    throw new UserError(
      'no channel to send alerts to',
      'name one with --webhook, --email, --slack or --sns NAME, its secrets in LOCKOUT_<KIND>_<NAME>_… ' +
        'variables or --secrets-file (see "Watching" in the README)',
    );
  return channels;
}

function summary(outcome: RoundOutcome): string {
  const lines: string[] = [];
  const { alerts } = outcome;
  if (alerts.length === 0) lines.push(`Round ${outcome.roundId}: no change, nothing to send`);
  else {
    const counts = (['new', 'worsened', 'reminder', 'resolved'] as const)
      .map((change) => [change, alerts.filter((alert) => alert.change === change).length] as const)
      .filter(([, count]) => count > 0)
      .map(([change, count]) => `${count} ${change}`);
    lines.push(
      `Round ${outcome.roundId}: ${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${counts.join(', ')})`,
    );
    for (const alert of alerts)
      lines.push(`  ${alert.change.padEnd(8)} ${alert.severity.padEnd(8)} ${alert.title}`);
  }
  for (const delivery of outcome.deliveries)
    lines.push(
      delivery.status === 'sent'
        ? `${delivery.channel}: sent round ${delivery.roundId}`
        : `${delivery.channel}: round ${delivery.roundId} pending (${delivery.error ?? 'failed'})`,
    );
  return lines.join('\n') + '\n';
}

function exists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
