// `lockout watch` as a user runs it: channels from the environment or a secrets file, exit codes, what the
// log says, and nothing secret printed.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../src/store/index.js';
import { cli } from '../support/cli.js';
import { smallTeam } from './fixture.js';
import { useWatchSandbox } from './sandbox.js';

const key = 'cli-test-key-0123456789';
const sandbox = useWatchSandbox('lockout-watch-cli-', key, { opsWebhookEnv: true });

beforeEach(() => {
  sandbox.writeInventory(smallTeam);
});

const watch = (...extra: string[]) =>
  cli([
    'watch',
    '--offline',
    sandbox.inventoryFile,
    '--store',
    sandbox.storeFile,
    '--webhook',
    'ops',
    '--retry-delay',
    '0.01',
    ...extra,
  ]);

describe('lockout watch', () => {
  it('runs a round, sends one signed message, and sends nothing the next round', async () => {
    const first = await watch();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Round 1: \d+ alerts? \(\d+ new/);
    expect(first.stdout).toContain('ops: sent round 1');
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(sandbox.receiver.received[0]!.signatureValid).toBe(true);

    const second = await watch();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Round 2: no change, nothing to send');
    expect(sandbox.receiver.received).toHaveLength(1);
    // The store knows the channel by its name only.
    for (const file of [sandbox.storeFile, `${sandbox.storeFile}-wal`].filter((name) => existsSync(name))) {
      const bytes = readFileSync(file);
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(sandbox.receiver.url)).toBe(false);
      expect(bytes.includes('ops')).toBe(true);
    }
  });

  it('--dry-run prints the message masked, sends nothing and creates no store', async () => {
    const result = await watch('--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run');
    expect(result.stdout).toContain('webhook http://127.0.0.1:****/****, key ****');
    expect(result.stdout).not.toContain(sandbox.receiver.url);
    expect(result.stdout).not.toContain(key);
    expect(sandbox.receiver.received).toHaveLength(0);
    expect(existsSync(sandbox.storeFile)).toBe(false);
  });

  it('names the channel that failed, exits 4, and delivers next round', async () => {
    sandbox.receiver.failWith = 503;
    const first = await watch('--retries', '2');
    expect(first.code).toBe(4);
    expect(first.stderr).toContain('lockout: watch: channel ops: round 1 not delivered after 3 attempts');
    expect(first.stderr).toContain('HTTP 503');
    expect(sandbox.receiver.requests).toBe(3);
    expect(first.stderr).not.toContain(sandbox.receiver.url);
    const before = readFileSync(sandbox.storeFile);
    const dryRun = await watch('--dry-run');
    expect(dryRun.stderr).toBe('');
    expect(dryRun.stdout).toContain('no message for this round, 1 pending from earlier rounds');
    expect(readFileSync(sandbox.storeFile).equals(before)).toBe(true);
    sandbox.receiver.failWith = undefined;
    const second = await watch();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ops: sent round 1');
    expect(sandbox.receiver.received).toHaveLength(1);
  });

  it('refuses a channel without its URL or key, naming the variables', async () => {
    delete process.env.LOCKOUT_WEBHOOK_OPS_KEY;
    const missing = await watch();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('webhook channel ops: LOCKOUT_WEBHOOK_OPS_KEY not set');
    expect(missing.stderr).not.toContain('    at ');

    const badName = await watch('--webhook', 'ops$(x)');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--webhook ops$(x): a channel name is letters, digits, - and _');
  });

  it('refuses a plain-http URL to another host without printing it', async () => {
    process.env.LOCKOUT_WEBHOOK_OPS_URL = 'http://hooks.example.test/secret-path';
    const result = await watch();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LOCKOUT_WEBHOOK_OPS_URL: the webhook URL must be https');
    expect(result.stderr).not.toContain('secret-path');
  });

  it('reads channels from a secrets file, and names its line and column when it is wrong', async () => {
    delete process.env.LOCKOUT_WEBHOOK_OPS_URL;
    delete process.env.LOCKOUT_WEBHOOK_OPS_KEY;
    const secrets = join(sandbox.dir, 'secrets.yaml');
    writeFileSync(secrets, `webhooks:\n  ops:\n    url: ${sandbox.receiver.url}\n    key: ${key}\n`);
    chmodSync(secrets, 0o644);
    const good = await watch('--secrets-file', secrets);
    expect(good.code).toBe(0);
    expect(good.stderr).toBe(
      `lockout: watch: warning: ${secrets} can be read by other users (mode 644): chmod 600 it\n`,
    );
    chmodSync(secrets, 0o600);
    expect((await watch('--secrets-file', secrets)).stderr).toBe('');
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(sandbox.receiver.received[0]!.signatureValid).toBe(true);

    writeFileSync(secrets, `webhooks:\n  ops:\n    url: ${sandbox.receiver.url}\n    key: 12\n`);
    const bad = await watch('--secrets-file', secrets);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${secrets}:4:10: webhooks.ops.key: expected a non-empty string`);
  });

  it('takes lead times for expiries, and refuses ones that are not days', async () => {
    const result = await watch('--as-of', '2025-07-25', '--lead-days', '10,3', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('expires within 10 days');
    const bad = await watch('--lead-days', '10,soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lead-days');
  });

  it("judges the facts at today, not at the inventory's asOf, so dates come nearer from round to round", async () => {
    // small-team.yaml declares asOf: 2025-06-01; a watch run from cron must see the days pass.
    const result = await watch();
    expect(result.code).toBe(0);
    const payload = sandbox.receiver.received[0]!.payload as { round: { asOf: string } };
    expect(payload.round.asOf).toBe(new Date().toISOString().slice(0, 10));
    const pinned = await watch('--as-of', '2025-06-01', '--dry-run');
    expect(pinned.stdout).toContain('"asOf": "2025-06-01"');
  });

  it('--dry-run changes nothing in an existing store, not even its schema', async () => {
    // A store as an earlier Lockout left it: scans only, schema version 1.
    const db = new Sqlite(sandbox.storeFile);
    migrate(db, migrations.slice(0, 1));
    db.close();
    const before = readFileSync(sandbox.storeFile);
    const result = await watch('--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run');
    expect(readFileSync(sandbox.storeFile).equals(before)).toBe(true);
    expect(existsSync(`${sandbox.storeFile}-wal`)).toBe(false);
  });
});
