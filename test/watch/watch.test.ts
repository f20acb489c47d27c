// `lockout watch --offline` rounds end to end: the inventory checked, its conditions compared with the last
// round in a real SQLite store, alerts posted to a signed webhook on 127.0.0.1, deliveries kept until sent.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { watchRound, webhookChannel, type AlertChannel, type WatchPayload } from '../../src/watch/index.js';
import { useWatchSandbox } from './sandbox.js';
import { smallTeam, withoutSecondRootKey } from './fixture.js';
import { startReceiver, verifySignature } from './receiver.js';

const key = 'test-key-not-a-secret';
const sandbox = useWatchSandbox('lockout-watch-', key, { openStore: true });

async function round(
  file: string,
  options: { asOf?: string; channels?: AlertChannel[]; dryRun?: boolean } = {},
) {
  const input = await readInventoryInput(file, options.asOf ? { asOf: options.asOf } : {});
  return watchRound({
    store: sandbox.store,
    input,
    channels: options.channels ?? [webhookChannel({ name: 'ops', url: sandbox.receiver.url, key })],
    retry: { attempts: 2, baseDelayMs: 5 },
    dryRun: options.dryRun ?? false,
  });
}

function payloads(): WatchPayload[] {
  return sandbox.receiver.received.map((message) => message.payload as WatchPayload);
}

