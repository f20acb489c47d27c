/**
 * `lockout watch [inventory.yaml]`: one round (for cron, a systemd timer or a CI schedule) that scans AWS as
 * `lockout scan` does, the organisations outside AWS with it or alone (or, with --offline, checks the
 * inventory alone), compares the result with the last round
 * in the store, and sends what changed to each channel (signed JSON webhooks, e-mail, Slack, Amazon SNS). With --every, it stays up and runs rounds on a cron
 * schedule until SIGINT or SIGTERM. Exit 0 when every channel has everything, 4 when a channel could not be
 * reached (what it missed stays pending for the next round), 2 for a mistake in the input or a scan that
 * cannot start (no round is recorded then).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cron } from 'croner';
import type { Responder } from '../providers/aws/scan/clients.js';
import { defaultStorePath, openStore, type Store } from '../store/index.js';
import { openStoreReadOnly } from '../store/watch.js';
import {
  resolveChannels,
  watchRound,
  type AlertChannel,
  type Judged,
  type Period,
  type RoundOutcome,
} from '../watch/index.js';
import { buildCheckReport } from '../report/check-report.js';
import { safeText } from '../report/safe-text.js';
import { describeInputError, EXIT_OK, UserError } from './errors.js';
import { readInventoryInput, today, type InventoryInput, type InventoryOptions } from './inventory-input.js';
import { namesOutsideOrganisation } from './options.js';
import type { AwsAccessOptions } from './scan-command.js';
import {
  checkOutsideTargets,
  saveOutsideRun,
  scanAndJudgeOutside,
  type OutsideCredentials,
  type OutsideTargets,
} from './scan-outside.js';
import { version } from './version.js';
import { alertListing, changeCounts } from '../watch/channels/render.js';

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

export interface WatchCommandOptions
  extends InventoryOptions, Partial<AwsAccessOptions>, WatchChannelOptions, OutsideTargets {
  offline?: boolean;
  /** With the outside options: scan AWS too, in the same round (--org says the same). */
  aws?: boolean;
  /** For tests: credentials of the outside scans that reach no token service. */
  outsideCredentials?: OutsideCredentials;
  /** The inventory to reconcile a scan with (the positional argument says the same). */
  inventory?: string;
  /** A cron expression: stay up and run a round at each of its times. */
  every?: string;
  /** The payment deadline (the suspension date in AWS's notices). */
  deadline?: string;
  staleAfter?: Period;
  remindEvery?: Period;
  /** Scan bounds, in ms, as `lockout scan` takes them. */
  timeout?: number;
  callTimeout?: number;
  /** For tests: answers for APIs the endpoint lacks (BCM). */
  responder?: Responder;
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
  print: (text: string) => void = (text) => {
    log(text.replace(/\n$/, ''));
  },
): Promise<{ output: string; exitCode: number }> {
  if (file !== undefined && options.inventory !== undefined && resolve(file) !== resolve(options.inventory))
    throw new UserError('give the inventory once: as an argument or with --inventory, not both');
  // --profile and --endpoint-url serve an SNS channel too: only what a scan alone uses is refused.
  const scanOptions = (['org', 'externalId', 'aws', 'githubOrg', 'googleWorkspace', 'entra'] as const).filter(
    (name) => options[name] !== undefined && options[name] !== false,
  );
  if (options.offline && scanOptions.length > 0)
    throw new UserError(
      `--offline watches the inventory alone: ${scanOptions.map(optionName).join(', ')} ${scanOptions.length === 1 ? 'is' : 'are'} for a scan round`,
      'drop --offline to scan AWS, or the scan options to watch the inventory only',
    );
  // A mistake in an outside option is told now, not as a failed round on every tick of the schedule.
  checkOutsideTargets(options);
  const channels = watchChannels(options, env, log);
  const once = (): Promise<{ output: string; exitCode: number }> =>
    oneRound(file ?? options.inventory, options, channels, log, env);
  if (options.every === undefined) return once();
  const schedule = parseSchedule(options.every);
  const exitCode = await withShutdownSignals((stop) => runSchedule(schedule, once, { print, log }, stop));
  return { output: '', exitCode };
}

