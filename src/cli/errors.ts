/**
 * How the CLI tells a mistake in the user's input from a bug: input errors print their message (file,
 * line, field) and a hint, with exit code 2; anything else is an internal error, shown with its stack and a
 * request to report it, with exit code 3.
 */

import { GraphError } from '../analysis/graph.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** A mistake in what the user asked for or gave us: shown as a message, never as a stack trace. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** The message and hint of an input error, or undefined for an internal error. */
export function describeInputError(
  error: unknown,
): { message: string; hint?: string | undefined } | undefined {
  if (error instanceof UserError || isNamedInputError(error)) {
    return { message: error.message, hint: error.hint };
  }
  if (error instanceof GraphError) return { message: `model: ${error.message}` };
  if (isFileError(error)) {
    const reason =
      error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a folder' : error.code;
    return { message: `${error.path}: ${reason}` };
  }
  return undefined;
}

/**
 * Input errors of modules the CLI loads only when a command needs them (MEF files, scans, the store),
 * recognised by name so that recognising them does not load them.
 */
function isNamedInputError(error: unknown): error is Error & { hint?: string | undefined } {
  return error instanceof Error && ['MefError', 'ScanError', 'StoreError'].includes(error.name);
}

function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string; code: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).path === 'string'
  );
}
