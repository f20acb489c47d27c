/**
 * Opens the scan database. A file that is already there is identified first, only by reading it: a Lockout
 * store (its application_id, or, for a store made before it had one, its tables), an empty file, or anything
 * else, which is refused and left exactly as it was. Only then does Lockout create what is missing (the folder
 * 0700, the file 0600), take other users' permissions off its own file, bring the schema up to date and turn on
 * WAL, foreign keys and a busy timeout. What SQLite or the file system report about the file becomes a
 * StoreError that names it.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';
import { defaultStorePath } from './location.js';
import { currentVersion, LOCKOUT_APPLICATION_ID, lockoutTables, migrate } from './migrations.js';

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
  let db: Database | undefined;
  try {
    if (path !== ':memory:') prepareFile(path, identify(path));
    db = new Sqlite(path, { timeout: busyTimeoutMs });
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrate(db);
    markAsLockout(db);
    // After the first migration, not before: until the store is whole, a crash leaves nothing in a WAL.
    db.pragma('journal_mode = WAL');
  } catch (error) {
    db?.close();
    throw storeFailure(path, error);
  }
  const opened = db;
  return {
    path,
    db: opened,
    close: () => {
      opened.close();
    },
  };
}

/**
 * Refuses, without creating or changing anything, a path where a store could not be opened: another
 * application's file, a folder, a damaged file. For commands that work long before they save (a scan).
 */
export function checkStorePath(path: string = defaultStorePath()): void {
  if (path === ':memory:') return;
  try {
    identify(path);
  } catch (error) {
    throw storeFailure(path, error);
  }
}

/**
 * Whether there is a store at `path` to read: none where there is no file, or an empty one (a store would be
 * made there, not read). Refuses what is not a store, as openStore does, without creating or changing anything:
 * commands that only read (history, diff, the dashboard's history) ask this before they open it.
 */
export function storeToRead(path: string = defaultStorePath()): boolean {
  if (path === ':memory:') return true;
  try {
    return identify(path) === 'lockout';
  } catch (error) {
    throw storeFailure(path, error);
  }
}

/** Runs `work` on the store at `path`, turning what SQLite reports about the file into a StoreError. */
export function withStoreErrors<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storeFailure(path, error);
  }
}

/** What the file at the store's path is, as far as opening it is concerned. */
type Identity = 'absent' | 'empty' | 'lockout';

/** The 16 bytes every SQLite 3 database begins with. */
const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');
const headerLength = 100;
/** Where the header keeps `PRAGMA application_id`, big-endian. */
const applicationIdOffset = 68;

