/**
 * The `lockout` command line: parses arguments, runs the library, prints a report, returns an exit code
 * (0 clean, 1 findings, 2 input error, 3 internal error, 4 a watch channel not reached). Nothing here knows how the analysis works.
 */

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AnalyzeOptions } from './analyze-command.js';
import { severities } from '../checks/check.js';
import type { CheckOptions } from './check-command.js';
import { describeInputError, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK } from './errors.js';
import { formatNames } from '../report/format-names.js';
import { safeJson, safeText } from '../report/safe-text.js';
import type { ExportOptions } from './export-command.js';
import {
  addAwsAccessOptions,
  examples,
  namesOutsideOrganisation,
  parseCount,
  parseDay,
  parseList,
  parsePath,
} from './options.js';
import { version } from './version.js';
import type { StoreOptions } from './history-command.js';
import type { CalendarCommandOptions } from './calendar-command.js';
import type { PlanCommandOptions } from './plan-command.js';
import type { ScanCommandOptions } from './scan-command.js';
import type { OutsideScanOptions } from './scan-outside.js';
import type { ServeOptions as ServeCommandOptions } from './serve-command.js';
import type { WhatIfOptions } from './whatif-command.js';
import type { WatchCommandOptions } from './watch-command.js';
import { parsePeriod, type Period } from '../watch/period.js';
import { addInitCommand } from './init-command.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Resolves once standard output has taken what was written: a report written in pieces waits here between
   * them, or a slow reader (a pipe to jq, a CI log) makes Node hold the whole report in memory.
   */
  drained?: () => Promise<void>;
  /** Standard output is a terminal (a person reads it), not a file or a pipe. */
  isTerminal?: boolean;
}

const processIo: Io = {
  isTerminal: process.stdout.isTTY,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  drained: () => drained(process.stdout),
};

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    // A reader that goes away (`| head`) never drains: closing or failing ends the wait too.
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.once('drain', done).once('close', done).once('error', done);
  });
}

/** A report written piece by piece, each taken by standard output before the next (see Io.drained). */
async function writePieces(io: Io, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    io.stdout(piece);
    await io.drained?.();
  }
}

/** A parser for a file name option. */
function path(option: string): (value: string) => string {
  return (value) => parsePath(value, option);
}

/** A parser for a whole-number option from `min` to `max` (default: any safe integer). */
function count(option: string, min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => parseCount(value, option, min, max);
}

/** A parser for a repeatable, comma-separated list option; a name given twice counts once. */
function list(option: string): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => [...new Set([...(previous ?? []), ...parseList(value, option)])];
}

/** A duration in seconds, fractions allowed ("0.5"), turned into milliseconds. */
/** How hard a scan tries and how long it may take: `lockout scan` and watch's scan rounds take the same. */
function addScanBounds(command: Command): Command {
  return command
    .option(
      '--max-attempts <n>',
      'attempts per API call, throttling retries included',
      count('--max-attempts', 1, 20),
      5,
    )
    .option(
      '--timeout <seconds>',
      'end the scan after this long, with a report: facts not read by then are unknown (default 1800, or 0.5 per member of a larger Organization)',
      positiveSeconds,
    )
    .option(
      '--call-timeout <seconds>',
      'most time for one API call, retries included: past it the fact is unknown (default 60)',
      positiveSeconds,
    );
}

/** The organisations outside AWS that `scan` and `watch` read, and --aws to read AWS with them (`where`). */
function addOutsideOptions(command: Command, where: string): Command {
  return command
    .option(
      '--github-org <org>',
      'scan this GitHub organisation (GITHUB_TOKEN, read:org); AWS too with --aws',
    )
    .option('--google-workspace', 'scan the Google Workspace of the credentials (ADC); AWS too with --aws')
    .option('--entra', 'scan the Microsoft Entra tenant of the Azure credentials; AWS too with --aws')
    .option('--github-api-url <url>', 'GitHub REST API base (default https://api.github.com)')
    .option('--google-api-url <url>', 'Google APIs root (default https://admin.googleapis.com/)')
    .option('--graph-api-url <url>', 'Microsoft Graph base (default https://graph.microsoft.com)')
    .option(
      '--google-subject <email>',
      'with --google-workspace: the admin a service account acts as (domain-wide delegation)',
    )
    .option('--aws', `with the options outside AWS: scan AWS too, ${where}`);
}

