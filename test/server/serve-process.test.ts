/**
 * `lockout serve` as a process (the esbuild bundle bin/lockout.js starts, built here into a folder of its own):
 * a port that cannot be used is a mistake of the user's — one message, exit 2, no stack trace — and the
 * process ends, with no file watcher left to keep it alive.
 */

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/bundle.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Two levels below the repository, as dist/bundle: the bundle finds web/ and examples/ at ../../.
const outdir = path.join(repoRoot, 'dist', `serve-test-${process.pid}`);
const example = path.join(repoRoot, 'examples', 'small-team.yaml');

/** How long a refused start may take, start-up of the bundle included. */
const EXIT_WITHIN_MS = 10_000;

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the bundled command; kills it and says so if it has not ended within `EXIT_WITHIN_MS`. */
function runServe(args: readonly string[]): Promise<Ended> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(outdir, 'bin.js'), 'serve', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${EXIT_WITHIN_MS} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, EXIT_WITHIN_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function inventoryCopy(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lockout-serve-')), 'lockout.yaml');
  copyFileSync(example, file);
  return file;
}

/** A port of 127.0.0.1 held by another listener for the test. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

beforeAll(async () => {
  await bundle(outdir);
  const bin = readFileSync(path.join(repoRoot, 'bin', 'lockout.js'), 'utf8');
  writeFileSync(path.join(outdir, 'bin.js'), bin.replace("'../dist/bundle/lockout.js'", "'./lockout.js'"));
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('lockout serve with a port it cannot use', () => {
  it.each([['70000'], ['65536']])(
    '--port %s: a message, exit 2, and the process ends',
    async (port) => {
      const ended = await runServe([inventoryCopy(), '--port', port]);
      expect(ended.stderr).toContain(`--port ${port}`);
      expect(ended.stderr).toContain('0 to 65535');
      expect(ended.stderr).not.toMatch(/\n\s+at /);
      expect(ended.code).toBe(2);
    },
    20_000,
  );

  it('a port in use: names it and another to try, exit 2, and the process ends (the watcher closed)', async () => {
    const { port, server } = await occupiedPort();
    try {
      // A file, not an example: the file is watched for changes.
      const ended = await runServe([inventoryCopy(), '--port', String(port)]);
      expect(ended.stderr).toMatch(new RegExp(`port ${port} is in use; try --port \\d+ or 0`));
      const suggested = Number(/try --port (\d+)/.exec(ended.stderr)?.[1]);
      expect(suggested).not.toBe(port);
      expect(ended.stderr).not.toMatch(/\n\s+at /);
      expect(ended.code).toBe(2);
    } finally {
      server.close();
    }
  }, 20_000);
});
