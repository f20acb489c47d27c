/**
 * `lockout init`: the command line over src/init. main.ts imports this file to register the command, so it
 * imports nothing heavy itself: the library (and the AWS SDK, when a scan may run) is loaded when it runs.
 */

import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Responder } from '../providers/aws/scan/clients.js';
import { EXIT_OK, UserError } from './errors.js';
import { addAwsAccessOptions, parsePath } from './options.js';
import type { AwsAccessOptions } from './scan-command.js';

export interface InitCommandOptions extends AwsAccessOptions {
  output: string;
  force: boolean;
  offline: boolean;
  template: boolean;
  /** Where the questions are asked; absent when standard input and output are not a terminal. */
  terminal?: { input: Readable; output: Writable } | undefined;
  /** For tests: answers for APIs the endpoint lacks. */
  responder?: Responder;
}

export function addInitCommand(
  program: Command,
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
  setExitCode: (code: number) => void,
): void {
  addAwsAccessOptions(
    program
      .command('init')
      .description(
        'write a starter lockout.yaml: what a read-only scan shows, and the questions only you can answer',
      )
      .option(
        '-o, --output <file>',
        'the file to write',
        (value: string) => parsePath(value, '--output'),
        'lockout.yaml',
      )
      .option('--force', 'replace the file if it exists', false)
      .option('--offline', 'do not call AWS: ask a few questions (on a terminal) or write a template', false)
      .option('--template', 'write a commented template, asking nothing and calling nothing', false),
    {
      org: 'add every member of the Organization, by assuming a role in it',
      concurrency: 'members scanned at once',
    },
  ).action(async (options: InitCommandOptions) => {
    const interactive = process.stdin.isTTY && process.stdout.isTTY;
    io.stdout(
      await runInit(
        {
          ...options,
          terminal: interactive ? { input: process.stdin, output: process.stdout } : undefined,
        },
        io.stderr,
      ),
    );
    setExitCode(EXIT_OK);
  });
}

/** Runs `lockout init` and returns what to print: the file written and how much is left to answer. */
export async function runInit(options: InitCommandOptions, warn: (text: string) => void): Promise<string> {
  const { initInventory, InitError, AnswersEndedError } = await import('../init/index.js');
  const { today } = await import('./inventory-input.js');
  // Lockout supports the Node.js it runs on; the SDK's notice about its own future support is not the user's.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let outcome;
  try {
    outcome = await initInventory({
      file: options.output,
      force: options.force,
      mode: options.template ? 'template' : options.offline ? 'offline' : 'auto',
      terminal: options.terminal,
      asOf: today(),
      onNoScan: (reason) => {
        warn(`lockout: ${reason}\n`);
      },
      scan: {
        region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
        profile: options.profile,
        endpoint: options.endpointUrl,
        org: options.org,
        roleName: options.roleName,
        externalId: options.externalId,
        concurrency: options.concurrency,
        maxAttempts: options.maxAttempts,
        responder: options.responder,
      },
    });
  } catch (error) {
    if (error instanceof InitError) throw new UserError(error.message, error.hint);
    if (error instanceof AnswersEndedError) throw new UserError(error.message);
    throw error;
  }
  const from = { scan: 'what the scan saw', answers: 'your answers', template: 'a template' }[outcome.origin];
  const accounts = `${outcome.accounts} account${outcome.accounts === 1 ? '' : 's'}`;
  const questions = `${outcome.questions} question${outcome.questions === 1 ? '' : 's'}`;
  return (
    `Wrote ${outcome.file} from ${from}: ${accounts}, ${questions} only you can answer (the lines starting with "# ?").\n` +
    `Answer them, then: lockout check ${outcome.file}\n`
  );
}
