/**
 * The `lockout` command line: parses arguments, runs the library, prints a report, returns an exit code
 * (0 clean, 1 findings, 2 input error, 3 internal error). Nothing here knows how the analysis works.
 */

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { analyzeModelFiles, formatAnalyzeText, type AnalyzeOptions } from './analyze-command.js';
import { describeInputError, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK } from './errors.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function wholeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return parsed;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').filter((part) => part.length > 0)];
}

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('lockout')
    .description(
      'Find what can lock you out of your cloud accounts, or get them suspended, before it happens.',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('analyze')
    .description(
      'analyse a fault tree in Open-PSA MEF XML: lockout sets per order, probability, single points',
    )
    .argument('<model.xml...>', 'Open-PSA MEF file(s) of one model')
    .option('-t, --top <name>', 'top event to analyse (repeatable; default: every top gate)', collect)
    .option('-l, --limit-order <n>', 'largest lockout set to count', wholeNumber, 20)
    .option('-s, --sets <n>', 'list the first n lockout sets, smallest first', wholeNumber, 0)
    .addOption(
      new Option('--by <order>', 'order of listed sets within a size')
        .choices(['size', 'probability'])
        .default('size'),
    )
    .option('-i, --importance <n>', 'list the n most important events', wholeNumber, 0)
    .option(
      '--lose <event>',
      'what-if: treat these basic events as lost (repeatable, or comma-separated)',
      collect,
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], options: AnalyzeOptions) => {
      const report = await analyzeModelFiles(files, options);
      io.stdout(
        options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatAnalyzeText(report),
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
      io.stderr(`lockout: ${input.message}\n`);
      if (input.hint) io.stderr(`  hint: ${input.hint}\n`);
      return EXIT_INPUT;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`lockout: internal error — please report it with the command you ran:\n${stack}\n`);
    return EXIT_INTERNAL;
  }
}
