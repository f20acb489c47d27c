// Migrations: an empty database is brought to the latest schema, re-opening changes nothing, and a database
// written by a newer Lockout is refused with a clear error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import {
  currentVersion,
  LOCKOUT_APPLICATION_ID,
  migrate,
  migrations,
  schemaVersion,
} from '../../src/store/migrations.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempPath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lockout-store-'));
  folders.push(folder);
  return join(folder, 'lockout.db');
}

function schema(db: Database): unknown[] {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(schemaVersion).toBe(migrations.length);
  });

  it('bring an empty database to the latest schema', () => {
    const db = new Sqlite(':memory:');
    expect(currentVersion(db)).toBe(0);
    expect(migrate(db)).toEqual(migrations.map((migration) => migration.version));
    expect(currentVersion(db)).toBe(schemaVersion);
    const names = schema(db).map((row) => (row as { name: string }).name);
    expect(names).toEqual(
      expect.arrayContaining([
        'scans',
        'account_facts',
        'findings',
        'scans_latest',
        'account_facts_by_account',
        'findings_by_account',
        'findings_by_check',
      ]),
    );
    db.close();
  });

  it('are a no-op when the database is already up to date', () => {
    const path = tempPath();
    const first = openStore(path);
    const before = schema(first.db);
    first.close();

    const second = openStore(path);
    expect(currentVersion(second.db)).toBe(schemaVersion);
    expect(migrate(second.db)).toEqual([]);
    expect(schema(second.db)).toEqual(before);
    second.close();
  });

  it('apply only the migrations a database lacks', () => {
    const db = new Sqlite(':memory:');
    const list = [
      { version: 1, description: 'one', sql: 'CREATE TABLE one (x INTEGER)' },
      { version: 2, description: 'two', sql: 'CREATE TABLE two (x INTEGER)' },
    ];
    expect(migrate(db, list.slice(0, 1))).toEqual([1]);
    expect(migrate(db, list)).toEqual([2]);
    expect(currentVersion(db)).toBe(2);
    db.close();
  });

  it('must be numbered without gaps', () => {
    const db = new Sqlite(':memory:');
    expect(() => migrate(db, [{ version: 2, description: 'gap', sql: 'SELECT 1' }])).toThrow(/out of order/);
    db.close();
  });

  it('roll a failed migration back whole, version included', () => {
    const db = new Sqlite(':memory:');
    const broken = [
      { version: 1, description: 'broken', sql: 'CREATE TABLE fine (x INTEGER); CREATE TABLE (' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(currentVersion(db)).toBe(0);
    expect(schema(db)).toEqual([]);
    db.close();
  });

  it('refuse a database newer than the code', () => {
    const path = tempPath();
    const db = new Sqlite(path);
    // A store of a later Lockout: marked as Lockout's, with a schema version this one does not know.
    db.pragma(`application_id = ${LOCKOUT_APPLICATION_ID}`);
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();

    let error: unknown;
    try {
      openStore(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'newer-schema',
      hint: expect.stringMatching(/Upgrade Lockout/) as unknown,
    });
    expect((error as Error).message).toContain(
      `schema version ${schemaVersion + 1}, newer than this Lockout knows (${schemaVersion})`,
    );
  });
});