function positiveSeconds(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a number of seconds > 0');
  }
  return Math.round(parsed * 1000);
}

/** A span of days, weeks, months or years ("6m", "7d"), for watch's reminders. */
function period(value: string): Period {
  const parsed = parsePeriod(value);
  if (!parsed)
    throw new InvalidArgumentError('expected a number of days, weeks, months or years (7d, 2w, 6m, 1y)');
  return parsed;
}

/** Lead times in whole days, e.g. "60,30,7,1". */
function leadDays(value: string): number[] {
  return parseList(value, '--lead-days').map((day) => parseCount(day, '--lead-days', 0, 3650));
}

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('lockout')
    .description(
      'Find what can lock you out of your cloud accounts, or get them suspended, before it happens.',
    )
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const exampleOption = (): Option =>
    new Option('--example <name>', 'use a bundled example inventory instead of a file').choices(
      Object.keys(examples),
    );
  const dayOption = (flags: string, description: string): Option =>
    new Option(flags, description).argParser((value: string) => parseDay(value, flags.split(' ')[0]!));
  const formatOption = (choices: readonly string[]): Option =>
    new Option('-f, --format <format>', 'output format').choices([...choices]).default('text');
  const failOnOption = (): Option =>
    new Option('--fail-on <severity>', 'exit with 1 when a finding is at least this severe ("none": never)')
      .choices([...severities, 'none'])
      .default('high');
  const asOfOption = (): Option =>
    dayOption('--as-of <date>', "judge the facts at this day (default: the inventory's asOf, or today)");
  const colorDefault = process.stdout.isTTY && !process.env.NO_COLOR;

  addInitCommand(program, io, setExitCode);

  program
    .command('check')
    .description('analyse a declared inventory: capabilities, lockout sets, time to recover, findings')
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .addOption(exampleOption())
    .addOption(asOfOption())
    .addOption(dayOption('--deadline <date>', 'compare recovery times with this date (a suspension date)'))
    .addOption(formatOption(formatNames))
    .addOption(failOnOption())
    .option('--no-color', 'plain text even on a terminal')
    .action(async (file: string | undefined, options: CheckOptions) => {
      const { runCheckInPieces } = await import('./check-command.js');
      const result = await runCheckInPieces(file, {
        ...options,
        color: options.color && colorDefault,
        // Indented for a person at a terminal; compact for a file or a pipe (`jq .` indents it again).
        compact: io.isTerminal !== true,
      });
      await writePieces(io, result.pieces);
      setExitCode(result.exitCode);
    });

  const scanCommand = addScanBounds(
    addAwsAccessOptions(
      program
        .command('scan')
        .description('read what AWS knows (read-only), reconcile it with your inventory, analyse and report')
        .option(
          '--inventory <file>',
          'your inventory: what no API shows (cards, billing access, who holds what)',
        ),
      {
        org: 'scan every member of the Organization by assuming a role in it',
        concurrency: 'members scanned at once (halved when AWS throttles)',
      },
    ),
  )
    .addOption(dayOption('--deadline <date>', 'compare recovery times with this date'))
    .addOption(formatOption(formatNames))
    .addOption(failOnOption())
    .option('--no-color', 'plain text even on a terminal')
    .option('--no-progress', 'no progress line on standard error')
    .option(
      '--store <file>',
      'the scan database (default: $LOCKOUT_HOME, $XDG_DATA_HOME/lockout or ~/.local/share/lockout)',
      path('--store'),
    )
    .option('--no-store', 'do not save this scan');
  addOutsideOptions(scanCommand, 'in the same run and report').action(
    async (options: ScanCommandOptions & OutsideScanOptions & { aws?: boolean }) => {
      const outside = namesOutsideOrganisation(options);
      // An AWS option beside the outside ones asks for both in one run.
      const aws =
        options.aws === true ||
        options.org ||
        options.profile !== undefined ||
        options.endpointUrl !== undefined;
      if (outside && !aws) {
        // Outside AWS only: no AWS SDK is loaded and no AWS call is made.
        const { runOutsideScan } = await import('./scan-outside.js');
        const outcome = await runOutsideScan({
          ...options,
          compact: io.isTerminal !== true,
          warn: (message) => {
            io.stderr(`lockout: warning: ${message}\n`);
          },
        });
        io.stdout(outcome.output);
        setExitCode(outcome.exitCode);
        return;
      }
      // The AWS SDK is loaded only for the commands that talk to AWS.
      const { runScan } = await import('./scan-command.js');
      const outcome = await runScan({
        ...options,
        color: options.color && colorDefault,
        progressOut: io.stderr,
        // Indented for a person at a terminal; compact for a file or a pipe, as `lockout check` writes it.
        compact: io.isTerminal !== true,
        outside: outside ? { targets: options } : undefined,
      });
      await writePieces(io, outcome.pieces);
      setExitCode(outcome.exitCode);
    },
  );

  const watchCommand = addScanBounds(
    addAwsAccessOptions(
      program
        .command('watch')
        .description(
          'one round (or one per --every time): scan or check, compare with the last round, send what changed to webhooks, e-mail, Slack or SNS (exit 4: a channel failed)',
        )
        .argument('[inventory.yaml]', 'the inventory (offline default: ./lockout.yaml; a scan needs none)')
        .option('--offline', 'watch the declared inventory only, without a scan', false)
        .option('--inventory <file>', 'the inventory, as lockout scan takes it', path('--inventory')),
      {
        org: 'scan every member of the Organization by assuming a role in it',
        concurrency: 'members scanned at once (halved when AWS throttles)',
      },
    ),
  )
    .option(
      '--every <cron>',
      'stay up and run a round at each time of this cron expression, e.g. "0 8 * * *" (SIGINT/SIGTERM stop)',
    )
    .addOption(
      dayOption('--deadline <date>', 'the payment deadline (suspension date): reminded at the lead times'),
    )
    .option(
      '--stale-after <age>',
      'remind to re-check an attested fact verified longer ago than this: 6m, 180d, 26w, 1y (default 6m)',
      period,
    )
    .option(
      '--remind-every <period>',
      'send a condition that stands unchanged again this long after its last alert: 7d, 2w (default: never)',
      period,
    )
    .option(
      '--webhook <name>',
      'a webhook channel; URL and key in LOCKOUT_WEBHOOK_<NAME>_URL and _KEY',
      list('--webhook'),
    )
    .option(
      '--email <name>',
      'an e-mail channel; smtp(s)://user:pass@host:port, sender and recipients in LOCKOUT_EMAIL_<NAME>_URL, _FROM and _TO',
      list('--email'),
    )
    .option(
      '--slack <name>',
      'a Slack incoming webhook; its URL in LOCKOUT_SLACK_<NAME>_URL',
      list('--slack'),
    )
    .option(
      '--sns <name>',
      'an Amazon SNS topic of yours (Publish is the only write); its ARN in LOCKOUT_SNS_<NAME>_TOPIC',
      list('--sns'),
    )
    .option(
      '--secrets-file <file>',
      "channels' secrets by kind: webhooks: { <name>: { url, key } }, email: { <name>: { url, from, to } }, slack, sns (README: Watching)",
      path('--secrets-file'),
    )
    .option('--lead-days <days>', 'remind of an expiry this many days before (default 60,30,7,1)', leadDays)
    .addOption(exampleOption())
    .addOption(
      dayOption('--as-of <date>', 'judge the facts at this day (default: today, so dates come nearer)'),
    )
    .option('--store <file>', 'the database that remembers rounds and pending deliveries', path('--store'))
    .option('--dry-run', 'print what would be sent (secrets masked); send and record nothing', false)
    .option('--retries <n>', 'retries of a failed delivery within the round', count('--retries', 0, 10), 3)
    .option(
      '--retry-delay <seconds>',
      'wait before the first retry, doubled after each (default 2)',
      positiveSeconds,
    );
  addOutsideOptions(watchCommand, 'in the same round').action(
    async (file: string | undefined, options: WatchCommandOptions) => {
      const { runWatch } = await import('./watch-command.js');
      const outcome = await runWatch(
        file,
        options,
        (line) => {
          io.stderr(`${line}\n`);
        },
        process.env,
        io.stdout,
      );
      io.stdout(outcome.output);
      setExitCode(outcome.exitCode);
    },
  );

  program
    .command('history')
    .description('list the scans remembered')
    .option('--store <file>', 'the scan database', path('--store'))
    .option('-n, --limit <n>', 'how many scans', count('-n', 1), 20)
    .addOption(formatOption(['text', 'json']))
    .action(async (options: StoreOptions & { limit: number }) => {
      const { runHistory } = await import('./history-command.js');
      const warn = (warning: string): void => {
        io.stderr(`lockout: warning: ${warning}\n`);
      };
      io.stdout(runHistory(options, warn));
      setExitCode(EXIT_OK);
    });

  program
    .command('diff')
    .description('what changed between two scans (default: the two latest)')
    .argument('[from]', 'the earlier scan id', count('scan id', 1))
    .argument('[to]', 'the later scan id', count('scan id', 1))
    .option('--store <file>', 'the scan database', path('--store'))
    .addOption(formatOption(['text', 'json']))
    .action(async (from: number | undefined, to: number | undefined, options: StoreOptions) => {
      const { runDiff } = await import('./history-command.js');
      io.stdout(runDiff({ ...options, from, to }));
      setExitCode(EXIT_OK);
    });

  program
    .command('whatif')
    .description('what losing these factors would do to every capability, and the fastest way back')
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .requiredOption(
      '--lose <id>',
      'factor ids to treat as lost (repeatable, or comma-separated)',
      list('--lose'),
    )
    .addOption(exampleOption())
    .addOption(asOfOption())
    .addOption(dayOption('--deadline <date>', 'compare recovery times with this date'))
    .addOption(formatOption(['text', 'json']))
    .action(async (file: string | undefined, options: WhatIfOptions) => {
      const { runWhatIf } = await import('./whatif-command.js');
      io.stdout(await runWhatIf(file, options));
      setExitCode(EXIT_OK);
    });

  program
    .command('export')
    .description("write an inventory's recovery graph in another format (Open-PSA MEF, for SCRAM)")
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .addOption(new Option('--format <format>', 'format to write').choices(['mef']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file instead of standard output', path('--output'))
    .addOption(exampleOption())
    .addOption(asOfOption())
    .action(async (file: string | undefined, options: ExportOptions) => {
      const { runExport } = await import('./export-command.js');
      io.stdout(await runExport(file, options));
      setExitCode(EXIT_OK);
    });

  program
    .command('plan')
    .description('a dated recovery plan for something that has happened, against the deadline')
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .addOption(exampleOption())
    .option(
      '--account <id-or-name>',
      'the account the incident is about (default: the only one, or the one paying with the card lost or failed)',
    )
    .option('--card-failed <date>', 'the charge to the default card failed on this day')
    .option('--lost <id>', 'factors lost (repeatable, or comma-separated)', list('--lost'))
    .option(
      '--notice <kind:date>',
      'a notice received: past-due:DATE or suspension:DATE (repeatable)',
      list('--notice'),
    )
    .addOption(dayOption('--deadline <date>', 'the day payment is due by (AWS reads it as US Pacific)'))
    .option('--now <date>', 'plan from this moment (YYYY-MM-DD[THH:MM]; default: now)')
    .option(
      '--booked <kind:date>',
      'an appointment already booked, e.g. notary:2022-06-27 (repeatable)',
      list('--booked'),
    )
    .option('--tz <zone>', 'show times in this time zone (default: this machine)')
    .addOption(formatOption(['text', 'json']))
    .action(async (file: string | undefined, options: PlanCommandOptions) => {
      const { runPlan } = await import('./plan-command.js');
      const result = await runPlan(file, options);
      io.stdout(result.output);
      setExitCode(result.exitCode);
    });

  program
    .command('calendar')
    .description('an ICS calendar of what is coming: card and domain expiries, ID renewals, recovery drills')
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .addOption(exampleOption())
    .addOption(asOfOption())
    .option('-o, --output <file>', 'write the .ics file here instead of standard output', path('--output'))
    .option(
      '--drill-months <n>',
      'verify root MFA devices and the contact phone every n months',
      count('--drill-months', 1, 60),
      6,
    )
    .action(async (file: string | undefined, options: CalendarCommandOptions) => {
      const { runCalendar } = await import('./calendar-command.js');
      io.stdout(await runCalendar(file, options));
      setExitCode(EXIT_OK);
    });

  program
    .command('serve')
    .description('a local dashboard on 127.0.0.1: overview, recovery graph, what-if, history')
    .argument('[inventory.yaml]', 'the inventory (default: ./lockout.yaml)')
    .addOption(exampleOption())
    .addOption(asOfOption())
    .addOption(dayOption('--deadline <date>', 'compare recovery times with this date'))
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', count('--port', 0, 65_535), 0)
    .option('--store <file>', 'the scan database', path('--store'))
    .option('--open', 'open it in the browser', false)
    .action(async (file: string | undefined, options: ServeCommandOptions) => {
      const { startServe } = await import('./serve-command.js');
      const handle = await startServe({
        ...options,
        ...(file ? { inventory: file } : {}),
        onReload: (status) => {
          if (status.problem) io.stderr(`${status.problem}\nThe dashboard keeps the last good version.\n`);
          else io.stdout(`The inventory changed: loaded again (version ${status.version}).\n`);
        },
      });
      io.stdout(`Lockout dashboard (this machine only): ${handle.url}\nCtrl-C stops it.\n`);
    });

  program
    .command('analyze')
    .description(
      'analyse a fault tree in Open-PSA MEF XML: lockout sets per order, probability, single points',
    )
    .argument('<model.xml...>', 'Open-PSA MEF file(s) of one model')
    .option('-t, --top <name>', 'top event to analyse (repeatable; default: every top gate)', list('--top'))
    .option('-l, --limit-order <n>', 'largest lockout set to count', count('--limit-order', 0), 20)
    .option('-s, --sets <n>', 'list the first n lockout sets, smallest first', count('--sets', 0), 0)
    .addOption(
      new Option('--by <order>', 'order of listed sets within a size')
        .choices(['size', 'probability'])
        .default('size'),
    )
    .option('-i, --importance <n>', 'list the n most important events', count('--importance', 0), 0)
    .option(
      '--bdd-nodes <n>',
      'largest BDD of one module (nodes) before its sets come from ZBDD operations, without probability (default: 4194304)',
      count('--bdd-nodes', 0),
    )
    .option(
      '--lose <event>',
      'what-if: treat these basic events as lost (repeatable, or comma-separated)',
      list('--lose'),
    )
    .addOption(formatOption(['text', 'json']))
    .action(async (files: string[], options: AnalyzeOptions) => {
      const { analyzeModelFiles, formatAnalyzeText } = await import('./analyze-command.js');
      const report = await analyzeModelFiles(files, options);
      io.stdout(
        // A model's names are the file's: the terminal shows them, never obeys them.
        options.format === 'json'
          ? safeJson(JSON.stringify(report, null, 2)) + '\n'
          : safeText(formatAnalyzeText(report)),
      );
      setExitCode(EXIT_OK);
    });

  return program;
}

/** Runs the CLI on the given arguments (without `node lockout`) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here too, with code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    const input = describeInputError(error);
    if (input) {
      // Messages quote what the user gave (file names, ids, values): the terminal shows them, never obeys them.
      io.stderr(`lockout: ${safeText(input.message)}\n`);
      if (input.hint) io.stderr(`  hint: ${safeText(input.hint)}\n`);
      return EXIT_INPUT;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`lockout: internal error — please report it with the command you ran:\n${stack}\n`);
    return EXIT_INTERNAL;
  }
}
