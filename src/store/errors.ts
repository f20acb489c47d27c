/**
 * What can go wrong with the scan store in a way the user can act on: a file that is not a Lockout store, a
 * store that is damaged or cannot be read or written, a database written by a newer Lockout, a scan that holds
 * something shaped like a credential, a scan id that is not there, a row that no longer reads.
 */

export type StoreErrorCode =
  | 'not-a-store'
  | 'damaged-store'
  | 'store-unavailable'
  | 'newer-schema'
  | 'credential-in-scan'
  | 'scan-not-found'
  | 'invalid-scan'
  | 'unreadable-row'
  | 'duplicate-account';

/** A store problem shown to the user as a message and a hint, never as a stack trace. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly hint: string | undefined;

  constructor(code: StoreErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}
