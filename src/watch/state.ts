/** What a watch keeps in the store (tables of migration 2): rounds, the conditions standing, alerts, and
 * deliveries waiting or sent. Names of channels only: their URLs and keys are never written. */
import type { Store } from '../store/index.js';
import type { Alert } from './compare.js';
import type { Condition } from './conditions.js';

interface ConditionRow {
  key: string;
  kind: Condition['kind'];
  severity: Condition['severity'];
  rank: number;
  title: string;
  message: string;
  account_id: string | null;
  alerted_on: string | null;
}

export function standingConditions(store: Store, scope: string): Condition[] {
  // A dry run reads a store as it finds it: one older than migration 3 has no alerted_on yet.
  const columns = store.db.pragma('table_info(watch_conditions)') as { name: string }[];
  const alertedOn = columns.some((column) => column.name === 'alerted_on') ? 'alerted_on' : 'NULL';
  const rows = store.db
    .prepare(
      `SELECT key, kind, severity, rank, title, message, account_id, ${alertedOn} AS alerted_on
       FROM watch_conditions WHERE scope = ? ORDER BY key`,
    )
    .all(scope) as ConditionRow[];
  return rows.map((row) => ({
    key: row.key,
    kind: row.kind,
    severity: row.severity,
    rank: row.rank,
    title: row.title,
    message: row.message,
    ...(row.account_id === null ? {} : { accountId: row.account_id }),
    ...(row.alerted_on === null ? {} : { alertedOn: row.alerted_on }),
  }));
}

export interface RoundRecord {
  scope: string;
  mode: 'offline' | 'scan';
  startedAt: string;
  asOf: string;
  toolVersion: string;
}

/**
 * Records a round in one write transaction: the conditions standing are read and compared under the lock (two
 * rounds run at once do not both alert on one change), then the round, its alerts, the conditions now standing,
 * and one pending delivery per channel when there is something to say. `payloadOf` builds each delivery's
 * message once the round has its id.
 */
export function recordRound(
  store: Store,
  round: RoundRecord,
  current: readonly Condition[],
  compare: (previous: Condition[]) => Alert[],
  channels: readonly string[],
  payloadOf: (roundId: number, alerts: readonly Alert[]) => string,
): { roundId: number; alerts: Alert[] } {
  const db = store.db;
  return db
    .transaction((): { roundId: number; alerts: Alert[] } => {
      const previous = standingConditions(store, round.scope);
      const alerts = compare(previous);
      // The day each condition was last alerted on, for reminders: this round's, else the one it had.
      const alertedOn = new Map(previous.map((condition) => [condition.key, condition.alertedOn]));
      for (const alert of alerts) if (alert.change !== 'resolved') alertedOn.set(alert.key, round.asOf);
      const roundId = Number(
        db
          .prepare(
            'INSERT INTO watch_rounds (scope, mode, started_at, as_of, tool_version) VALUES (?, ?, ?, ?, ?)',
          )
          .run(round.scope, round.mode, round.startedAt, round.asOf, round.toolVersion).lastInsertRowid,
      );
      const insertAlert = db.prepare(
        `INSERT INTO watch_alerts (round_id, condition_key, change, severity, title, message, account_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const alert of alerts)
        insertAlert.run(
          roundId,
          alert.key,
          alert.change,
          alert.severity,
          alert.title,
          alert.message,
          alert.accountId ?? null,
        );
      // The standing conditions are replaced whole: an improvement is remembered quietly, so only a later
      // worsening alerts again.
      db.prepare('DELETE FROM watch_conditions WHERE scope = ?').run(round.scope);
      const insertCondition = db.prepare(
        `INSERT INTO watch_conditions
           (scope, key, kind, severity, rank, title, message, account_id, round_id, alerted_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const c of current)
        insertCondition.run(
          round.scope,
          c.key,
          c.kind,
          c.severity,
          c.rank,
          c.title,
          c.message,
          c.accountId ?? null,
          roundId,
          alertedOn.get(c.key) ?? null,
        );
      if (alerts.length > 0 && channels.length > 0) {
        // The message once, for every channel: kept until the last of them has it.
        db.prepare('INSERT INTO watch_messages (round_id, payload) VALUES (?, ?)').run(
          roundId,
          payloadOf(roundId, alerts),
        );
        const insertDelivery = db.prepare(
          "INSERT INTO watch_deliveries (round_id, channel, status) VALUES (?, ?, 'pending')",
        );
        for (const channel of channels) insertDelivery.run(roundId, channel);
      }
      return { roundId, alerts };
    })
    .immediate();
}

export interface PendingDelivery {
  id: number;
  roundId: number;
  channel: string;
  payload: string;
}

/** Deliveries of this scope's rounds still waiting for `channel`, oldest first. */
export function pendingDeliveries(store: Store, scope: string, channel: string): PendingDelivery[] {
  return store.db
    .prepare(
      `SELECT d.id AS id, d.round_id AS roundId, d.channel AS channel, m.payload AS payload
       FROM watch_deliveries d JOIN watch_rounds r ON r.id = d.round_id
         JOIN watch_messages m ON m.round_id = d.round_id
       WHERE r.scope = ? AND d.channel = ? AND d.status = 'pending' ORDER BY d.id`,
    )
    .all(scope, channel) as PendingDelivery[];
}

/** Marks a delivery sent; once every channel has the round's message, it is not kept (its alerts are). */
export function markSent(store: Store, id: number, attempts: number, sentAt: string): void {
  const { db } = store;
  db.transaction(() => {
    db.prepare(
      "UPDATE watch_deliveries SET status = 'sent', attempts = attempts + ?, sent_at = ?, last_error = NULL WHERE id = ?",
    ).run(attempts, sentAt, id);
    db.prepare(
      `DELETE FROM watch_messages WHERE round_id = (SELECT round_id FROM watch_deliveries WHERE id = ?)
         AND NOT EXISTS (SELECT 1 FROM watch_deliveries d
                         WHERE d.round_id = watch_messages.round_id AND d.status = 'pending')`,
    ).run(id);
  }).immediate();
}

export function markFailed(store: Store, id: number, attempts: number, error: string): void {
  store.db
    .prepare('UPDATE watch_deliveries SET attempts = attempts + ?, last_error = ? WHERE id = ?')
    .run(attempts, error, id);
}