/** One round, offline or scanning, with the store opened for it and closed after. */
async function oneRound(
  file: string | undefined,
  options: WatchCommandOptions,
  channels: readonly AlertChannel[],
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<{ output: string; exitCode: number }> {
  // A watch runs on a schedule: it judges the facts at today, so expiries come nearer and old facts age,
  // whatever day the inventory was declared on (--as-of pins a day, for a replay). Read again each round, so
  // an edit to the inventory counts from the next one.
  const asOf = options.asOf ?? today();
  const input =
    options.offline || file !== undefined || options.example !== undefined
      ? await readInventoryInput(file, { ...options, asOf, positions: 'with-the-read' })
      : undefined;
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
      scan: options.offline
        ? undefined
        : () => {
            const saveIn = options.dryRun ? undefined : store;
            return outsideOnly(options)
              ? outsideRound(input, options, asOf, saveIn, log, env)
              : scanRound(input, options, asOf, saveIn, log, env);
          },
      channels,
      leadDays: options.leadDays,
      deadline: options.deadline,
      staleAfter: options.staleAfter,
      remindEvery: options.remindEvery,
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

/**
 * A scan round: `lockout scan`'s pipeline (the AWS SDK loaded only now), the scan saved in the store for
 * history and drift as `lockout scan` saves it (not on a dry run), and what is watched named by the account
 * that scans, the Organization fan-out and the inventory, so one store can watch several.
 */
async function scanRound(
  input: InventoryInput | undefined,
  options: WatchCommandOptions,
  asOf: string,
  store: Store | undefined,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<{ judged: Judged; scope: string }> {
  const { scanAndCheck } = await import('./scan-command.js');
  const { scan, outside, reconciled, analysis, findings, report } = await scanAndCheck(
    {
      profile: options.profile,
      region: options.region,
      endpointUrl: options.endpointUrl,
      org: options.org ?? false,
      roleName: options.roleName ?? 'OrganizationAccountAccessRole',
      externalId: options.externalId,
      concurrency: options.concurrency ?? 8,
      maxAttempts: options.maxAttempts,
      timeout: options.timeout,
      callTimeout: options.callTimeout,
      inventory: input?.file,
      deadline: options.deadline,
      progress: false,
      responder: options.responder,
      outside: namesOutsideOrganisation(options)
        ? { targets: options, env, credentials: options.outsideCredentials }
        : undefined,
    },
    input ? { inventory: input.inventory, source: input.source } : undefined,
    asOf,
  );
  if (store) {
    const { saveScan } = await import('../store/index.js');
    saveScan(store, scan, findings, {
      toolVersion: version,
      inventory: input?.inventory,
      outside,
      onRedacted: warnIn(log),
    });
  }
  // The outside organisations added to a watch of AWS keep its scope: its conditions do not start again.
  const scope = `scan:${scan.callerAccountId}${options.org ? ':org' : ''}:${input ? resolve(input.file) : '-'}`;
  return { judged: { report, inventory: reconciled.inventory, analysis, asOf, scan, outside }, scope };
}

/** A warning of a round (a credential-shaped value removed from the saved copy), in the watch's log. */
function warnIn(log: (line: string) => void): (message: string) => void {
  return (message) => {
    log(`lockout: watch: warning: ${message}`);
  };
}

/** A round of the organisations outside AWS alone: outside options without --aws or --org. */
function outsideOnly(options: WatchCommandOptions): boolean {
  return namesOutsideOrganisation(options) && options.aws !== true && options.org !== true;
}

/**
 * A round outside AWS only: `lockout scan`'s outside scanners (no AWS call), the inventory their facts make
 * judged and reported as a check is, the run saved in the store as `lockout scan` saves it (not on a dry
 * run), and what is watched named by the organisations and the inventory.
 */
async function outsideRound(
  input: InventoryInput | undefined,
  options: WatchCommandOptions,
  asOf: string,
  store: Store | undefined,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<{ judged: Judged; scope: string }> {
  const declared = input ? { inventory: input.inventory, source: input.source } : undefined;
  const run = await scanAndJudgeOutside(options, declared, asOf, env, options.outsideCredentials);
  if (store) saveOutsideRun(store, run, input?.inventory, warnIn(log));
  const report = buildCheckReport({
    inventoryFile: input?.file ?? '(live scan, no inventory)',
    analysis: run.analysis,
    findings: run.findings,
    deadline: options.deadline,
    version,
    inventory: run.reconciled.inventory,
  });
  const targets = [
    ...(options.githubOrg === undefined ? [] : [`github-organization=${options.githubOrg.toLowerCase()}`]),
    ...(options.googleWorkspace ? [`google-workspace=${options.googleSubject ?? ''}`] : []),
    ...(options.entra ? ['microsoft-entra'] : []),
  ];
  const scope = `outside:${targets.join(',')}:${input ? resolve(input.file) : '-'}`;
  return {
    judged: { report, inventory: run.reconciled.inventory, analysis: run.analysis, asOf, outside: run.scans },
    scope,
  };
}

/** A cron expression (croner: 5 fields, or 6 with seconds first), refused in one line naming the option. */
function parseSchedule(expression: string): string {
  try {
    new Cron(expression, { paused: true }).stop();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `--every ${JSON.stringify(expression)}: not a cron expression (${reason})`,
      'five fields, minute hour day-of-month month day-of-week, as "0 8 * * *" (every day at 08:00)',
    );
  }
  return expression;
}

/**
 * Rounds on a cron schedule until `stop` aborts. Never two at once: a round still running when the next is
 * due makes that one skipped, and says so. A round that fails (a scan that cannot start, an inventory with a
 * mistake) is logged and the schedule goes on; nothing was recorded for it, so the next round compares with
 * the last good one. On stop, the round in progress is finished (its sends included: each is already written
 * as pending, so even a harder stop loses nothing), then it resolves with 0.
 */
export async function runSchedule(
  expression: string,
  round: () => Promise<{ output: string; exitCode: number }>,
  io: { print: (text: string) => void; log: (line: string) => void },
  stop: AbortSignal,
): Promise<number> {
  let running: Promise<void> | undefined;
  const job = new Cron(expression, { paused: true }, () => {
    if (running) {
      io.log(
        `lockout: watch: round due at ${new Date().toISOString()} skipped: the previous round is still running`,
      );
      return;
    }
    running = (async () => {
      try {
        const outcome = await round();
        io.print(outcome.output);
      } catch (error) {
        const input = describeInputError(error);
        const message = input ? input.message : error instanceof Error ? error.message : String(error);
        io.log(safeText(`lockout: watch: round failed, nothing recorded: ${message}`));
      } finally {
        running = undefined;
      }
    })();
  });
  const next = job.nextRun();
  io.log(
    `lockout: watch: rounds on "${expression}", the next at ${next?.toISOString() ?? 'never'}; Ctrl-C or SIGTERM stops`,
  );
  await new Promise<void>((resolveStop) => {
    if (stop.aborted) resolveStop();
    else
      stop.addEventListener(
        'abort',
        () => {
          resolveStop();
        },
        { once: true },
      );
    job.resume();
  });
  job.stop();
  if (running) {
    io.log('lockout: watch: stopping after the round in progress');
    await running;
  }
  io.log('lockout: watch: stopped');
  return EXIT_OK;
}

/**
 * Runs `body` with SIGINT and SIGTERM turned into its stop signal; a second signal ends the process at once,
 * which is safe: a message not yet marked sent is still pending, and goes out next time.
 */
async function withShutdownSignals(body: (stop: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function summary(outcome: RoundOutcome): string {
  const lines: string[] = [];
  const { alerts } = outcome;
  if (alerts.length === 0) lines.push(`Round ${outcome.roundId}: no change, nothing to send`);
  else {
    lines.push(
      `Round ${outcome.roundId}: ${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${changeCounts(outcome)})`,
    );
    lines.push(...alertListing(alerts));
  }
  for (const delivery of outcome.deliveries)
    lines.push(
      delivery.status === 'sent'
        ? `${delivery.channel}: sent round ${delivery.roundId}`
        : `${delivery.channel}: round ${delivery.roundId} pending (${delivery.error ?? 'failed'})`,
    );
  return lines.join('\n') + '\n';
}

/** `endpointUrl` → `--endpoint-url`. */
function optionName(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function exists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
