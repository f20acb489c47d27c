// Test support: run Python's moto (an AWS API emulator) as a local server, one per test file.
//
//   let moto: MotoServer;
//   beforeAll(async () => { moto = await startMotoServer(); });
//   afterAll(async () => { await moto.stop(); });
//   beforeEach(async () => { await resetMoto(moto.url); });
//
// The server listens on 127.0.0.1 only, and every client made through motoClientConfig() points at it with fake
// static credentials. startMotoServer() also sets the AWS environment variables of this process so that a client
// made without an endpoint or credentials (by the code under test, say) still reaches the emulator and never a
// real credential chain: AWS_ENDPOINT_URL, fake AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_REGION, no profile,
// config files that do not exist, and AWS_EC2_METADATA_DISABLED. stop() puts the previous values back.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** The region every emulated client uses. */
export const MOTO_REGION = 'us-east-1';

/** moto's default account: requests signed with credentials moto does not know act in this account. */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

/** Fake static credentials: moto accepts any; these belong to no real principal. */
export const FAKE_CREDENTIALS: Readonly<StaticCredentials> = Object.freeze({
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
});

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface MotoServer {
  /** Base URL, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  url: string;
  port: number;
  /** The process id of the server (or of its watchdog shell, whose process group it shares). */
  pid: number;
  /** The server's recent output (stdout and stderr, at most the last 1 MiB): tracebacks of failed requests. */
  output: () => string;
  /** Stops the server and restores the environment; safe to call twice. */
  stop: () => Promise<void>;
}

export interface StartMotoOptions {
  /** How long to wait for the server to answer, in ms (default 30 s). */
  timeoutMs?: number;
  /** Set this process's AWS_* environment to point at the server (default true). */
  setEnvironment?: boolean;
}

/** The SDK client configuration that talks to the emulator, as `credentials` (default: the fake ones). */
export function motoClientConfig(
  url: string,
  credentials: StaticCredentials = FAKE_CREDENTIALS,
): {
  endpoint: string;
  region: string;
  credentials: StaticCredentials;
  maxAttempts: number;
} {
  assertLoopback(url);
  // One attempt: moto answers an unimplemented action with HTTP 500, which the SDK would otherwise retry thrice.
  // A copy of the credentials: the SDK writes into the object it is given.
  return { endpoint: url, region: MOTO_REGION, credentials: { ...credentials }, maxAttempts: 1 };
}

/** Throws unless `url` is http on 127.0.0.1 (or localhost): no test traffic may leave this machine. */
export function assertLoopback(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) {
    throw new Error(`refusing to send AWS traffic to ${url}: only http://127.0.0.1:PORT is allowed`);
  }
}

/** Forgets everything the server holds (POST /moto-api/reset). */
export async function resetMoto(url: string): Promise<void> {
  await motoApi(url, 'reset');
}

/**
 * Seeds moto's random generator (POST /moto-api/seed?a=SEED): after a reset and the same seed, the same
 * sequence of calls yields the same generated ids (account ids, user ids, zone ids...).
 */
export async function seedMoto(url: string, seed: number): Promise<void> {
  await motoApi(url, `seed?a=${String(Math.trunc(seed))}`);
}

async function motoApi(url: string, action: string): Promise<void> {
  assertLoopback(url);
  const response = await fetch(`${url}/moto-api/${action}`, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`moto-api/${action} answered HTTP ${response.status}: ${await response.text()}`);
  }
}

/** The path of `moto_server` on PATH, or undefined. */
export function findMotoServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'moto_server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no port'));
        return;
      }
      const { port } = address;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

const OUTPUT_LIMIT = 1 << 20;

/**
 * The server runs under a watchdog shell: a background `cat` reads its standard input, and when this process dies,
 * however it dies (even SIGKILL), the pipe closes, `cat` returns and the server is stopped. The shell itself waits
 * for the server, so it exits when the server does (a port taken meanwhile, say). All of them share a process
 * group of their own, which stop() signals.
 */
const WATCHDOG =
  // (A background job's standard input is /dev/null: the pipe reaches `cat` as descriptor 3.)
  'exec 3<&0; moto_server -H 127.0.0.1 -p "$1" 3<&- & server=$!; ' +
  '{ cat <&3 >/dev/null; kill "$server" 2>/dev/null; } & exec 3<&-; wait "$server"';

const ENVIRONMENT_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
] as const;

/** Points the AWS SDK environment at moto on `url` with fake credentials and no profile files; returns the undo. */
export function isolateEnvironment(url: string): () => void {
  const saved = new Map<string, string | undefined>(ENVIRONMENT_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENVIRONMENT_KEYS) Reflect.deleteProperty(process.env, key);
  const nowhere = path.join(path.sep, 'nonexistent', 'lockout-test-aws');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: MOTO_REGION,
    AWS_DEFAULT_REGION: MOTO_REGION,
    AWS_CONFIG_FILE: path.join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(nowhere, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
}

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts moto_server on a free port of 127.0.0.1 and waits until it answers. */
export async function startMotoServer(options: StartMotoOptions = {}): Promise<MotoServer> {
  if (findMotoServer() === undefined) {
    throw new Error("moto_server is missing: install Python's moto[server] (pip install 'moto[server]')");
  }
  // AWS_EC2_METADATA_DISABLED is set even when the rest of the environment is left alone.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const timeoutMs = options.timeoutMs ?? 30_000;
  let lastError: unknown;
  // Another process may take the port between freePort() and the bind: try a few ports.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const server = await launch(await freePort(), timeoutMs);
      if (options.setEnvironment ?? true) {
        const restore = isolateEnvironment(server.url);
        const stop = server.stop;
        let restored = false;
        server.stop = async () => {
          await stop();
          if (!restored) restore();
          restored = true;
        };
      }
      return server;
    } catch (error) {
      lastError = error;
      if (!(error instanceof MotoExitedEarly)) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

class MotoExitedEarly extends Error {}

async function launch(port: number, timeoutMs: number): Promise<MotoServer> {
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  // These would override the account moto derives from each request's access key.
  delete env.MOTO_ACCOUNT_ID;
  const child: ChildProcess = spawn('sh', ['-c', WATCHDOG, 'moto-watchdog', String(port)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn moto_server');
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(output.length - OUTPUT_LIMIT / 2);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // Neither the pipes nor the child keep this process alive.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  const state = { exited: false };
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      state.exited = true;
      resolve();
    });
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = (): void => {
    signalGroup('SIGTERM');
  };
  process.once('exit', onExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    child.stdin?.end();
    signalGroup('SIGTERM');
    const killTimer = setTimeout(() => {
      signalGroup('SIGKILL');
    }, 3_000);
    await exitedPromise;
    clearTimeout(killTimer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (state.exited) {
      await stop();
      throw new MotoExitedEarly(`moto_server exited before answering on ${url}:\n${output.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) {
        await response.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await sleep(100);
  }
  return { url, port, pid, output: () => output, stop };
}
