// kill -9 in the middle of sending: the bundled `lockout watch` is killed while the receiver holds its
// message unanswered. Nothing is lost: the next round sends that same message again (the one in flight,
// the only repeat), and the round after sends nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundle } from '../../scripts/bundle.mjs';
import { startReceiver } from './receiver.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Two levels below the repository, as dist/bundle: the bundle finds examples/ at ../../.
const outdir = path.join(repoRoot, 'dist', `watch-test-${process.pid}`);
const key = 'kill-test-key';
let dir: string;

beforeAll(async () => {
  await bundle(outdir);
  const bin = readFileSync(path.join(repoRoot, 'bin', 'lockout.js'), 'utf8');
  writeFileSync(path.join(outdir, 'bin.js'), bin.replace("'../dist/bundle/lockout.js'", "'./lockout.js'"));
  dir = mkdtempSync(path.join(tmpdir(), 'lockout-watch-kill-'));
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function start(url: string, store: string, inventory: string): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(outdir, 'bin.js'), 'watch', '--offline', inventory, '--store', store, '--webhook', 'ops'],
    {
      env: { ...process.env, LOCKOUT_WEBHOOK_OPS_URL: url, LOCKOUT_WEBHOOK_OPS_KEY: key },
      stdio: 'ignore',
    },
  );
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

function deliveries(store: string): unknown[] {
  const db = new Sqlite(store, { readonly: true });
  try {
    return db.prepare('SELECT round_id, channel, status FROM watch_deliveries ORDER BY id').all();
  } finally {
    db.close();
  }
}

it('kill -9 while a message is in flight loses nothing and repeats only that message', async () => {
  const receiver = await startReceiver(key);
  const inventory = path.join(dir, 'lockout.yaml');
  writeFileSync(inventory, readFileSync(path.join(repoRoot, 'examples', 'small-team.yaml'), 'utf8'));
  const store = path.join(dir, 'lockout.db');
  try {
    receiver.hold = true;
    const child = start(receiver.url, store, inventory);
    receiver.onReceive = () => {
      child.kill('SIGKILL');
    };
    expect(await ended(child)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(receiver.received).toHaveLength(1);
    expect(deliveries(store)).toEqual([{ round_id: 1, channel: 'ops', status: 'pending' }]);

    receiver.hold = false;
    receiver.onReceive = undefined;
    expect((await ended(start(receiver.url, store, inventory))).code).toBe(0);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(receiver.received[1]!.delivery).toBe(receiver.received[0]!.delivery);
    expect(receiver.received[1]!.signatureValid).toBe(true);
    expect(deliveries(store)).toEqual([{ round_id: 1, channel: 'ops', status: 'sent' }]);

    expect((await ended(start(receiver.url, store, inventory))).code).toBe(0);
    expect(receiver.received).toHaveLength(2);
  } finally {
    await receiver.close();
  }
}, 60_000);
