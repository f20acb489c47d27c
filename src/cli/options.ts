/**
 * Option values the CLI parses before any command module is loaded: kept free of heavy imports. Every date,
 * time, count and output file of every command goes through one of these, so each is checked the same way
 * and refused with one message that names the option.
 */

import { stat, writeFile } from 'node:fs/promises';
import type { Day } from '../model/inventory.js';
import { atDayTime, dayProblem } from '../plan/time.js';
import { UserError } from './errors.js';
import type { Command } from 'commander';

export const examples = {
  incident: 'incident-2022.yaml',
  // The incident with root's mailbox at Google, whose own 2-Step Verification was on the same old phone.
  'incident-outside': 'incident-2022-outside.yaml',
  startup: 'startup-2026.yaml',
  'small-team': 'small-team.yaml',
} as const;
export type ExampleName = keyof typeof examples;

/** Parses a YYYY-MM-DD option value, refusing days that do not exist or fall outside FIRST_DAY…LAST_DAY. */
export function parseDay(value: string, option: string): Day {
  const problem = dayProblem(value);
  if (problem !== undefined) throw new UserError(`${option} ${value}: ${problem}`);
  return value;
}

/** `YYYY-MM-DD` (at `defaultHour`) or `YYYY-MM-DDTHH:MM`, as a wall-clock time in the owner's zone. */
export function parseLocalTime(value: string, option: string, timeZone: string, defaultHour: number): Date {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value);
  if (!match) throw new UserError(`${option} ${value}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
  const problem = dayProblem(match[1]!);
  if (problem !== undefined) throw new UserError(`${option} ${value}: ${problem}`);
  const hour = match[2] === undefined ? defaultHour : Number(match[2]);
  const minute = match[3] === undefined ? 0 : Number(match[3]);
  if (hour > 23 || minute > 59) throw new UserError(`${option} ${value}: not a time of day`);
  return atDayTime(match[1]!, timeZone, hour, minute);
}

/**
 * Parses a whole number option from `min` to `max`, written in plain decimal digits: `Number()` alone would take
 * '' as 0, '1e3' as 1000, '0x10' as 16 and 20 nines as a number it cannot hold exactly.
 */
export function parseCount(value: string, option: string, min: number, max: number): number {
  const parsed = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UserError(`${option} ${value}: expected a whole number ${range}`);
  }
  return parsed;
}

/**
 * The names in one value of a list option (`--lose a,b`), spaces around commas ignored. A value that names
 * nothing (`--lose ''`) is refused rather than read as "nothing lost".
 */
export function parseList(value: string, option: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0)
    throw new UserError(
      `${option}: expected one or more names separated by commas, got ${JSON.stringify(value)}`,
    );
  return names;
}

/** A file name option: an empty one would otherwise mean the current folder, or standard output. */
export function parsePath(value: string, option: string): string {
  if (value === '') throw new UserError(`${option}: expected a file name, got an empty one`);
  return value;
}

/**
 * Writes a command's output file. A file that cannot be written (no space left, no such folder, no permission)
 * is the user's to fix: one message naming the file and why, not a stack trace.
 */
export async function writeOutputFile(
  path: string,
  text: string,
  option: string,
  /** The files the command read (its inventory): an output written over one would lose it. */
  read: readonly string[] = [],
): Promise<void> {
  for (const input of read) {
    if (await sameFile(path, input)) {
      throw new UserError(
        `${option} ${path}: that is the inventory this command reads, and writing there would replace it`,
        'name another file for the output',
      );
    }
  }
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    if (typeof code !== 'string') throw error;
    throw new UserError(`${option} ${path}: cannot write the file (${fileProblem(code)})`);
  }
}

/** Whether two paths name one file (through links and different spellings); false when either is missing. */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [one, other] = await Promise.all([stat(a), stat(b)]);
    return one.dev === other.dev && one.ino === other.ino;
  } catch {
    return false;
  }
}

const fileProblems: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

function fileProblem(code: string): string {
  return fileProblems[code] ?? code;
}

/**
 * The options that say how to reach AWS, as `scan` and `init` take them (AwsAccessOptions): the usual
 * credential conventions, and how to fan out over an Organization. `words` say what --org and --concurrency do
 * for the command.
 */
export function addAwsAccessOptions(command: Command, words: { org: string; concurrency: string }): Command {
  return command
    .option('--profile <name>', 'AWS profile from ~/.aws/config (default: the default credential chain)')
    .option('--region <region>', 'AWS region for regional APIs (default: AWS_REGION or us-east-1)')
    .option('--endpoint-url <url>', 'send every API call to this endpoint (an emulator such as moto_server)')
    .option('--org', words.org, false)
    .option('--role-name <name>', 'role to assume in each member', 'OrganizationAccountAccessRole')
    .option('--external-id <id>', 'external id for the role assumption')
    .option(
      '--concurrency <n>',
      words.concurrency,
      (value: string) => parseCount(value, '--concurrency', 1, 100),
      8,
    );
}

/** Whether the options name an organisation outside AWS to scan (`scan` and `watch` alike). */
export function namesOutsideOrganisation(options: {
  githubOrg?: string | undefined;
  googleWorkspace?: boolean | undefined;
  entra?: boolean | undefined;
}): boolean {
  return options.githubOrg !== undefined || options.googleWorkspace === true || options.entra === true;
}