describe('watch rounds', () => {
  it('sends the first round as a baseline, then nothing while nothing changes', async () => {
    const file = sandbox.writeInventory(smallTeam);
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(1);
    const second = await round(file);
    expect(second.alerts).toEqual([]);
    expect(sandbox.receiver.received).toHaveLength(1);
  });

  it('alerts once when a root MFA device is removed, not again next round, and resolves when it is back', async () => {
    const file = sandbox.writeInventory(smallTeam);
    await round(file);
    sandbox.writeInventory(withoutSecondRootKey());
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(2);
    // One message: the new single device named, and the common cause of the two keys in one safe gone with it.
    const single = 'finding:root-single-mfa-device:444455556666:key-mika';
    const commonCause = 'finding:common-cause:444455556666:key-mika,key-ren,office-safe';
    const findings = (payload: WatchPayload) =>
      payload.alerts.filter((a) => a.kind === 'finding').map((a) => [a.change, a.key]);
    expect(findings(payloads()[1]!)).toEqual([
      ['new', single],
      ['resolved', commonCause],
    ]);
    expect(payloads()[1]!.alerts.find((a) => a.key === single)!.message).toContain('YubiKey 5 NFC (Mika)');
    // Mika's key now stands alone: pairs with it are new lockout sets of two, and nothing resolves but the finding.
    const pairs = payloads()[1]!.alerts.filter((a) => a.kind === 'lockout-set');
    expect(pairs.length).toBeGreaterThan(0);
    // (or, for a pair that already took one capability, such as the one alert channel's, one more: worsened).
    expect(pairs.every((a) => ['new', 'worsened'].includes(a.change) && a.key.includes('mika'))).toBe(true);
    expect(pairs.some((a) => a.change === 'new')).toBe(true);

    await round(file);
    expect(sandbox.receiver.received).toHaveLength(2);

    sandbox.writeInventory(smallTeam);
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(3);
    expect(findings(payloads()[2]!)).toEqual([
      ['new', commonCause],
      ['resolved', single],
    ]);
    expect(
      payloads()[2]!
        .alerts.filter((a) => a.kind === 'lockout-set')
        .map((a) => a.key),
      // The new pairs resolve; one that had worsened only falls back, which is recorded without an alert.
    ).toEqual(pairs.filter((a) => a.change === 'new').map((a) => a.key));
  });

  it('reminds once per lead time of a card expiring 30 days ahead', async () => {
    // The corporate card expires 2025-07, valid through 2025-07-31.
    const file = sandbox.writeInventory(smallTeam);
    await round(file, { asOf: '2025-06-20' });
    const first = payloads()[0]!.alerts.find((a) => a.key === 'date:corporate-card:2025-07-31');
    expect(first).toMatchObject({ change: 'new', title: expect.stringContaining('60 days') as unknown });

    await round(file, { asOf: '2025-07-01' });
    expect(sandbox.receiver.received).toHaveLength(2);
    const reminders = payloads()[1]!.alerts;
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ key: 'date:corporate-card:2025-07-31', change: 'reminder' });
    expect(reminders[0]!.message).toContain('30 days');

    await round(file, { asOf: '2025-07-02' });
    expect(sandbox.receiver.received).toHaveLength(2);
  });

  it('keeps what a receiver that is down could not take, and sends it next round', async () => {
    const file = sandbox.writeInventory(smallTeam);
    sandbox.receiver.failWith = 503;
    const first = await round(file);
    expect(first.deliveries).toEqual([
      expect.objectContaining({
        channel: 'ops',
        status: 'failed',
        error: expect.stringContaining('503') as unknown,
      }),
    ]);
    expect(sandbox.receiver.received).toHaveLength(0);

    sandbox.receiver.failWith = undefined;
    const second = await round(file);
    expect(second.alerts).toEqual([]);
    expect(second.deliveries).toEqual([
      expect.objectContaining({ channel: 'ops', status: 'sent', roundId: first.roundId }),
    ]);
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(payloads()[0]!.round.id).toBe(first.roundId);

    await round(file);
    expect(sandbox.receiver.received).toHaveLength(1);
  });

  it('a receiver that is not listening in round 1 gets the message in round 2, once it is back', async () => {
    const file = sandbox.writeInventory(smallTeam);
    await sandbox.receiver.close();
    const first = await round(file);
    expect(first.deliveries).toEqual([
      expect.objectContaining({
        channel: 'ops',
        status: 'failed',
        error: 'could not connect (ECONNREFUSED)',
      }),
    ]);
    await sandbox.reopenReceiver();
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(payloads()[0]!.round.id).toBe(first.roundId);
    expect(sandbox.receiver.received[0]!.signatureValid).toBe(true);
  });

  it('retries within the round with doubling waits, and a channel that is down holds up no other', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const down = await startReceiver(key);
    down.failWith = 503;
    sandbox.receiver.failNext = 2;
    try {
      const input = await readInventoryInput(file, {});
      const started = Date.now();
      const outcome = await watchRound({
        store: sandbox.store,
        input,
        channels: [
          webhookChannel({ name: 'down', url: down.url, key }),
          webhookChannel({ name: 'ops', url: sandbox.receiver.url, key }),
        ],
        retry: { attempts: 4, baseDelayMs: 40 },
        dryRun: false,
      });
      const elapsed = Date.now() - started;
      // ops: refused twice, taken on the third attempt; down: refused four times, waits of 40, 80 and 160 ms.
      expect(sandbox.receiver.requests).toBe(3);
      expect(sandbox.receiver.received).toHaveLength(1);
      expect(down.requests).toBe(4);
      expect(outcome.deliveries).toEqual([
        expect.objectContaining({ channel: 'down', status: 'failed', attempts: 4 }),
        expect.objectContaining({ channel: 'ops', status: 'sent', attempts: 3 }),
      ]);
      expect(elapsed).toBeGreaterThanOrEqual(280);
    } finally {
      await down.close();
    }
  });

  it('gives up on a receiver that does not answer within the timeout, and keeps the message', async () => {
    const file = sandbox.writeInventory(smallTeam);
    sandbox.receiver.hold = true;
    const input = await readInventoryInput(file, {});
    const outcome = await watchRound({
      store: sandbox.store,
      input,
      channels: [webhookChannel({ name: 'ops', url: sandbox.receiver.url, key })],
      retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 200 },
      dryRun: false,
    });
    expect(outcome.deliveries).toEqual([
      expect.objectContaining({ channel: 'ops', status: 'failed', error: 'no answer within 0.2 s' }),
    ]);
    expect(sandbox.store.db.prepare('SELECT status, last_error FROM watch_deliveries').all()).toEqual([
      { status: 'pending', last_error: 'no answer within 0.2 s' },
    ]);
  });

  it('signs the body with HMAC-SHA256, and the payload follows its JSON Schema, worst first with counts', async () => {
    const file = sandbox.writeInventory(smallTeam);
    await round(file);
    const [message] = sandbox.receiver.received;
    expect(message!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(message!.signatureValid).toBe(true);
    expect(verifySignature(message!.body, message!.signature, 'another key')).toBe(false);
    expect(message!.delivery).toMatch(/^\d+$/);

    const schema: unknown = JSON.parse(
      readFileSync(new URL('../../schema/watch-payload.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(
      schema as object,
    );
    expect(validate(message!.payload), JSON.stringify(validate.errors)).toBe(true);

    const payload = payloads()[0]!;
    const ranks = payload.alerts.map((a) =>
      ['critical', 'high', 'medium', 'low', 'info'].indexOf(a.severity),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(payload.counts.new).toBe(payload.alerts.length);
    expect(
      payload.counts.critical +
        payload.counts.high +
        payload.counts.medium +
        payload.counts.low +
        payload.counts.info,
    ).toBe(payload.alerts.length);
  });

  it('writes a delivery as pending before sending and marks it sent after', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const seen: string[] = [];
    const input = await readInventoryInput(file, {});
    const outcome = await watchRound({
      store: sandbox.store,
      input,
      channels: [webhookChannel({ name: 'ops', url: sandbox.receiver.url, key })],
      retry: { attempts: 1, baseDelayMs: 1 },
      dryRun: false,
      beforeSend: () => {
        const row = sandbox.store.db.prepare('SELECT status FROM watch_deliveries').get() as {
          status: string;
        };
        seen.push(row.status);
      },
    });
    expect(seen).toEqual(['pending']);
    expect(outcome.deliveries[0]!.status).toBe('sent');
    const rows = sandbox.store.db.prepare('SELECT status FROM watch_deliveries').all();
    expect(rows).toEqual([{ status: 'sent' }]);
  });

  it('a round killed after sending, before marking, sends that one message again and nothing else', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const input = await readInventoryInput(file, {});
    const crash = new Error('killed');
    await expect(
      watchRound({
        store: sandbox.store,
        input,
        channels: [webhookChannel({ name: 'ops', url: sandbox.receiver.url, key })],
        retry: { attempts: 1, baseDelayMs: 1 },
        dryRun: false,
        afterSend: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(sandbox.receiver.received).toHaveLength(1);
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(2);
    expect(sandbox.receiver.received[1]!.body).toBe(sandbox.receiver.received[0]!.body);
    await round(file);
    expect(sandbox.receiver.received).toHaveLength(2);
  });

  it('--dry-run sends nothing, records nothing, and shows the channel masked', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const outcome = await round(file, { dryRun: true });
    expect(sandbox.receiver.received).toHaveLength(0);
    expect(sandbox.store.db.prepare('SELECT count(*) AS n FROM watch_rounds').get()).toEqual({ n: 0 });
    expect(sandbox.store.db.prepare('SELECT count(*) AS n FROM watch_conditions').get()).toEqual({ n: 0 });
    expect(outcome.preview).not.toContain(sandbox.receiver.url);
    expect(outcome.preview).not.toContain(key);
    expect(outcome.preview).toContain('http://127.0.0.1:****');
    expect(outcome.alerts.length).toBeGreaterThan(0);
  });
});
