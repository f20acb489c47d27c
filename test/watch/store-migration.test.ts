// Migrations on a store an earlier `lockout watch` left: 3 keeps the conditions standing, each with the day of
// its latest alert (from which a reminder is due), and takes the new kinds; 8 moves the lost capabilities kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate, migrations, openStore } from '../../src/store/index.js';
import { capabilityRanks } from '../../src/watch/conditions.js';
import { standingConditions } from '../../src/watch/state.js';
import { insertRound } from './fixture.js';

/** A store file with the first `upTo` migrations applied (as an earlier Lockout left it), removed after `use`. */
function withEarlierStore(upTo: number, use: (path: string, db: Sqlite.Database) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'lockout-watch-migration-'));
  const path = join(dir, 'lockout.db');
  try {
    const db = new Sqlite(path);
    migrate(db, migrations.slice(0, upTo));
    use(path, db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('keeps the standing conditions with the day of their latest alert, and takes the new kinds', () => {
  withEarlierStore(2, (path, db) => {
    const round = (asOf: string) => insertRound(db, asOf);
    const first = round('2026-01-05');
    const second = round('2026-01-12');
    const alert = db.prepare(
      "INSERT INTO watch_alerts (round_id, condition_key, change, severity, title, message) VALUES (?, ?, ?, 'high', 't', 'm')",
    );
    alert.run(first, 'finding:a', 'new');
    alert.run(second, 'date:card:2026-02-28', 'reminder');
    alert.run(first, 'date:card:2026-02-28', 'new');
    const condition = db.prepare(
      "INSERT INTO watch_conditions (scope, key, kind, severity, rank, title, message, round_id) VALUES ('s', ?, ?, 'high', 1, 't', 'm', ?)",
    );
    condition.run('finding:a', 'finding', second);
    condition.run('date:card:2026-02-28', 'date', second);
    condition.run('capability:x', 'capability', second);
    db.close();

    const store = openStore(path);
    try {
      expect(standingConditions(store, 's').map((c) => [c.key, c.alertedOn])).toEqual([
        ['capability:x', undefined],
        ['date:card:2026-02-28', '2026-01-12'],
        ['finding:a', '2026-01-05'],
      ]);
      store.db
        .prepare(
          "INSERT INTO watch_conditions (scope, key, kind, severity, rank, title, message, round_id, alerted_on) VALUES ('s', 'stale-fact:factor:f', 'stale-fact', 'low', 1, 't', 'm', ?, '2026-01-12')",
        )
        .run(second);
      expect(() =>
        store.db
          .prepare(
            "INSERT INTO watch_conditions (scope, key, kind, severity, rank, title, message, round_id) VALUES ('s', 'k', 'gossip', 'low', 1, 't', 'm', ?)",
          )
          .run(second),
      ).toThrow(/CHECK constraint/);
    } finally {
      store.close();
    }
  });
});

// Migration 8: "no fast way" ranks 2 between at risk (1) and lost, which moves from 2 to 3. A lost capability a
// round before the upgrade kept must not alert as worsened after it; nothing else moves.
it('moves the lost capabilities kept from rank 2 to 3, and nothing else', () => {
  withEarlierStore(7, (path, db) => {
    const round = insertRound(db, '2026-01-05');
    const condition = db.prepare(
      "INSERT INTO watch_conditions (scope, key, kind, severity, rank, title, message, round_id) VALUES ('s', ?, ?, 'high', ?, 't', 'm', ?)",
    );
    condition.run('capability:lost', 'capability', 2, round);
    condition.run('capability:at-risk', 'capability', 1, round);
    condition.run('date:card:2026-02-28', 'date', 2, round);
    db.close();

    const store = openStore(path);
    try {
      expect(standingConditions(store, 's').map((c) => [c.key, c.rank])).toEqual([
        ['capability:at-risk', capabilityRanks.atRisk],
        ['capability:lost', capabilityRanks.lost],
        ['date:card:2026-02-28', 2],
      ]);
    } finally {
      store.close();
    }
  });
});
