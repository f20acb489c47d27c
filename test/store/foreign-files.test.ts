/**
 * `--store FILE` on files that are not a healthy Lockout store: another application's SQLite database, a file
 * that is not SQLite at all, a folder, a device, a damaged, truncated or read-only store. Lockout identifies
 * its own stores (application_id, or the tables of a store made before it had one) before it touches anything:
 * anything else is refused with one message naming the file, and left exactly as it was (bytes, mode, journal
 * mode, no file added beside it). A store it cannot read or write is one message too, never a stack trace.
 */

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli as run } from '../support/cli.js';
import { openStore } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { LOCKOUT_APPLICATION_ID, migrate } from '../../src/store/migrations.js';
import { listScans, saveScan } from '../../src/store/scans.js';
import { finding, scanResult } from './scan-builder.js';

const folders: string[] = [];
const immutable: string[] = [];
afterEach(() => {
  for (const file of immutable.splice(0)) execFileSync('chattr', ['-i', file]);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lockout-foreign-'));
  folders.push(folder);
  return folder;
}

function expectCleanRefusal(result: { code: number; stderr: string }, file: string, what: RegExp): void {
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toContain(file);
  expect(result.stderr).toMatch(what);
  expect(result.code).toBe(2);
}

/** Everything about a file another application could notice: its bytes, its mode, its folder's listing. */
function snapshot(path: string): { bytes: Buffer; mode: number; folder: string[] } {
  return { bytes: readFileSync(path), mode: statSync(path).mode, folder: readdirSync(dirname(path)).sort() };
}

/** SQLite's header says the journal mode: bytes 18 and 19 are 2 in WAL mode, 1 in rollback mode. */
function headerJournal(path: string): 'wal' | 'rollback' {
  const header = readFileSync(path).subarray(18, 20);
  return header[0] === 2 && header[1] === 2 ? 'wal' : 'rollback';
}

/** Another application's database: a table of its own, its own user_version, maybe its own application_id. */
function foreignDatabase(
  folder: string,
  { wal = false, applicationId = 0 }: { wal?: boolean; applicationId?: number } = {},
): string {
  const path = join(folder, 'notes.sqlite');
  const db = new Sqlite(path);
  if (wal) db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${applicationId}`);
  db.pragma('user_version = 1');
  db.exec(
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')",
  );
  db.close();
  chmodSync(path, 0o644);
  return path;
}

/** A Lockout store with three scans, closed (its WAL checkpointed into the file). */
function lockoutStore(folder: string): string {
  const path = join(folder, 'lockout.db');
  const store = openStore(path);
  saveScan(store, scanResult({ startedAt: '2024-06-01T00:00:00Z' }), [finding()]);
  saveScan(store, scanResult({ startedAt: '2024-06-02T00:00:00Z' }), [finding()]);
  saveScan(store, scanResult({ startedAt: '2024-06-03T00:00:00Z' }), [finding()]);
  store.close();
  return path;
}

describe('another application’s file is refused and left untouched', () => {
  it.each([
    ['an SQLite database in rollback mode', { wal: false, applicationId: 0 }],
    ['an SQLite database in WAL mode', { wal: true, applicationId: 0 }],
    ['an SQLite database with its own application_id', { wal: false, applicationId: 0x47504b47 }],
  ])('%s', async (_, options) => {
    const path = foreignDatabase(tempFolder(), options);
    const before = snapshot(path);
    const journal = headerJournal(path);

    for (const command of [['history'], ['diff']]) {
      const result = await run([...command, '--store', path]);
      expectCleanRefusal(result, path, /not a Lockout store/);
    }
    expect(() => openStore(path)).toThrow(StoreError);

    expect(snapshot(path)).toEqual(before);
    expect(headerJournal(path)).toBe(journal);
    const db = new Sqlite(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe(options.wal ? 'wal' : 'delete');
    expect(db.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'hello' }]);
    db.close();
  });

  it('an SQLite database in WAL mode while its application has it open', async () => {
    const path = join(tempFolder(), 'app.sqlite');
    const app = new Sqlite(path);
    app.pragma('journal_mode = WAL');
    app.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('in the WAL only')");
    const before = snapshot(path);
    const wal = readFileSync(`${path}-wal`);
    expect(before.folder).toEqual(['app.sqlite', 'app.sqlite-shm', 'app.sqlite-wal']);

    expectCleanRefusal(await run(['history', '--store', path]), path, /not a Lockout store/);

    expect(snapshot(path)).toEqual(before);
    expect(readFileSync(`${path}-wal`)).toEqual(wal);
    app.exec("INSERT INTO notes VALUES ('after')");
    expect(app.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 2 });
    app.close();
  });

  it.each([
    ['a text file', Buffer.from('not a database\n'.repeat(100))],
    ['a file of zeros', Buffer.alloc(8192)],
    ['a PNG image', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 7)])],
    ['a few bytes', Buffer.from('hello')],
  ])('%s', async (_, content) => {
    const path = join(tempFolder(), 'file.db');
    writeFileSync(path, content, { mode: 0o644 });
    const before = snapshot(path);
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /not an SQLite database/);
    expect(snapshot(path)).toEqual(before);
  });

  it('an SQLite database that holds nothing but is not empty', async () => {
    const path = join(tempFolder(), 'blank.sqlite');
    const db = new Sqlite(path);
    db.exec('CREATE TABLE scratch (x); DROP TABLE scratch;');
    db.close();
    const before = snapshot(path);
    expect(before.bytes.length).toBeGreaterThan(0);
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /not a Lockout store/);
    expect(snapshot(path)).toEqual(before);
  });

  it('an empty file: history and diff read no scans in it, and leave it empty, with its mode (found by a fault probe)', async () => {
    const path = join(tempFolder(), 'empty.db');
    writeFileSync(path, '', { mode: 0o644 });
    const before = snapshot(path);
    const history = await run(['history', '--store', path]);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`No scans yet in ${path}`);
    const diff = await run(['diff', '--store', path]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(path)).toEqual(before);
  });

  it('a folder', async () => {
    const path = join(tempFolder(), 'a-folder');
    mkdirSync(path, { mode: 0o755 });
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /folder/);
    expect(statSync(path).mode & 0o777).toBe(0o755);
  });

  it('a device such as /dev/null is neither opened for writing nor chmodded', async () => {
    // A copy of /dev/null's device node in a temporary folder: what happens to it cannot harm the machine.
    const path = join(tempFolder(), 'null');
    try {
      execFileSync('mknod', ['-m', '666', path, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      return; // mknod needs privileges this run does not have.
    }
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /not a regular file/);
    expect(statSync(path).mode & 0o777).toBe(0o666);
  });
});

describe('a damaged or truncated store is a clean error', () => {
  it('bytes overwritten in the middle of the file', async () => {
    const path = lockoutStore(tempFolder());
    const bytes = readFileSync(path);
    // Garbage over every page but the first: the header still says Lockout, the tables no longer read.
    bytes.fill(0x5a, 4096);
    writeFileSync(path, bytes);
    for (const command of [['history'], ['diff']]) {
      const result = await run([...command, '--store', path]);
      expectCleanRefusal(result, path, /damaged/);
    }
  });

  it('the header overwritten', async () => {
    const path = lockoutStore(tempFolder());
    const bytes = readFileSync(path);
    bytes.fill(0, 0, 100);
    writeFileSync(path, bytes);
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /not an SQLite database/);
  });

  it.each([10, 99, 100, 1000, 4096, 5000, 8192])('truncated to %i bytes', async (length) => {
    const path = lockoutStore(tempFolder());
    expect(statSync(path).size).toBeGreaterThan(8192);
    truncateSync(path, length);
    const result = await run(['history', '--store', path]);
    expectCleanRefusal(result, path, /damaged|truncated|not an SQLite database/);
  });

  it('bytes damaged or cut at 60 places: history and diff answer or refuse cleanly, never a stack trace', async () => {
    const folder = tempFolder();
    const store = openStore(join(folder, 'lockout.db'));
    for (let day = 1; day <= 20; day++)
      saveScan(store, scanResult({ startedAt: `2024-06-${String(day).padStart(2, '0')}T00:00:00Z` }), [
        finding(),
      ]);
    store.close();
    const healthy = readFileSync(join(folder, 'lockout.db'));
    // A fixed linear congruential sequence: the same 60 damaged files on every run.
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const outcomes = new Map<number, number>();
    for (let variant = 0; variant < 60; variant++) {
      const path = join(folder, `variant-${variant}.db`);
      let bytes = Buffer.from(healthy);
      if (variant % 3 === 0) bytes = bytes.subarray(0, Math.floor(random() * healthy.length));
      else {
        const start = Math.floor(random() * healthy.length);
        const length = 1 + Math.floor(random() * (variant % 3 === 1 ? 8 : 600));
        for (let at = start; at < Math.min(start + length, bytes.length); at++)
          bytes[at] = Math.floor(random() * 256);
      }
      writeFileSync(path, bytes);
      for (const command of [['history', '-n', '100'], ['diff']]) {
        const result = await run([...command, '--store', path]);
        expect(result.stderr, `${command[0]!} on variant ${variant}`).not.toContain('internal error');
        expect([0, 2]).toContain(result.code);
        if (result.code === 2 && result.stderr.includes('lockout: /')) expect(result.stderr).toContain(path);
        outcomes.set(result.code, (outcomes.get(result.code) ?? 0) + 1);
      }
    }
    // Both kinds happen: damage that SQLite notices, and damage in bytes no query reads.
    expect(outcomes.get(2)).toBeGreaterThan(0);
  });

  it('one row that no longer reads is skipped with a warning; the others are listed', async () => {
    const path = lockoutStore(tempFolder());
    const db = new Sqlite(path);
    // Valid JSON, so the CHECK passes, but not the stats Lockout saved.
    db.prepare("UPDATE scans SET stats = '{}' WHERE id = 2").run();
    db.close();

    const text = await run(['history', '--store', path]);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/warning: .*scan 2/);
    expect(text.stderr).not.toMatch(/\n\s+at /);
    expect(text.stdout).toMatch(/^\s*3\s/m);
    expect(text.stdout).toMatch(/^\s*1\s/m);
    expect(text.stdout).not.toMatch(/^\s*2\s/m);

    const json = await run(['history', '--store', path, '--format', 'json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { id: number }[]).map((scan) => scan.id)).toEqual([3, 1]);
    expect(json.stderr).toMatch(/warning: .*scan 2/);
  });

  it('a scan whose facts no longer read is named by diff, without a stack trace', async () => {
    const path = lockoutStore(tempFolder());
    const db = new Sqlite(path);
    db.prepare("UPDATE scans SET stats = '[1]' WHERE id = 3").run();
    db.prepare("UPDATE findings SET factors = '{}' WHERE scan_id = 2").run();
    db.close();
    expectCleanRefusal(await run(['diff', '--store', path]), 'scan 3', /no longer reads/);
    expectCleanRefusal(await run(['diff', '--store', path, '1', '2']), 'scan 2', /no longer reads/);
  });
});

describe('a read-only store', () => {
  /** Makes the file unwritable, even for root (who ignores permission bits), or reports that it cannot. */
  function makeReadOnly(path: string): boolean {
    if (process.getuid?.() !== 0) {
      chmodSync(path, 0o444);
      return true;
    }
    try {
      execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
      immutable.push(path);
      return true;
    } catch {
      return false;
    }
  }

  it('is read by history, and saving to it says it is read-only', async () => {
    const path = lockoutStore(tempFolder());
    if (!makeReadOnly(path)) return;
    const result = await run(['history', '--store', path]);
    expect(result.stderr).not.toContain('internal error');
    if (result.code !== 0) expectCleanRefusal(result, path, /read-only/);

    let error: unknown;
    try {
      const store = openStore(path);
      try {
        saveScan(store, scanResult(), []);
      } finally {
        store.close();
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(path);
    expect((error as StoreError).message).toMatch(/read-only/);
  });
});

describe('Lockout’s own stores', () => {
  it('are marked with Lockout’s application_id on creation', () => {
    const path = join(tempFolder(), 'lockout.db');
    openStore(path).close();
    const db = new Sqlite(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(LOCKOUT_APPLICATION_ID);
    db.close();
    // In the header too, where it is checked before SQLite opens the file.
    expect(readFileSync(path).readInt32BE(68)).toBe(LOCKOUT_APPLICATION_ID);
  });

  it('made before application_id existed still open, and are marked on the way', async () => {
    const path = lockoutStore(tempFolder());
    const db = new Sqlite(path);
    db.pragma('application_id = 0');
    db.close();
    const result = await run(['history', '--store', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const store = openStore(path);
    expect(listScans(store)).toHaveLength(3);
    expect(store.db.pragma('application_id', { simple: true })).toBe(LOCKOUT_APPLICATION_ID);
    store.close();
  });

  it('a database that is not empty and has no schema version is never migrated, even when asked', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE notes (body TEXT)');
    expect(() => migrate(db)).toThrow(StoreError);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([
      { name: 'notes' },
    ]);
    db.close();
  });
});
