/**
 * Opens the scan database: creates its folder (0700) and file (0600) where needed, turns on WAL, foreign keys
 * and a busy timeout, and brings the schema up to date.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { defaultStorePath } from './location.js';
import { migrate } from './migrations.js';

/** How long a writer waits for another process's lock before giving up, in milliseconds. */
const busyTimeoutMs = 5_000;

export interface Store {
  /** The database file, or ':memory:'. */
  readonly path: string;
  readonly db: Database;
  close(): void;
}

/**
 * Opens (creating if needed) the store at `path`, by default the documented location (see `defaultStorePath`);
 * ':memory:' gives a private in-memory store for tests.
 */
export function openStore(path: string = defaultStorePath()): Store {
  if (path !== ':memory:') prepareFile(path);
  const db = new Sqlite(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    path,
    db,
    close: () => {
      db.close();
    },
  };
}

/**
 * Creates the folder owner-only and the file owner-read/write before SQLite opens it, so the facts (phone
 * numbers, emails) are never readable by other users, not even for a moment. SQLite gives the -wal and -shm
 * files the database file's permissions.
 */
function prepareFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
