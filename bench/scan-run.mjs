/**
 * The scan-scale benchmark: builds an Organization of N member accounts in moto and serves it on 127.0.0.1, then
 * times `lockout scan --org` against it in a child process and prints one JSON line: build and scan times (and when
 * the progress line said every member was scanned), the scan's peak memory, its API calls and retries, and how many
 * accounts it reached or lost.
 *
 * Usage: node bench/scan-run.mjs --members N [--build python|fixture] [--stock-moto] [--fixture bench/.cache/aws]
 *        [--timeout 600] [--concurrency N] [--moto-log FILE]
 *
 * --build python (the default, at every size): bench/moto-org.py makes the fixture's calls (the same calls, in the
 * same order, as test/aws/organization-fixture.ts) through boto3 to moto's in-process mock, then serves the result
 * with moto's own threaded server (the one moto_server runs): no HTTP per call while building. Unless --stock-moto,
 * it also answers moto's "which account owns this access key" from an index instead of moto's loop over every
 * account (see bench/moto-org.py): a cost of the emulator, not of AWS, that grows with the Organization.
 * --build fixture: moto_server (startMotoServer) and buildOrganization over HTTP, one call at a time, as the tests do.
 *
 * No traffic leaves the machine: both builders and the server use the loopback address only, and the scan gets
 * --endpoint-url with fake credentials in its environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArguments(argv) {
  const options = {
    members: undefined,
    fixture: path.join(repoRoot, 'bench', '.cache', 'aws'),
    timeout: 600,
    concurrency: undefined,
    motoLog: undefined,
    build: 'python',
    stockMoto: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--members') options.members = Number(argv[++i]);
    else if (arg === '--fixture') options.fixture = path.resolve(argv[++i]);
    else if (arg === '--timeout') options.timeout = Number(argv[++i]);
    else if (arg === '--concurrency') options.concurrency = Number(argv[++i]);
    else if (arg === '--moto-log') options.motoLog = path.resolve(argv[++i]);
    else if (arg === '--build') options.build = argv[++i];
    else if (arg === '--stock-moto') options.stockMoto = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.members) || !['python', 'fixture'].includes(options.build))
    throw new Error(
      'usage: --members N [--build python|fixture] [--stock-moto] [--fixture DIR] [--timeout S]',
    );
  return options;
}

/** Runs a command to completion, collecting its output, without blocking this process's event loop. */
function run(command, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: repoRoot,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = [];
    const stderr = [];
    const started = performance.now();
    // When each progress line arrived: the last one says every member was scanned.
    const progress = [];
    let pending = '';
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => {
      stderr.push(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /accounts (\d+)\/(\d+), (\d+) failed/.exec(line);
        if (match) {
          progress.push({
            seconds: (performance.now() - started) / 1000,
            done: Number(match[1]),
            total: Number(match[2]),
            failed: Number(match[3]),
          });
        }
      }
    });
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({
        status,
        progress,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseArguments(process.argv.slice(2));
  // When and on how busy a machine: a run measured apart from `npm run bench` carries its own conditions.
  const output = {
    members: options.members,
    build: options.build,
    startedAt: new Date().toISOString(),
    loadBefore: loadavg(),
  };
  if (options.build === 'python') output.stockMoto = options.stockMoto;
  const work = mkdtempSync(path.join(tmpdir(), 'lockout-bench-scan-'));
  let server;
  try {
    let started = performance.now();
    if (options.build === 'python') {
      const python = await import(pathToFileURL(path.join(options.fixture, 'python-organization.js')).href);
      server = await python.startPythonOrganization({
        members: options.members,
        indexAccessKeys: !options.stockMoto,
      });
      output.buildSeconds = (performance.now() - started) / 1000;
      output.buildInMotoSeconds = server.buildSeconds;
      output.buildCalls = Object.values(server.calls).reduce((sum, count) => sum + count, 0);
      output.accountsBuilt = server.accounts;
    } else {
      const moto = await import(pathToFileURL(path.join(options.fixture, 'moto-server.js')).href);
      const fixture = await import(pathToFileURL(path.join(options.fixture, 'organization-fixture.js')).href);
      server = await moto.startMotoServer();
      output.motoStartSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const organization = await fixture.buildOrganization(server.url, { members: options.members });
      output.buildSeconds = (performance.now() - started) / 1000;
      output.buildCalls = [...organization.calls.values()].reduce((sum, count) => sum + count, 0);
      output.accountsBuilt = organization.accounts.length;
    }

    const timeFile = path.join(work, 'time.txt');
    const argv = [
      '-k',
      '5',
      String(options.timeout),
      '/usr/bin/time',
      '-f',
      '%e %M %U %S',
      '-o',
      timeFile,
      process.execPath,
      path.join(repoRoot, 'bin', 'lockout.js'),
      'scan',
      '--org',
      '--endpoint-url',
      server.url,
      '--max-attempts',
      '1',
      '--no-store',
      '--format',
      'json',
      '--fail-on',
      'none',
      ...(options.concurrency === undefined ? [] : ['--concurrency', String(options.concurrency)]),
    ];
    const motoCpuBefore = groupCpuSeconds(server.pid);
    started = performance.now();
    // The environment startMotoServer set (endpoint, fake credentials, no profile) reaches the scan. Not spawnSync:
    // this process must keep reading moto's output, or moto blocks on a full pipe and every request hangs.
    const result = await run('timeout', argv);
    output.scanSeconds = (performance.now() - started) / 1000;
    // Where the time went: moto's CPU during the scan (its whole process group), against the scan's own.
    const motoCpuAfter = groupCpuSeconds(server.pid);
    if (motoCpuBefore !== undefined && motoCpuAfter !== undefined)
      output.motoCpuSeconds = motoCpuAfter - motoCpuBefore;
    output.scanExit = result.status;
    const last = result.progress.at(-1);
    if (last !== undefined) {
      output.progress = { done: last.done, total: last.total, failed: last.failed };
      if (last.done === last.total) output.awsSeconds = last.seconds;
    }
    const time = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-4);
    output.scanPeakRssMiB = Number(time[1]) / 1024;
    output.scanCpuSeconds = Number(time[2]) + Number(time[3]);
    if (result.status === 124 || result.status === 137) {
      output.error = `no result within ${options.timeout} s`;
    } else if (result.status !== 0) {
      output.error = `exit ${result.status}: ${(result.stderr ?? '').trim().split('\n').slice(-5).join(' | ')}`;
    } else {
      const report = JSON.parse(result.stdout);
      const scan = report.scan ?? {};
      output.scan = {
        accounts: scan.accounts,
        reached: scan.reached,
        failed: scan.failed,
        apiCalls: scan.apiCalls,
        retries: scan.retries,
        unknownFacts: scan.unknownFacts,
      };
      output.findings = Array.isArray(report.findings) ? report.findings.length : undefined;
    }
    output.stderrTail = (result.stderr ?? '')
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('scanning ['))
      .slice(-3)
      .join(' | ')
      .slice(0, 500);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (server !== undefined) {
      if (options.motoLog !== undefined) writeFileSync(options.motoLog, server.output());
      await server.stop();
    }
  }
  output.endedAt = new Date().toISOString();
  output.loadAfter = loadavg();
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

/**
 * CPU seconds (user and system, with reaped children) of every process in a process group, from /proc: moto's
 * server and its workers. Undefined where /proc is not there.
 */
function groupCpuSeconds(groupId) {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    }
  } catch {
    return undefined;
  }
  // Linux counts in USER_HZ, 100 per second on every architecture Node runs on here.
  return ticks / 100;
}

await main();