/** Identifies the file at `path` without changing it; anything that is not Lockout's or empty is refused. */
function identify(path: string): Identity {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  if (stats.isDirectory()) throw storeError('store-unavailable', path, 'it is a folder, not a file');
  if (!stats.isFile()) throw storeError('not-a-store', path, 'not a Lockout store: not a regular file');
  if (stats.size === 0) return 'empty';

  const header = readHeader(path);
  if (!header.subarray(0, sqliteMagic.length).equals(sqliteMagic.subarray(0, header.length)))
    throw storeError('not-a-store', path, 'not a Lockout store: not an SQLite database');
  if (header.length < headerLength)
    throw storeError('damaged-store', path, `truncated: ${header.length} bytes, less than an SQLite header`);
  const applicationId = header.readInt32BE(applicationIdOffset);
  if (applicationId === LOCKOUT_APPLICATION_ID) return 'lockout';
  if (applicationId !== 0) throw foreignApplication(path, applicationId);
  // Either another application's database or a Lockout store made before stores had an application_id.
  return inspectSchema(path);
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(headerLength);
  const fd = openSync(path, 'r');
  try {
    return header.subarray(0, readSync(fd, header, 0, headerLength, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the application_id, the schema version and the tables through SQLite, writing nothing. A read-only
 * connection would leave -wal and -shm files beside a database in WAL mode; a connection that only reads
 * removes the ones it made when it closes. Where a -wal file is already there, another process has the
 * database open (or crashed with it open): a read-only connection then uses it without checkpointing it into
 * the file.
 */
function inspectSchema(path: string): Identity {
  const db = new Sqlite(path, {
    fileMustExist: true,
    readonly: existsSync(`${path}-wal`),
    timeout: busyTimeoutMs,
  });
  try {
    if (!db.readonly) db.pragma('query_only = ON');
    const applicationId = db.pragma('application_id', { simple: true });
    // Set in a WAL that has not reached the file yet.
    if (applicationId === LOCKOUT_APPLICATION_ID) return 'lockout';
    if (typeof applicationId === 'number' && applicationId !== 0)
      throw foreignApplication(path, applicationId);
    const tables = new Set(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all()
        .filter((name): name is string => typeof name === 'string'),
    );
    if (currentVersion(db) >= 1 && lockoutTables.every((table) => tables.has(table))) return 'lockout';
    throw storeError(
      'not-a-store',
      path,
      tables.size === 0
        ? 'not a Lockout store: an SQLite database that is not empty'
        : "not a Lockout store: another application's SQLite database",
    );
  } finally {
    db.close();
  }
}

function foreignApplication(path: string, applicationId: number): StoreError {
  const hex = (applicationId >>> 0).toString(16).padStart(8, '0');
  return storeError(
    'not-a-store',
    path,
    `not a Lockout store: another application's SQLite database (application_id 0x${hex})`,
  );
}

/**
 * Creates the folder owner-only and the file owner-read/write before SQLite opens it, so the facts (phone
 * numbers, emails) are never readable by other users, not even for a moment; a store of Lockout's that others
 * can read loses their permissions (and only those: a store made read-only stays read-only). SQLite gives the
 * -wal and -shm files the database file's permissions. Files that are not Lockout's never get here.
 */
function prepareFile(path: string, identity: Identity): void {
  if (identity === 'absent') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
}

/** Marks a store made before stores had an application_id, when it can be written. */
function markAsLockout(db: Database): void {
  if (db.pragma('application_id', { simple: true }) === LOCKOUT_APPLICATION_ID) return;
  try {
    db.pragma(`application_id = ${LOCKOUT_APPLICATION_ID}`);
  } catch (error) {
    // A read-only store is still recognised by its tables; it is marked the next time it can be written.
    if (!(error instanceof Sqlite.SqliteError && error.code.startsWith('SQLITE_READONLY'))) throw error;
  }
}

/** The store errors about the file itself. */
type FileErrorCode = 'not-a-store' | 'damaged-store' | 'store-unavailable';

const hints: Record<FileErrorCode, string> = {
  'not-a-store':
    'Lockout leaves it as it is. Name another file with --store, or leave --store out for the default ' +
    '($LOCKOUT_HOME, $XDG_DATA_HOME/lockout or ~/.local/share/lockout).',
  'damaged-store': 'Restore it from a backup, or move it aside: Lockout then starts a new history there.',
  'store-unavailable':
    'Check the file and its folder (permissions, free space), or name another file with --store.',
};

function storeError(code: FileErrorCode, path: string, problem: string): StoreError {
  return new StoreError(code, `${path}: ${problem}`, hints[code]);
}

/** SQLite's and the file system's error codes that say something about the file, in words. */
function fileProblem(code: string, message: string): { code: FileErrorCode; problem: string } | undefined {
  const base = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
  switch (base) {
    case 'SQLITE_NOTADB':
      return { code: 'damaged-store', problem: 'damaged, or not an SQLite database: SQLite cannot read it' };
    case 'SQLITE_CORRUPT':
      return { code: 'damaged-store', problem: `damaged: ${message}` };
    case 'SQLITE_READONLY':
    case 'EROFS':
      return { code: 'store-unavailable', problem: `read-only: Lockout cannot write to it (${message})` };
    case 'SQLITE_CANTOPEN':
      return { code: 'store-unavailable', problem: `cannot be opened (${message})` };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return {
        code: 'store-unavailable',
        problem: `locked by another process for more than ${busyTimeoutMs / 1000} s`,
      };
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return { code: 'store-unavailable', problem: 'no space left on the device' };
    case 'SQLITE_IOERR':
    case 'EIO':
      return { code: 'store-unavailable', problem: `input/output error (${code})` };
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'EACCES':
    case 'EPERM':
      return { code: 'store-unavailable', problem: `permission denied (${message})` };
    case 'ENOENT':
      return { code: 'store-unavailable', problem: 'cannot be created there (no such file or folder)' };
    case 'ENOTDIR':
      return { code: 'store-unavailable', problem: 'a part of its path is not a folder' };
    case 'EISDIR':
      return { code: 'store-unavailable', problem: 'it is a folder, not a file' };
    case 'ELOOP':
      return { code: 'store-unavailable', problem: 'too many symbolic links' };
    case 'ENAMETOOLONG':
      return { code: 'store-unavailable', problem: 'the name is too long' };
    case 'SQLITE_ERROR':
      // A table or column dropped or renamed by hand; other SQL errors are Lockout's own bugs.
      return /^no such (table|column)/.test(message)
        ? { code: 'damaged-store', problem: `damaged: ${message}` }
        : undefined;
    default:
      return undefined;
  }
}

/** A StoreError naming the file for what SQLite or the file system said about it; other errors unchanged. */
function storeFailure(path: string, error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  const known = fileProblem(code, error.message);
  if (known === undefined) return error;
  return storeError(known.code, path, known.problem);
}
