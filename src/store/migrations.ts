/**
 * The store's schema as an ordered list of migrations. Each runs once, in a transaction, and the database
 * records how far it got in `PRAGMA user_version`; a database newer than this code is refused rather than
 * guessed at. Append new migrations; never edit one that has shipped. The first one also marks the file as
 * Lockout's (`PRAGMA application_id`), and no migration ever runs on a database that holds anything else.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';

/**
 * `PRAGMA application_id` of a Lockout store: "LOCK" in ASCII. It sits in the file's header (offset 68), so a
 * file can be recognised as Lockout's, or as another application's, before SQLite opens it.
 */
export const LOCKOUT_APPLICATION_ID = 0x4c4f434b;

/** The tables of migration 1: how a store made before it had an application_id is recognised. */
export const lockoutTables: readonly string[] = ['scans', 'account_facts', 'findings'];

export interface Migration {
  /** 1, 2, 3…: the user_version the database has once this migration has run. */
  version: number;
  description: string;
  sql: string;
  /**
   * It makes `scans` again (SQLite cannot drop a NOT NULL in place): foreign keys are off while it runs, or
   * dropping the old table would delete every account's facts and finding with it; they are checked before it
   * commits.
   */
  rebuildsScans?: boolean;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'scans, the facts of each account, and findings',
    sql: `
      CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        -- started_at as milliseconds since the epoch: ISO strings of mixed precision do not sort as text.
        started_ms INTEGER NOT NULL,
        caller_account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        organization_id TEXT,
        organization TEXT CHECK (organization IS NULL OR json_valid(organization)),
        stats TEXT NOT NULL CHECK (json_valid(stats)),
        tool_version TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX scans_latest ON scans (started_ms DESC, id DESC);

      CREATE TABLE account_facts (
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        -- The account's place in ScanResult.accounts, so a loaded scan reads as it was saved.
        position INTEGER NOT NULL,
        account_id TEXT NOT NULL,
        name TEXT,
        organization_role TEXT NOT NULL CHECK (organization_role IN ('standalone', 'management', 'member')),
        state TEXT,
        reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
        facts TEXT NOT NULL CHECK (json_valid(facts)),
        PRIMARY KEY (scan_id, account_id)
      ) STRICT;

      CREATE INDEX account_facts_by_account ON account_facts (account_id, scan_id DESC);

      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        title TEXT NOT NULL,
        account_id TEXT,
        account_name TEXT,
        message TEXT NOT NULL,
        factors TEXT NOT NULL CHECK (json_valid(factors)),
        why TEXT NOT NULL,
        fix TEXT NOT NULL,
        docs TEXT NOT NULL,
        location TEXT CHECK (location IS NULL OR json_valid(location)),
        UNIQUE (scan_id, position)
      ) STRICT;

      CREATE INDEX findings_by_account ON findings (account_id, scan_id DESC);
      CREATE INDEX findings_by_check ON findings (check_id, scan_id DESC);
    `,
  },
  {
    version: 2,
    description: 'watch: rounds, the conditions last seen, alerts, and deliveries per channel',
    sql: `
      -- scope: what is watched (the inventory file's absolute path), so one store can watch several.
      CREATE TABLE watch_rounds (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('offline', 'scan')),
        started_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        tool_version TEXT NOT NULL
      ) STRICT;

      -- The conditions standing after the latest round of each scope: what the next round compares with.
      CREATE TABLE watch_conditions (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('finding', 'capability', 'date')),
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        -- Higher is worse; a rise is an alert, a fall is recorded quietly.
        rank INTEGER NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        account_id TEXT,
        round_id INTEGER NOT NULL REFERENCES watch_rounds (id) ON DELETE CASCADE,
        PRIMARY KEY (scope, key)
      ) STRICT;

      CREATE TABLE watch_alerts (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES watch_rounds (id) ON DELETE CASCADE,
        condition_key TEXT NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('new', 'worsened', 'reminder', 'resolved')),
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        account_id TEXT
      ) STRICT;

      -- One message per round per channel, written 'pending' before it is sent and 'sent' after: a crash in
      -- between sends it again next round, so nothing is lost and only the message in flight can repeat.
      -- The channel is a name only: its URL and key never reach the store.
      CREATE TABLE watch_deliveries (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES watch_rounds (id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT,
        UNIQUE (round_id, channel)
      ) STRICT;

      CREATE INDEX watch_rounds_by_scope ON watch_rounds (scope, id DESC);
      CREATE INDEX watch_deliveries_pending ON watch_deliveries (channel, status, id);
    `,
  },
  {
    version: 3,
    description:
      'watch: more kinds of condition (single points, lockout sets, payment, account state, stale facts) and the day each was last alerted on, for reminders',
    // SQLite cannot change a CHECK in place: the table is made again and its rows copied, each with the day of
    // its latest alert.
    sql: `
      CREATE TABLE watch_conditions_3 (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('finding', 'capability', 'single-point', 'lockout-set', 'payment',
          'account-state', 'date', 'stale-fact')),
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
        rank INTEGER NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        account_id TEXT,
        round_id INTEGER NOT NULL REFERENCES watch_rounds (id) ON DELETE CASCADE,
        -- The as-of day of the latest new, worsened or reminder alert on it: a reminder is due from there.
        alerted_on TEXT,
        PRIMARY KEY (scope, key)
      ) STRICT;

      INSERT INTO watch_conditions_3
        SELECT c.scope, c.key, c.kind, c.severity, c.rank, c.title, c.message, c.account_id, c.round_id,
          (SELECT MAX(r.as_of) FROM watch_alerts a JOIN watch_rounds r ON r.id = a.round_id
           WHERE r.scope = c.scope AND a.condition_key = c.key AND a.change <> 'resolved')
        FROM watch_conditions c;
      DROP TABLE watch_conditions;
      ALTER TABLE watch_conditions_3 RENAME TO watch_conditions;
    `,
  },
  {
    version: 4,
    description:
      'scans: the declared inventory each scan was judged against (JSON, credentials removed), so that diff tells inventory edits from changes in AWS',
    sql: `ALTER TABLE scans ADD COLUMN inventory TEXT;`,
  },
  {
    version: 5,
    description:
      'scans: the facts of the scans outside AWS run with it (GitHub, Google Workspace, Entra; JSON, credentials removed), for history and drift',
    sql: `ALTER TABLE scans ADD COLUMN outside TEXT;`,
  },
  {
    version: 6,
    description:
      'scans: a run outside AWS only (GitHub, Google Workspace, Entra) is saved too, with no AWS caller, region or stats',
    rebuildsScans: true,
    sql: `
      CREATE TABLE scans_6 (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        -- NULL together for a run that called no AWS API: nothing AWS is made up for it.
        caller_account_id TEXT,
        region TEXT,
        organization_id TEXT,
        organization TEXT CHECK (organization IS NULL OR json_valid(organization)),
        stats TEXT CHECK (stats IS NULL OR json_valid(stats)),
        tool_version TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        inventory TEXT,
        outside TEXT,
        CHECK ((caller_account_id IS NULL) = (region IS NULL) AND (caller_account_id IS NULL) = (stats IS NULL)),
        -- A run without AWS is one of the organisations outside it.
        CHECK (caller_account_id IS NOT NULL OR outside IS NOT NULL)
      ) STRICT;

      INSERT INTO scans_6
        SELECT id, started_at, finished_at, started_ms, caller_account_id, region, organization_id, organization,
               stats, tool_version, saved_at, inventory, outside
        FROM scans;
      DROP TABLE scans;
      ALTER TABLE scans_6 RENAME TO scans;
      CREATE INDEX scans_latest ON scans (started_ms DESC, id DESC);
    `,
  },
  {
    version: 7,
    description:
      "watch: a round's message is kept once, not once per channel, and only until every channel has it (its alerts stay in watch_alerts)",
    // An Organization's first round is 47 MB of JSON at 10,000 accounts: four channels kept it four times, for
    // good. The copies of one round were one string, so any is the message.
    sql: `
      CREATE TABLE watch_messages (
        round_id INTEGER PRIMARY KEY REFERENCES watch_rounds (id) ON DELETE CASCADE,
        payload TEXT NOT NULL CHECK (json_valid(payload))
      ) STRICT;
      INSERT INTO watch_messages
        SELECT round_id, min(payload) FROM watch_deliveries WHERE status = 'pending' GROUP BY round_id;

      CREATE TABLE watch_deliveries_7 (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES watch_rounds (id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT,
        UNIQUE (round_id, channel)
      ) STRICT;
      INSERT INTO watch_deliveries_7
        SELECT id, round_id, channel, status, attempts, last_error, sent_at FROM watch_deliveries;
      DROP TABLE watch_deliveries;
      ALTER TABLE watch_deliveries_7 RENAME TO watch_deliveries;
      CREATE INDEX watch_deliveries_pending ON watch_deliveries (channel, status, id);
    `,
  },
  {
    version: 8,
    description:
      'watch: a capability held only through ways of a day or more ("no fast way") ranks between at risk and lost: lost capabilities kept from earlier rounds move from rank 2 to 3, so that they do not alert again as worsened',
    sql: `UPDATE watch_conditions SET rank = 3 WHERE kind = 'capability' AND rank = 2;`,
  },
];

