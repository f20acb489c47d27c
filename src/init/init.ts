/**
 * `lockout init`: writes a starter inventory. With AWS credentials (found the way the scan finds them) it scans
 * read-only first and writes what AWS showed; without (or offline) it asks a few questions at a terminal, or
 * writes a template. Whatever it writes loads as it is (it is checked before it is written), and an existing
 * file is never replaced unless asked.
 */

import { lstat, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { parseInventory } from '../inventory/load.js';
import { formatInventoryIssues } from '../inventory/issues.js';
import type { Day } from '../model/inventory.js';
import type { Responder } from '../providers/aws/scan/clients.js';
import { askAnswers } from './ask.js';
import { starterFromAnswers, templateStarter } from './from-answers.js';
import { renderStarter } from './render.js';
import { questionCount, type Starter } from './starter.js';

/** A mistake the user can fix: the file exists, the profile does not, the answers ran out. */
export class InitError extends Error {
  override readonly name = 'InitError';
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

export interface InitOptions {
  /** The file to write. */
  file: string;
  /** Replace the file when it exists. */
  force: boolean;
  /** auto: scan when there are credentials; offline: never call AWS; template: write the template. */
  mode: 'auto' | 'offline' | 'template';
  /** Where to ask the questions; absent when no one is there to answer (not a terminal). */
  terminal?: { input: Readable; output: Writable } | undefined;
  asOf: Day;
  /** Told, before any question, why no scan runs when the mode was auto and none can. */
  onNoScan?: ((reason: string) => void) | undefined;
  /** The scan's settings, as `lockout scan` takes them. */
  scan: {
    region: string;
    profile?: string | undefined;
    endpoint?: string | undefined;
    org: boolean;
    roleName: string;
    externalId?: string | undefined;
    concurrency: number;
    maxAttempts?: number | undefined;
    /** For tests: answers for the APIs an emulator lacks. */
    responder?: Responder | undefined;
  };
}

export interface InitOutcome {
  file: string;
  origin: Starter['origin'];
  /** Accounts written. */
  accounts: number;
  /** Questions left for the owner in the file. */
  questions: number;
}

export async function initInventory(options: InitOptions): Promise<InitOutcome> {
  // Before any AWS call or question: a refusal should not come after a long scan.
  if (!options.force) await refuseExisting(options.file);
  let starter: Starter | undefined;
  if (options.mode === 'auto') {
    // The AWS SDK is loaded only when a scan may run.
    const { findCredentials } = await import('./credentials.js');
    const found = await findCredentials(options.scan);
    if ('provider' in found) {
      const { scanAws } = await import('../providers/aws/scan/scan.js');
      const { starterFromScan } = await import('./from-scan.js');
      const scan = await scanAws({ ...options.scan, credentials: found.provider });
      starter = starterFromScan(scan, options.asOf, options.file);
    } else {
      const instead = options.terminal === undefined ? 'a template' : 'your answers';
      options.onNoScan?.(`${found.missing}: writing ${instead} instead of a scan`);
    }
  }
  if (starter === undefined) {
    starter =
      options.mode !== 'template' && options.terminal !== undefined
        ? starterFromAnswers(
            await askAnswers(options.terminal.input, options.terminal.output),
            options.asOf,
            options.file,
          )
        : templateStarter(options.asOf, options.file);
  }
  const text = renderStarter(starter);
  // A starter that does not load would be Lockout's bug, never the owner's to fix: found here, not by check.
  const loaded = parseInventory(text, options.file);
  if (!loaded.ok) {
    throw new Error(`the starter inventory does not load:\n${formatInventoryIssues(loaded.errors)}`);
  }
  await writeStarter(options.file, text, options.force);
  return {
    file: options.file,
    origin: starter.origin,
    accounts: starter.inventory.accounts.length,
    questions: questionCount(starter),
  };
}

async function refuseExisting(file: string): Promise<void> {
  try {
    await lstat(file);
  } catch {
    return;
  }
  throw existsError(file);
}

function existsError(file: string): InitError {
  return new InitError(
    `${file} already exists: lockout init does not replace it`,
    'give --force to replace it, or -o to write another file',
  );
}

async function writeStarter(file: string, text: string, force: boolean): Promise<void> {
  try {
    // 'wx' fails if the file appeared meanwhile: never replaced without --force, even in a race.
    await writeFile(file, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    if (code === 'EEXIST') throw existsError(file);
    if (typeof code !== 'string') throw error;
    throw new InitError(`${file}: cannot write the file (${fileProblems[code] ?? code})`);
  }
}

const fileProblems: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};
