// A round's message is kept once for all its channels, and only until the last of them has it (store
// migration 7): an Organization's first round is 47 MB of JSON, which four channels kept four times, for good.
// Its alerts stay in watch_alerts either way. A store written before keeps what is still pending.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { migrate, migrations, openStore, type Store } from '../../src/store/index.js';
import { pendingDeliveries } from '../../src/watch/state.js';
import { watchRound, webhookChannel } from '../../src/watch/index.js';
import { insertRound, smallTeam, withoutSecondRootKey } from './fixture.js';
import { startReceiver, type Receiver } from './receiver.js';

const key = 'test-key-not-a-secret';
let dir: string;
let store: Store;
let up: Receiver;
let down: Receiver;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockout-watch-message-'));
  store = openStore(join(dir, 'lockout.db'));
  up = await startReceiver(key);
  down = await startReceiver(key);
});

afterEach(async () => {
  store.close();
  await up.close();
  await down.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string): number => store.db.prepare(sql).pluck().get() as number;

describe("a round's message in the store", () => {
  it('is one row for every channel, kept while one of them waits, gone once all have it; the alerts stay', async () => {
    const file = join(dir, 'lockout.yaml');
    writeFileSync(file, smallTeam);
    down.failWith = 503;
    const round = async () =>
      watchRound({
        store,
        input: await readInventoryInput(file, {}),
        channels: [
          webhookChannel({ name: 'up', url: up.url, key }),
          webhookChannel({ name: 'down', url: down.url, key }),
        ],
        retry: { attempts: 1, baseDelayMs: 1 },
        dryRun: false,
      });
    const first = await round();
    expect(first.deliveries.map((delivery) => [delivery.channel, delivery.status])).toEqual([
      ['up', 'sent'],
      ['down', 'failed'],
    ]);
    expect(count('SELECT count(*) FROM watch_messages')).toBe(1);
    expect(count('SELECT count(*) FROM watch_deliveries')).toBe(2);
    // What is still to send is what `up` got (an offline round watches the file's absolute path).
    expect(pendingDeliveries(store, resolve(file), 'down')).toEqual([
      expect.objectContaining({ roundId: first.roundId, payload: up.received[0]!.body }),
    ]);

    down.failWith = undefined;
    writeFileSync(file, withoutSecondRootKey());
    await round();
    expect(down.received.map((message) => (message.payload as { round: { id: number } }).round.id)).toEqual([
      first.roundId,
      first.roundId! + 1,
    ]);
    expect(count('SELECT count(*) FROM watch_messages')).toBe(0);
    expect(count("SELECT count(*) FROM watch_deliveries WHERE status = 'sent'")).toBe(4);
    expect(count('SELECT count(*) FROM watch_alerts')).toBeGreaterThan(first.alerts.length);
  });
});

it('migration 7 keeps the message of a delivery still pending, once, and forgets those sent', () => {
  const path = join(dir, 'old.db');
  const db = new Sqlite(path);
  migrate(db, migrations.slice(0, 6));
  const sentRound = insertRound(db, '2026-01-05');
  const pendingRound = insertRound(db, '2026-01-12');
  const delivery = db.prepare(
    'INSERT INTO watch_deliveries (round_id, channel, payload, status, attempts) VALUES (?, ?, ?, ?, ?)',
  );
  delivery.run(sentRound, 'ops', '{"round":1}', 'sent', 1);
  delivery.run(pendingRound, 'ops', '{"round":2}', 'pending', 3);
  delivery.run(pendingRound, 'email:ops', '{"round":2}', 'sent', 1);
  db.close();

  const migrated = openStore(path);
  try {
    expect(migrated.db.prepare('SELECT round_id, payload FROM watch_messages').all()).toEqual([
      { round_id: pendingRound, payload: '{"round":2}' },
    ]);
    expect(
      migrated.db
        .prepare('SELECT round_id, channel, status, attempts FROM watch_deliveries ORDER BY id')
        .all(),
    ).toEqual([
      { round_id: sentRound, channel: 'ops', status: 'sent', attempts: 1 },
      { round_id: pendingRound, channel: 'ops', status: 'pending', attempts: 3 },
      { round_id: pendingRound, channel: 'email:ops', status: 'sent', attempts: 1 },
    ]);
    expect(pendingDeliveries(migrated, 's', 'ops')).toEqual([
      { id: 2, roundId: pendingRound, channel: 'ops', payload: '{"round":2}' },
    ]);
  } finally {
    migrated.close();
  }
});
