// Test and benchmark support: the fixture's Organization built by bench/moto-org.py, in moto's own process, then
// served on 127.0.0.1 by moto's threaded server. The same calls as buildOrganization, without one HTTP round trip
// each: 10,000 members in minutes rather than hours.
//
//   const moto = await startPythonOrganization({ members: 12 });
//   ... scan moto.url ...
//   await moto.stop();
//
// Like startMotoServer, it sets this process's AWS environment to the server (endpoint, fake credentials, no
// profile or config file, no instance metadata) unless told not to, and stop() puts it back. The helper ends when
// its standard input closes, so it cannot outlive this process however it ends.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertLoopback, isolateEnvironment, type MotoServer } from './moto-server.js';

export interface PythonOrganizationOptions {
  members: number;
  /** Seed of moto's random generator, as buildOrganization's (default 20220630). */
  seed?: number;
  /**
   * Answer moto's "which account owns this access key" from an index rather than its loop over every account
   * and partition (see bench/moto-org.py): the same answers, without a cost that grows with the Organization.
   */
  indexAccessKeys?: boolean;
  /** Set this process's AWS_* environment to point at the server (default true). */
  setEnvironment?: boolean;
  /** Where bench/moto-org.py is (default: found from this file, in test/aws or its compiled copy). */
  helper?: string;
}

export interface PythonOrganization extends MotoServer {
  /** Seconds the helper took to build the Organization, as it measured them. */
  buildSeconds: number;
  /** Every call the build made ("iam:create_user"...), with counts. */
  calls: Record<string, number>;
  /** Accounts built, the management account included. */
  accounts: number;
}

interface HelperLine {
  url: string;
  buildSeconds: number;
  calls: Record<string, number>;
  accounts: number;
}

const OUTPUT_LIMIT = 1 << 20;

function defaultHelper(): string {
  // test/aws/python-organization.ts, or bench/.cache/aws/python-organization.js: the repository is above either.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    if (path.basename(dir) === 'test' || path.basename(dir) === 'bench') break;
    dir = path.dirname(dir);
  }
  return path.join(path.dirname(dir), 'bench', 'moto-org.py');
}

export async function startPythonOrganization(
  options: PythonOrganizationOptions,
): Promise<PythonOrganization> {
  const argv = [options.helper ?? defaultHelper(), '--members', String(options.members)];
  if (options.seed !== undefined) argv.push('--seed', String(options.seed));
  if (options.indexAccessKeys ?? false) argv.push('--index-access-keys');
  const env = { ...process.env };
  // It would override the account moto derives from each request's access key.
  delete env.MOTO_ACCOUNT_ID;
  // Its own process group, which a benchmark can measure; its standard input is this process's lifeline.
  const child = spawn('python3', argv, { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start python3 bench/moto-org.py');
  child.unref();
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(output.length - OUTPUT_LIMIT / 2);
  };
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const line = await new Promise<HelperLine>((resolve, reject) => {
    let pending = '';
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const end = pending.indexOf('\n');
      if (end < 0) return;
      child.stdout.off('data', onData);
      child.stdout.on('data', collect);
      try {
        resolve(JSON.parse(pending.slice(0, end)) as HelperLine);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (status) => {
      reject(
        new Error(`bench/moto-org.py exited (${String(status)}) before serving:\n${output.slice(-4000)}`),
      );
    });
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  try {
    assertLoopback(line.url);
  } catch (error) {
    signalGroup('SIGKILL');
    throw error;
  }
  const restore = (options.setEnvironment ?? true) ? isolateEnvironment(line.url) : (): void => {};
  let stopped = false;
  return {
    url: line.url,
    port: Number(new URL(line.url).port),
    pid,
    output: () => output,
    buildSeconds: line.buildSeconds,
    calls: line.calls,
    accounts: line.accounts,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      child.stdin.end();
      const killTimer = setTimeout(() => {
        signalGroup('SIGKILL');
      }, 5_000);
      await exited;
      clearTimeout(killTimer);
      restore();
    },
  };
}
