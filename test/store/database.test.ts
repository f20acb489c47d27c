// Opening the store: the documented default location, WAL, foreign keys and a busy timeout, and a folder and a
// file that only the owner can read.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.js';
import { defaultStorePath } from '../../src/store/location.js';
import { listScans, saveScan } from '../../src/store/scans.js';
import { finding, scanResult } from './scan-builder.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lockout-store-'));
  folders.push(folder);
  return folder;
}

describe('defaultStorePath', () => {
  it.each([
    [{ LOCKOUT_HOME: '/srv/lockout', XDG_DATA_HOME: '/data' }, '/srv/lockout/lockout.db'],
    [{ XDG_DATA_HOME: '/data' }, '/data/lockout/lockout.db'],
    [{ LOCKOUT_HOME: '', XDG_DATA_HOME: '/data' }, '/data/lockout/lockout.db'],
    [{ XDG_DATA_HOME: 'relative/data' }, '/home/hana/.local/share/lockout/lockout.db'],
    [{}, '/home/hana/.local/share/lockout/lockout.db'],
  ])('%j → %s', (env, expected) => {
    expect(defaultStorePath(env, '/home/hana')).toBe(expected);
  });
});

describe('openStore', () => {
  it('opens a file database in WAL mode with foreign keys and a busy timeout', () => {
    const path = join(tempFolder(), 'lockout.db');
    const store = openStore(path);
    expect(store.path).toBe(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
  });

  it('creates the folder 0700 and the database and its WAL files 0600', () => {
    const folder = join(tempFolder(), 'nested', 'lockout');
    const path = join(folder, 'lockout.db');
    const store = openStore(path);
    saveScan(store, scanResult(), []);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) {
      expect(existsSync(path + suffix)).toBe(true);
      expect(statSync(path + suffix).mode & 0o777).toBe(0o600);
    }
    store.close();
  });

  it('tightens a database file that other users could read', () => {
    const path = join(tempFolder(), 'lockout.db');
    writeFileSync(path, '', { mode: 0o644 });
    openStore(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('lets two stores on the same file write in turn and see each other', () => {
    const path = join(tempFolder(), 'lockout.db');
    const first = openStore(path);
    const second = openStore(path);
    const a = saveScan(first, scanResult(), []);
    const b = saveScan(second, scanResult({ startedAt: '2024-07-01T00:00:00Z' }), []);
    expect(listScans(first).map((summary) => summary.id)).toEqual([b, a]);
    first.close();
    second.close();
  });

  it('opens in memory for tests', () => {
    const store = openStore(':memory:');
    expect(store.db.memory).toBe(true);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('deletes a scan with its facts and findings (foreign keys cascade)', () => {
    const store = openStore(':memory:');
    const id = saveScan(store, scanResult(), [finding()]);
    store.db.prepare('DELETE FROM scans WHERE id = ?').run(id);
    expect(store.db.prepare('SELECT count(*) AS n FROM account_facts').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM findings').get()).toEqual({ n: 0 });
    store.close();
  });
});
