// `lockout watch --every`: the bundled command in a child process runs rounds on a schedule of every second,
// skips a round due while the last is still sending (and says so), and on SIGTERM finishes the send in flight,
// then exits 0 with everything recorded. An invalid cron expression is one line naming the option, exit 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/bundle.mjs';
import { runSchedule } from '../../src/cli/watch-command.js';
import { cli } from '../support/cli.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Two levels below the repository, as dist/bundle: the bundle finds examples/ at ../../.
const outdir = path.join(repoRoot, 'dist', `watch-every-test-${process.pid}`);
const smallTeam = readFileSync(path.join(repoRoot, 'examples', 'small-team.yaml'), 'utf8');
// The management account's second root key, as declared in the example.
const secondRootKey = `        - type: fido
          heldBy: key-ren
          verified: 2025-05-12
`;
let dir: string;

beforeAll(async () => {
  await bundle(outdir);
  const bin = readFileSync(path.join(repoRoot, 'bin', 'lockout.js'), 'utf8');
  writeFileSync(path.join(outdir, 'bin.js'), bin.replace("'../dist/bundle/lockout.js'", "'./lockout.js'"));
  dir = mkdtempSync(path.join(tmpdir(), 'lockout-watch-every-'));
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A receiver whose answer to each request waits as long as `delay` says, and that reports each arrival. */
async function slowReceiver(delay: (index: number) => number, onRequest: (index: number) => void) {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const index = requests++;
      onRequest(index);
      setTimeout(() => response.writeHead(204).end(), delay(index));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function table(store: string, sql: string): unknown[] {
  const db = new Sqlite(store, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 40_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function roundCount(store: string): number {
  try {
    return (table(store, 'SELECT COUNT(*) AS n FROM watch_rounds')[0] as { n: number }).n;
  } catch {
    return 0; // not created yet
  }
}

describe('lockout watch --every', () => {
  it('runs rounds every second without overlap, and on SIGTERM finishes the send in flight and exits 0', async () => {
    const inventory = path.join(dir, 'lockout.yaml');
    writeFileSync(inventory, smallTeam);
    const store = path.join(dir, 'lockout.db');
    let child: ChildProcess | undefined;
    // The first message (the baseline) is answered after 2.5 s: the rounds due meanwhile are skipped. The
    // second message is answered 1 s after SIGTERM is sent, which the process must wait for.
    const receiver = await slowReceiver(
      (index) => (index === 0 ? 2_500 : 1_000),
      (index) => {
        if (index === 1) child?.kill('SIGTERM');
      },
    );
    try {
      let stdout = '';
      let stderr = '';
      child = spawn(
        process.execPath,
        [
          path.join(outdir, 'bin.js'),
          'watch',
          '--offline',
          inventory,
          '--store',
          store,
          '--webhook',
          'ops',
          '--every',
          '* * * * * *',
        ],
        {
          env: {
            ...process.env,
            LOCKOUT_WEBHOOK_OPS_URL: receiver.url,
            LOCKOUT_WEBHOOK_OPS_KEY: 'every-key',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        child!.on('exit', (code, signal) => {
          resolve({ code, signal });
        });
      });

      await until('two rounds', () => roundCount(store) >= 2);
      expect(stderr).toMatch(/round due at \S+ skipped: the previous round is still running/);
      // Rounds never overlap: round 2 started after round 1's message was answered.
      expect(receiver.requests()).toBe(1);
      // The store records a round before its summary reaches this process through the pipe.
      await until('round 2 printed', () => stdout.includes('Round 2: no change, nothing to send'));

      // A change: the next round sends, and SIGTERM arrives while that message is in flight.
      // Written whole then renamed: a round never reads half a file.
      writeFileSync(`${inventory}.new`, smallTeam.replace(secondRootKey, ''));
      renameSync(`${inventory}.new`, inventory);
      const result = await exited;
      expect(result).toEqual({ code: 0, signal: null });
      expect(stderr).toContain('lockout: watch: stopping after the round in progress');
      expect(stderr).toContain('lockout: watch: stopped');
      expect(stderr).not.toContain('    at ');
      expect(receiver.requests()).toBe(2);
      // Both messages were answered and recorded as sent: nothing is left pending.
      const deliveries = table(store, 'SELECT status FROM watch_deliveries ORDER BY id');
      expect(deliveries).toEqual([{ status: 'sent' }, { status: 'sent' }]);
      expect(roundCount(store)).toBeGreaterThanOrEqual(3);
    } finally {
      if (child?.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
    }
  }, 90_000);

  it('refuses an invalid cron expression in one line naming the option, exit 2', async () => {
    const result = await cli([
      'watch',
      '--offline',
      '--example',
      'small-team',
      '--dry-run',
      '--every',
      '61 * * * *',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^lockout: --every "61 \* \* \* \*": not a cron expression \(/);
    expect(result.stderr).not.toContain('    at ');
    expect(result.stdout).toBe('');
  });

  it('skips a round due while the last still runs, and logs it; stopping waits for the round in progress', async () => {
    const logs: string[] = [];
    const printed: string[] = [];
    let running = 0;
    let most = 0;
    let started = 0;
    const stop = new AbortController();
    const finished = runSchedule(
      '* * * * * *',
      async () => {
        started += 1;
        running += 1;
        most = Math.max(most, running);
        // Each round takes 2.2 s: the two ticks due meanwhile are skipped.
        await new Promise((resolve) => setTimeout(resolve, 2_200));
        running -= 1;
        if (started === 2) stop.abort();
        return { output: `round ${started}\n`, exitCode: 0 };
      },
      { print: (text) => printed.push(text), log: (line) => logs.push(line) },
      stop.signal,
    );
    expect(await finished).toBe(0);
    expect(started).toBe(2);
    expect(most).toBe(1);
    expect(printed).toEqual(['round 1\n', 'round 2\n']);
    expect(
      logs.filter((line) => line.includes('skipped: the previous round is still running')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(logs.at(-1)).toBe('lockout: watch: stopped');
  }, 20_000);
});