/** The schema version this code writes: the last migration's. */
export const schemaVersion = migrations.length;

/** The database's schema version (0 for a new, empty database). */
export function currentVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new Error(`PRAGMA user_version returned ${String(version)}`);
  return version;
}

/**
 * Brings the database up to the last migration of `list`, one transaction per migration; a no-op when it is
 * already there. Returns the versions applied.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`migration ${migration.version} is out of order: migrations must be numbered 1, 2, 3…`);
  });
  // Runs the next pending migration, re-reading the version under the write lock (BEGIN IMMEDIATE) so that
  // two processes opening a new database at once never both run the same one.
  const step = db.transaction((): number | 'again' | undefined => {
    const version = refuseNewer(db, currentVersion(db), list.length);
    const migration = list[version];
    if (migration === undefined) return undefined;
    // Another process moved on meanwhile to a rebuild this step has foreign keys on for: the loop turns them off.
    if (migration.rebuildsScans && db.pragma('foreign_keys', { simple: true }) === 1) return 'again';
    if (version === 0) {
      // Checked again under the write lock: a database without a schema version that already holds tables is
      // another application's, and creating Lockout's tables in it would spoil it.
      refuseNonEmpty(db);
      db.pragma(`application_id = ${LOCKOUT_APPLICATION_ID}`);
    }
    db.exec(migration.sql);
    if (migration.rebuildsScans && (db.pragma('foreign_key_check') as unknown[]).length > 0)
      throw new Error(`migration ${migration.version} left rows whose scan is gone`);
    // PRAGMA takes no bound parameters; the version is an integer from the list, checked above.
    db.pragma(`user_version = ${migration.version}`);
    return migration.version;
  });
  const applied: number[] = [];
  // An up-to-date database is checked without taking the write lock.
  let current: number;
  while ((current = refuseNewer(db, currentVersion(db), list.length)) < list.length) {
    // PRAGMA foreign_keys is a no-op inside a transaction: it is turned off before, and back after.
    const keysOff =
      list[current]?.rebuildsScans === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      const version = step.immediate();
      if (version === undefined) break;
      if (version !== 'again') applied.push(version);
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

function refuseNonEmpty(db: Database): void {
  const objects = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get();
  if ((objects as { n: number }).n > 0)
    throw new StoreError(
      'not-a-store',
      `${db.name}: not a Lockout store: the database already holds tables, none of them Lockout's`,
      'Lockout leaves it as it is. Name another file with --store.',
    );
}

function refuseNewer(db: Database, version: number, latest: number): number {
  if (version > latest)
    throw new StoreError(
      'newer-schema',
      `${db.name}: the database has schema version ${version}, newer than this Lockout knows (${latest})`,
      'Upgrade Lockout, or point LOCKOUT_HOME at another folder to start a new history.',
    );
  return version;
}
