/**
 * `npm run bench`: Lockout against the reference, in one run, printed as Markdown tables.
 *
 *     npm run bench                       # full: 43 Aralia trees × 2 order limits × 3 runs, Organizations of 1,000
 *                                         # and 10,000 accounts, moto scans of 100, 1,000 and 10,000 members, CLI start-up
 *     npm run bench -- --quick            # a subset that finishes in minutes
 *     npm run bench -- --write docs/benchmarks.md --json /tmp/bench.json
 *
 * Options: --quick, --runs N, --only tree,tree, --sections aralia,org,scan,startup, --accounts N,N (the Organization
 * sizes of the org section; default 1000,10000, quick 1000), --members N,N (the scan section's Organization
 * sizes; default 100,1000,10000, quick none), --timeout S (per tree and tool,
 * default 120), --write FILE (the Markdown document), --json FILE (raw results), --core N (default 1),
 * --render FILE (no measurement: the document again from the raw results of an earlier --json), --scan-result FILE
 * (repeatable: the JSON line of a `node bench/scan-run.mjs` run made apart, e.g. 10,000 members, which takes an
 * hour; it joins the scan section's runs, marked as measured apart with its own date and load).
 *
 * Sections:
 * - aralia: SCRAM 0.16.2 (`--bdd`, the exact reference) and the engine (bench/engine-run.mjs, a process per run) on
 *   the Aralia fault trees at -l 3 and -l 20: sets per order, exact probability, wall time and peak memory of each,
 *   each run pinned to one core with a time limit. SCRAM runs that time out in test/fixtures/scram-reference.json
 *   are not run again (their reference timing is reused); every other SCRAM figure is measured live. The engine's
 *   probability is also compared, to a relative error of 1e-9, with the full-precision values BuDDy gave in
 *   test/fixtures/exact-probability.json (scripts/exact-probability-reference.mjs; BuDDy is not run here).
 * - org: generated Organization inventories (bench/org-inventory.mjs): the library's phases (bench/org-run.mjs),
 *   `lockout check`, the first `lockout watch` round to a webhook on 127.0.0.1 (bench/watch-receiver.mjs), and
 *   the same graph exported to MEF for SCRAM and the engine. Only that part, at 10,000
 *   accounts: `npm run bench -- --sections org --accounts 10000`.
 * - scan: `lockout scan --org` against moto_server on 127.0.0.1 (bench/scan-run.mjs): time, calls per account,
 *   retries, accounts lost, peak memory, and moto's CPU against the scan's own. Only 10,000 members:
 *   `npm run bench -- --sections scan --members 10000`.
 * - startup: `lockout --help` and `lockout check --example incident` whole-process time (hyperfine when installed).
 * - dashboard: `lockout serve` in headless Chromium at 10,000 accounts (bench/dashboard-run.mjs).
 *
 * Plain JavaScript importing nothing from dist/: every measured run is a child process, so a build must come first
 * (`npm run bench` does it).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attribute, reportHead, scramArguments } from '../scripts/scram-report.mjs';
import { dashboardMarkdown, runDashboard } from './dashboard-run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const araliaDir = path.join(repoRoot, 'bench', 'aralia');
const referenceFile = path.join(repoRoot, 'test', 'fixtures', 'scram-reference.json');
const exactFile = path.join(repoRoot, 'test', 'fixtures', 'exact-probability.json');
/** The issue's target for the probability: within this relative error of the exact (BuDDy) value. */
const EXACT_TOLERANCE = 1e-9;
const benchDir = path.join(repoRoot, 'bench');

/** Trees of the quick subset: quick for both tools, with SCRAM timeouts (reused) and a non-coherent tree among them. */
const QUICK_TREES = [
  'baobab1',
  'cea9601',
  'chinese',
  'das9201',
  'das9205',
  'das9209',
  'edf9201',
  'edf9205',
  'edfpa15p',
  'elf9601',
  'ftr10',
  'isp9601',
  'isp9604',
  'isp9607',
  'jbd9601',
];
const LIMITS = [3, 20];
const SECTIONS = ['aralia', 'org', 'scan', 'startup', 'dashboard'];

function parseArguments(argv) {
  const options = {
    quick: false,
    runs: undefined,
    only: undefined,
    sections: SECTIONS,
    accounts: undefined,
    members: undefined,
    timeout: 120,
    write: undefined,
    json: undefined,
    core: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`missing value for ${arg}`);
      return next;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--sections') options.sections = value().split(',');
    else if (arg === '--accounts') options.accounts = value().split(',').map(Number);
    else if (arg === '--members') options.members = value().split(',').map(Number);
    else if (arg === '--timeout') options.timeout = Number(value());
    else if (arg === '--write') options.write = path.resolve(value());
    else if (arg === '--json') options.json = path.resolve(value());
    else if (arg === '--core') options.core = Number(value());
    else if (arg === '--render') options.render = path.resolve(value());
    else if (arg === '--scan-result') (options.scanResults ??= []).push(path.resolve(value()));
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run.mjs)`);
  }
  for (const section of options.sections) {
    if (!SECTIONS.includes(section)) throw new Error(`unknown section ${section}: ${SECTIONS.join(', ')}`);
  }
  options.runs ??= 3;
  if (options.accounts?.some((accounts) => !Number.isInteger(accounts) || accounts < 1))
    throw new Error('--accounts takes whole numbers of accounts, e.g. 1000,10000');
  if (!(options.runs >= 1) || !(options.timeout > 0))
    throw new Error('--runs and --timeout must be positive');
  return options;
}

const log = (text) => process.stderr.write(`${text}\n`);

function median(values) {
  const present = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  if (present.length === 0) return null;
  const sorted = [...present].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs a command pinned to one core under a time limit, with /usr/bin/time recording its peak resident memory;
 * the wall time is measured around the whole wrapper (a few milliseconds of exec, the same for every tool).
 */
function measured(command, args, { core, timeout, memoryGib, cwd = repoRoot, env = process.env }) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'lockout-bench-'));
  const timeFile = path.join(work, 'time.txt');
  const wrapped = [
    'timeout',
    '-k',
    '5',
    String(timeout),
    'taskset',
    '-c',
    String(core),
    '/usr/bin/time',
    '-f',
    '%e %M',
    '-o',
    timeFile,
    command,
    ...args,
  ];
  const argv =
    memoryGib === undefined ? wrapped : [`--as=${Math.round(memoryGib * 2 ** 30)}`, '--', ...wrapped];
  try {
    const started = performance.now();
    const result = spawnSync(
      memoryGib === undefined ? argv[0] : 'prlimit',
      memoryGib === undefined ? argv.slice(1) : argv,
      {
        cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    let maxRssMiB = null;
    if (existsSync(timeFile)) {
      const last = readFileSync(timeFile, 'utf8').trim().split(/\s+/).at(-1);
      if (last !== undefined && /^\d+$/.test(last)) maxRssMiB = Number(last) / 1024;
    }
    const timedOut = result.status === 124 || result.status === 137 || result.signal === 'SIGKILL';
    return {
      status: timedOut ? 'timeout' : result.status === 0 ? 'ok' : 'failed',
      seconds,
      maxRssMiB: timedOut ? null : maxRssMiB,
      stdout: result.stdout ?? '',
      stderr: result.stderr ?? '',
      exitCode: result.status,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function firstLines(text, count = 2) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '))
    .slice(0, count)
    .join(' | ')
    .slice(0, 200);
}

// ---------------------------------------------------------------------------------------------------------------
// The machine and the versions

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const git = (args) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  const scram = spawnSync('scram', ['--version'], { encoding: 'utf8' });
  const hyperfine = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return {
    date: new Date().toISOString(),
    cpu: model,
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    scram: scram.status === 0 ? (/SCRAM\s+(\S+)/.exec(scram.stdout)?.[1] ?? 'unknown') : 'not installed',
    hyperfine: hyperfine.status === 0 ? hyperfine.stdout.trim() : null,
    lockout: packageJson.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommitted: git(['status', '--porcelain']) !== '',
    loadBefore: os.loadavg(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Aralia trees against SCRAM

function sumOfProducts(tag) {
  const distribution = (attribute(tag, 'distribution') ?? '').trim();
  return {
    top: attribute(tag, 'name'),
    products: Number(attribute(tag, 'products') ?? 0),
    distribution: distribution === '' ? [] : distribution.split(/\s+/).map(Number),
    probabilityText: attribute(tag, 'probability') ?? null,
    warning: attribute(tag, 'warning') ?? null,
  };
}

function runScram(files, limitOrder, options) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'lockout-bench-scram-'));
  const report = path.join(work, 'report.xml');
  try {
    const args = [...scramArguments(files, limitOrder), report];
    const run = measured('scram', args, { core: options.core, timeout: options.timeout, memoryGib: 8 });
    if (run.status === 'ok' && !existsSync(report)) run.status = 'failed';
    if (run.status === 'failed') return { ...run, error: firstLines(run.stderr) || `exit ${run.exitCode}` };
    if (run.status === 'timeout') return { ...run, error: `no result within ${options.timeout} s` };
    const tag = /<sum-of-products\b[^>]*>/.exec(reportHead(report))?.[0];
    if (tag === undefined) return { ...run, status: 'failed', error: 'no <sum-of-products> in the report' };
    return { ...run, ...sumOfProducts(tag) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runEngine(files, limitOrder, options, extra = []) {
  const args = [path.join(benchDir, 'engine-run.mjs'), ...files, '--limit', String(limitOrder), ...extra];
  const run = measured(process.execPath, args, { core: options.core, timeout: options.timeout });
  if (run.status === 'timeout') return { ...run, error: `no result within ${options.timeout} s` };
  if (run.status === 'failed') return { ...run, error: firstLines(run.stderr) || `exit ${run.exitCode}` };
  try {
    return { ...run, result: JSON.parse(run.stdout) };
  } catch {
    return { ...run, status: 'failed', error: `unreadable output: ${run.stdout.slice(0, 100)}` };
  }
}

/**
 * Where the two tools count differently, a third, independent count decides: scripts/brute-minimal-sets.mjs
 * evaluates the tree on every set of at most -l events (feasible at -l 3; das9701 takes about 2 s).
 */
function arbitrate(row, file, options) {
  if (row.limitOrder > 3) {
    row.arbiter = 'not run: brute force is only feasible up to -l 3';
    return;
  }
  const script = path.join(repoRoot, 'scripts', 'brute-minimal-sets.mjs');
  const run = measured(process.execPath, [script, file, '--limit', String(row.limitOrder), '--json'], {
    core: options.core,
    timeout: options.timeout,
  });
  if (run.status !== 'ok') {
    row.arbiter = `brute force: ${run.status}`;
    return;
  }
  const brute = JSON.parse(run.stdout).distribution.slice(1);
  while (brute.length > 0 && brute.at(-1) === 0) brute.pop();
  row.bruteDistribution = brute;
  row.arbiter = sameArray(brute, row.distribution)
    ? 'Lockout'
    : sameArray(brute, row.scramDistribution)
      ? 'SCRAM'
      : 'neither';
}

/** Half a unit of SCRAM's 6th significant digit: the most a correct value can differ from what SCRAM prints. */
function scramTolerance(text) {
  const value = Number(text);
  if (value === 0) return 0;
  // SCRAM drops trailing zeros ("0.0013488"), but the digits it leaves out are still zeros of a 6-digit value.
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 5);
}

function sameArray(a, b) {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function araliaTrees(options) {
  const all = readdirSync(araliaDir)
    .filter((name) => name.endsWith('.xml'))
    .map((name) => name.slice(0, -4))
    .sort();
  const chosen = options.only ?? (options.quick ? QUICK_TREES : all);
  for (const tree of chosen)
    if (!all.includes(tree)) throw new Error(`no Aralia tree ${tree} in ${araliaDir}`);
  return chosen;
}

function runAralia(options) {
  const reference = JSON.parse(readFileSync(referenceFile, 'utf8'));
  const referenceOf = (tree, limitOrder, method = 'bdd') =>
    reference.entries.find(
      (entry) =>
        entry.source === 'aralia' &&
        entry.tree === tree &&
        entry.limitOrder === limitOrder &&
        (entry.method ?? 'bdd') === method,
    );
  const exact = existsSync(exactFile) ? JSON.parse(readFileSync(exactFile, 'utf8')).entries : [];
  const exactOf = (tree) => exact.find((entry) => entry.source === 'aralia' && entry.tree === tree);
  const rows = [];
  for (const tree of araliaTrees(options)) {
    const file = path.relative(repoRoot, path.join(araliaDir, `${tree}.xml`));
    for (const limitOrder of LIMITS) {
      const ref = referenceOf(tree, limitOrder);
      const row = {
        tree,
        limitOrder,
        coherent: ref?.coherent ?? null,
        scram: [],
        lockout: [],
        scramReused: null,
        skipped: {},
      };
      if (ref !== undefined && (ref.status === 'timeout' || ref.status === 'skipped')) {
        row.scramReused = {
          status: 'timeout',
          seconds: ref.seconds,
          note:
            ref.status === 'timeout'
              ? `no result within 120 s (reference run, not repeated)`
              : `not run in the reference: -l 3 already timed out`,
        };
      }
      const previous = rows.find((other) => other.tree === tree && other.limitOrder < limitOrder);
      for (const tool of ['scram', 'lockout']) {
        // A larger limit needs at least the same BDD: after a timeout at -l 3, -l 20 is not run.
        const before = previous?.[tool][0];
        if (before?.status === 'timeout' || (tool === 'scram' && previous?.scramReused && !row.scramReused)) {
          row.skipped[tool] = `not run: timed out at -l ${previous.limitOrder}, which needs the same BDD`;
        }
      }
      for (let run = 0; run < options.runs; run++) {
        if (row.scramReused === null && row.skipped.scram === undefined) {
          const last = row.scram.at(-1);
          if (last === undefined || last.status === 'ok')
            row.scram.push(runScram([file], limitOrder, options));
        }
        if (row.skipped.lockout === undefined) {
          const last = row.lockout.at(-1);
          if (last === undefined || last.status === 'ok')
            row.lockout.push(runEngine([file], limitOrder, options));
        }
      }
      summariseAraliaRow(row, referenceOf(tree, 3), referenceOf(tree, limitOrder, 'zbdd'));
      compareWithExact(row, exactOf(tree));
      if (row.countsAgree === 'NO') arbitrate(row, file, options);
      rows.push(row);
      log(
        `aralia ${tree} -l ${limitOrder}: lockout ${row.lockoutStatus} ${formatSeconds(row.lockoutSeconds)} s, ` +
          `scram ${row.scramStatus} ${formatSeconds(row.scramSeconds)} s, counts ${row.countsAgree}, P ${row.probabilityAgrees}, ` +
          `P vs BuDDy ${formatRelativeError(row.exactRelativeError)} (${row.exactAgrees})`,
      );
    }
  }
  return rows;
}

/**
 * Medians, agreement and ratios of one (tree, limit) row. Where SCRAM's BDD timed out, P is compared with its -l 3
 * run, and the counts with its --zbdd reference run when there is one (coherent trees).
 */
function summariseAraliaRow(row, referenceAtThree, zbddReference) {
  const okScram = row.scram.filter((run) => run.status === 'ok');
  const okLockout = row.lockout.filter((run) => run.status === 'ok');
  const statusOf = (runs, reused, skipped) =>
    reused ? 'timeout (reference)' : skipped ? 'not run' : runs.length === 0 ? 'not run' : runs.at(-1).status;
  row.scramStatus = statusOf(row.scram, row.scramReused, row.skipped.scram);
  row.lockoutStatus = statusOf(row.lockout, null, row.skipped.lockout);
  row.scramError = row.scram.find((run) => run.error)?.error ?? row.scramReused?.note ?? row.skipped.scram;
  row.lockoutError = row.lockout.find((run) => run.error)?.error ?? row.skipped.lockout;
  row.scramSeconds = okScram.length > 0 ? median(okScram.map((run) => run.seconds)) : null;
  row.scramMiB = okScram.length > 0 ? median(okScram.map((run) => run.maxRssMiB)) : null;
  row.lockoutSeconds = okLockout.length > 0 ? median(okLockout.map((run) => run.seconds)) : null;
  row.lockoutMiB = okLockout.length > 0 ? median(okLockout.map((run) => run.maxRssMiB)) : null;
  row.lockoutEngineSeconds =
    okLockout.length > 0
      ? median(okLockout.map((run) => Object.values(run.result.seconds).reduce((sum, s) => sum + s, 0)))
      : null;
  row.runs = { scram: okScram.length, lockout: okLockout.length };
  const mine = okLockout[0]?.result.tops[0];
  const theirs = okScram[0];
  row.distribution = mine?.distribution ?? null;
  row.total = mine?.total ?? null;
  row.probability = mine?.probability ?? null;
  row.lockoutBddsOverBudget = mine?.bddsOverBudget ?? 0;
  row.scramDistribution = theirs?.distribution ?? null;
  row.scramTotal = theirs?.products ?? null;
  row.countsFrom = theirs ? 'live' : null;
  if (!theirs && zbddReference?.status === 'ok') {
    row.scramDistribution = zbddReference.distribution;
    row.scramTotal = zbddReference.products;
    row.countsFrom = `SCRAM --zbdd (reference, ${formatSeconds(zbddReference.seconds)} s)`;
  }
  row.scramWarning = theirs?.warning ?? null;
  row.scramProbabilityText = theirs?.probabilityText ?? null;
  row.probabilityFrom = theirs ? 'live' : null;
  if (!theirs && referenceAtThree?.status === 'ok' && row.limitOrder !== 3) {
    // SCRAM's --bdd probability does not depend on -l: its -l 3 run gives the exact reference value.
    row.scramProbabilityText = referenceAtThree.probabilityText;
    row.probabilityFrom = 'SCRAM -l 3 (reference)';
  }
  // Runs of one tool must agree with each other too.
  row.consistent = okLockout.every((run) => sameArray(run.result.tops[0].distribution, mine.distribution));
  row.countsAgree =
    mine && row.scramDistribution !== null
      ? sameArray(mine.distribution, row.scramDistribution)
        ? 'yes'
        : 'NO'
      : 'n/a';
  if (mine && row.scramProbabilityText !== null && mine.probability !== null) {
    const difference = Math.abs(mine.probability - Number(row.scramProbabilityText));
    row.probabilityAgrees = difference <= scramTolerance(row.scramProbabilityText) ? 'yes' : 'NO';
  } else {
    row.probabilityAgrees = 'n/a';
  }
  row.timeRatio =
    row.lockoutSeconds !== null && row.scramSeconds ? row.lockoutSeconds / row.scramSeconds : null;
  row.memoryRatio = row.lockoutMiB !== null && row.scramMiB ? row.lockoutMiB / row.scramMiB : null;
  // Runs are kept without their output, which can be large.
  for (const run of [...row.scram, ...row.lockout]) {
    delete run.stdout;
    delete run.stderr;
  }
}

/**
 * The engine's probability against BuDDy's full-precision value for the tree (the same at every order limit): the
 * relative error, and whether it is within EXACT_TOLERANCE. 'n/a' when either has no value.
 */
function compareWithExact(row, exact) {
  row.exactProbability = exact?.status === 'ok' ? exact.probability : null;
  row.exactNote =
    exact === undefined ? 'no BuDDy entry' : exact.status === 'ok' ? null : `BuDDy: ${exact.error}`;
  if (row.exactProbability !== null && row.probability !== null) {
    const difference = Math.abs(row.probability - row.exactProbability);
    row.exactRelativeError = difference === 0 ? 0 : difference / Math.abs(row.exactProbability);
    row.exactAgrees = row.exactRelativeError <= EXACT_TOLERANCE ? 'yes' : 'NO';
  } else {
    row.exactRelativeError = null;
    row.exactAgrees = 'n/a';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Organizations

function runOrganizations(options) {
  const sizes = options.accounts ?? (options.quick ? [1000] : [1000, 10000]);
  const results = [];
  for (const accounts of sizes) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'lockout-bench-org-'));
    const yaml = path.join(work, `org-${accounts}.yaml`);
    const mef = path.join(work, `org-${accounts}.xml`);
    const result = { accounts };
    try {
      log(`org ${accounts}: library phases`);
      const phases = measured(
        process.execPath,
        [
          '--expose-gc',
          path.join(benchDir, 'org-run.mjs'),
          '--accounts',
          String(accounts),
          '--yaml',
          yaml,
          '--full-analysis',
        ],
        { core: options.core, timeout: 1200 },
      );
      result.phasesRun = { status: phases.status, seconds: phases.seconds, maxRssMiB: phases.maxRssMiB };
      if (phases.status === 'ok') result.library = JSON.parse(phases.stdout);
      else result.phasesRun.error = firstLines(phases.stderr);
      const load = result.library?.loadRatio;
      if (load)
        log(
          `org ${accounts}: ${load.ratio <= 1.5 ? 'met' : 'MISSED'}: load within 1.5× js-yaml: ${formatRatio(load.ratio)} ` +
            `(${formatMs(load.parseYaml)} against ${formatMs(load.jsYaml)}); JSON ${formatRatio(load.jsonRatio)} of JSON.parse`,
        );
      if (!existsSync(yaml)) {
        results.push(result);
        continue;
      }
      result.yamlMiB = statSync(yaml).size / 2 ** 20;
      const lockout = path.join(repoRoot, 'bin', 'lockout.js');
      const whole = (args, timeout) =>
        measured(process.execPath, [lockout, ...args], { core: options.core, timeout });
      log(`org ${accounts}: lockout check`);
      // Three runs, the median kept: one run of a few seconds on a shared host varies by a fifth.
      const checks = [];
      for (let run = 0; run < CHECK_RUNS; run++) {
        const check = whole(['check', yaml, '--format', 'json', '--fail-on', 'none'], 1200);
        checks.push(check);
        if (check.status !== 'ok') break;
      }
      const check =
        checks.at(-1).status === 'ok'
          ? checks.find((run) => run.seconds === median(checks.map((each) => each.seconds)))
          : checks.at(-1);
      result.check = {
        status: check.status,
        seconds: check.seconds,
        runs: checks.map((run) => run.seconds),
        maxRssMiB: Math.max(...checks.map((run) => run.maxRssMiB ?? 0)),
        error: check.status === 'ok' ? undefined : firstLines(check.stderr),
      };
      if (check.status === 'ok') result.checkFloor = measureCheckFloor(yaml, check.stdout, work, options);
      for (const target of checkTargets(result))
        log(`org ${accounts}: ${target.met ? 'met' : 'MISSED'}: ${target.text}`);
      log(`org ${accounts}: lockout watch, first round to a local webhook`);
      result.watch = measureWatchRound(yaml, work, options);
      log(`org ${accounts}: lockout export --format mef`);
      const exported = whole(['export', yaml, '--format', 'mef', '-o', mef], 1200);
      result.export = {
        status: exported.status,
        seconds: exported.seconds,
        maxRssMiB: exported.maxRssMiB,
        error: exported.status === 'ok' ? undefined : firstLines(exported.stderr),
      };
      if (exported.status !== 'ok') {
        results.push(result);
        continue;
      }
      result.mefMiB = statSync(mef).size / 2 ** 20;
      result.lostEvents = (readFileSync(mef, 'utf8').match(/name="lockout-lost"/g) ?? []).length;
      // SCRAM refuses cycles, and the providers' administrators make some: both tools read the export with its
      // cycles cut the same way (bench/acyclic-mef.mjs).
      const acyclic = path.join(work, `org-${accounts}-acyclic.xml`);
      const cut = spawnSync(process.execPath, [path.join(benchDir, 'acyclic-mef.mjs'), mef, acyclic], {
        encoding: 'utf8',
      });
      if (cut.status !== 0) throw new Error(`acyclic-mef.mjs failed: ${firstLines(cut.stderr)}`);
      result.cycleCuts = Number(cut.stdout.trim());
      log(
        `org ${accounts}: SCRAM and the engine on the MEF export (${result.cycleCuts} cycles cut), -l 2, every top gate`,
      );
      result.scram = runScramAllTops(acyclic, 2, options);
      const engine = runEngine([acyclic], 2, options, ['--all-tops', '--ignore-recorded-losses']);
      result.engine = {
        status: engine.status,
        seconds: engine.seconds,
        maxRssMiB: engine.maxRssMiB,
        error: engine.error,
      };
      if (engine.status === 'ok') {
        result.engine.tops = engine.result.tops.length;
        result.engine.sets = engine.result.tops.reduce((sum, top) => sum + top.total, 0);
        result.engine.inProcess = engine.result.seconds;
        if (result.scram.status === 'ok')
          result.agreement = compareTops(engine.result.tops, result.scram.tops);
      }
      delete result.scram.tops;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    results.push(result);
  }
  return results;
}

/**
 * A scan once AWS has answered (bench/scan-judge.mjs): judged and written as a starter inventory at 1,000 and
 * 10,000 members, in one process. A lookup per account over lists that grow with the accounts made both grow
 * with the square of the members; the ratio between the two sizes shows it.
 */
function runScanJudge(options) {
  // 10,000 members judge in about a second: the quick run measures them too.
  const sizes = [1000, 10000];
  log(`scan judged and written as a starter: ${sizes.join(' and ')} members`);
  const run = measured(
    process.execPath,
    [path.join(benchDir, 'scan-judge.mjs'), '--members', sizes.join(',')],
    { core: options.core, timeout: 1200 },
  );
  if (run.status !== 'ok') return { status: run.status, error: firstLines(run.stderr) };
  return { status: 'ok', maxRssMiB: run.maxRssMiB, ...JSON.parse(run.stdout.trim().split('\n').at(-1)) };
}

/** Growth from the smaller size to the larger one within this many times their ratio in members is met. */
const SCAN_JUDGE_GROWTH = 1.5;

function scanJudgeTargets(judge) {
  if (judge.status !== 'ok')
    return [{ met: false, text: `Judging a scan: did not finish (${judge.status}).` }];
  const [small, large] = judge.sizes;
  const members = large.members / small.members;
  return [
    ['judgeSeconds', 'judged (reconciled, analysed, checked: `judgeScan`)'],
    ['starterSeconds', 'written as a starter inventory (`starterFromScan`, as `lockout init` does)'],
  ].map(([field, what]) => {
    const growth = large[field] / small[field];
    return {
      met: growth <= SCAN_JUDGE_GROWTH * members,
      text:
        `a scan of ${formatCount(large.members)} members ${what} grows with the members, not their square: ` +
        `${formatSeconds(large[field])} s against ${formatSeconds(small[field])} s at ${formatCount(small.members)}, ` +
        `${formatRatio(growth)} for ${formatRatio(members)} the members (within ${formatRatio(SCAN_JUDGE_GROWTH * members)}).`,
    };
  });
}

function scanJudgeMarkdown(judge) {
  const lines = ['## A scan, once AWS has answered', ''];
  lines.push(
    'What `lockout scan` and `lockout init` do with a scan of an Organization after the calls (`node ' +
      'bench/scan-judge.mjs`): a scan made in the shapes the scanner records, as an Organization shows itself when ' +
      "each member's contact information, alternate contacts and root email can be read (each member its own number, " +
      'billing contact and root address; every hundredth a public hosted zone), judged and written as a starter ' +
      'inventory, in one process after a warm-up, pinned to one core. No target in the issue; the bench holds them ' +
      'to growing with the members, since a lookup per account over lists that grow with the accounts once made ' +
      'both grow with their square (10,000 members: 31.6 s and 39.7 s before, on 2026-12-04).',
    '',
  );
  if (judge.status !== 'ok') {
    lines.push(`Did not finish: ${judge.status} ${judge.error ?? ''}`, '');
    return lines.join('\n');
  }
  lines.push(
    table(
      ['Members', 'Judged s', 'Findings', 'Starter s'],
      judge.sizes.map((size) => [
        formatCount(size.members),
        formatSeconds(size.judgeSeconds),
        formatCount(size.findings),
        formatSeconds(size.starterSeconds),
      ]),
      'rrrr',
    ),
    '',
    `Peak RSS of the process: ${formatMiB(judge.maxRssMiB)} MiB.`,
    '',
  );
  return lines.join('\n');
}

/** SCRAM on a model with many top gates: every `<sum-of-products>` of the report. */
function runScramAllTops(file, limitOrder, options) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'lockout-bench-scram-'));
  const report = path.join(work, 'report.xml');
  try {
    const args = [file, '--bdd', '-l', String(limitOrder), '--no-indent', '-o', report];
    const run = measured('scram', args, { core: options.core, timeout: options.timeout, memoryGib: 8 });
    const summary = { status: run.status, seconds: run.seconds, maxRssMiB: run.maxRssMiB };
    if (run.status !== 'ok' || !existsSync(report)) {
      return {
        ...summary,
        status: run.status === 'ok' ? 'failed' : run.status,
        error: firstLines(run.stderr) || run.status,
      };
    }
    const text = readFileSync(report, 'latin1');
    const tops = [...text.matchAll(/<sum-of-products\b[^>]*>/g)].map((match) => sumOfProducts(match[0]));
    return {
      ...summary,
      tops,
      topCount: tops.length,
      sets: tops.reduce((sum, top) => sum + top.products, 0),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Top names differ only in spelling (MEF names replace `/` by `_`): compare each top's sets per order. */
function compareTops(mine, theirs) {
  const key = (name) => name.replace(/[^A-Za-z0-9.-]/g, '_').replace(/^_+/, '');
  const scramByTop = new Map(theirs.map((top) => [key(top.top), top]));
  let agree = 0;
  const differing = [];
  for (const top of mine) {
    const other = scramByTop.get(key(top.top));
    if (other !== undefined && sameArray(top.distribution, other.distribution)) agree += 1;
    else differing.push(top.top);
  }
  return { tops: mine.length, scramTops: theirs.length, agree, differing: differing.slice(0, 5) };
}

// ---------------------------------------------------------------------------------------------------------------
// Scan against moto

function runScans(options) {
  // Issue 15's target is 10,000 members; moto builds and answers them in tens of minutes.
  const members = options.members ?? (options.quick ? [] : [100, 1000, 10000]);
  if (members.length === 0)
    return { skipped: 'not in the quick subset: a 1,000-member scan takes over 3 minutes' };
  const fixture = path.join(benchDir, '.cache', 'aws');
  log('scan: compiling the moto fixture (test/aws) to bench/.cache/aws');
  mkdirSync(fixture, { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--outDir',
      fixture,
      '--rootDir',
      path.join(repoRoot, 'test', 'aws'),
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2023',
      '--types',
      'node',
      '--skipLibCheck',
      '--strict',
      path.join(repoRoot, 'test', 'aws', 'organization-fixture.ts'),
      path.join(repoRoot, 'test', 'aws', 'python-organization.ts'),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (tsc.status !== 0)
    return { error: `could not compile the moto fixture: ${firstLines(tsc.stdout + tsc.stderr)}` };
  const runs = [];
  for (const count of members) {
    const timeout = count >= 10000 ? 7200 : count >= 1000 ? 300 : 600;
    log(`scan: ${count} members (scan time limit ${timeout} s)`);
    const result = spawnSync(
      process.execPath,
      [path.join(benchDir, 'scan-run.mjs'), '--members', String(count), '--timeout', String(timeout)],
      { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    try {
      runs.push(JSON.parse(result.stdout.trim().split('\n').at(-1)));
    } catch {
      runs.push({ members: count, error: firstLines(result.stderr) || `exit ${result.status}` });
    }
  }
  return { runs };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI start-up

function runStartup(options, hyperfineVersion) {
  const lockout = path.relative(repoRoot, path.join(repoRoot, 'bin', 'lockout.js'));
  const commands = [
    { name: 'node -e 0', argv: [process.execPath, '-e', '0'], target: null },
    { name: 'lockout --help', argv: [process.execPath, lockout, '--help'], target: 0.2 },
    {
      name: 'lockout check --example incident --fail-on none',
      argv: [process.execPath, lockout, 'check', '--example', 'incident', '--fail-on', 'none'],
      target: null,
    },
  ];
  const runs = 10;
  const results = [];
  for (const command of commands) {
    if (hyperfineVersion) {
      const work = mkdtempSync(path.join(os.tmpdir(), 'lockout-bench-hyperfine-'));
      const exportFile = path.join(work, 'result.json');
      try {
        const result = spawnSync(
          'taskset',
          [
            '-c',
            String(options.core),
            'hyperfine',
            '-N',
            '--warmup',
            '2',
            '--runs',
            String(runs),
            '--export-json',
            exportFile,
            command.argv.join(' '),
          ],
          { cwd: repoRoot, encoding: 'utf8' },
        );
        if (result.status === 0) {
          const measured = JSON.parse(readFileSync(exportFile, 'utf8')).results[0];
          results.push({
            ...command,
            tool: 'hyperfine',
            runs,
            median: measured.median,
            mean: measured.mean,
            min: measured.min,
            max: measured.max,
          });
          continue;
        }
        log(`hyperfine failed (${firstLines(result.stderr)}); timing by hand`);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    const times = [];
    for (let run = 0; run < runs + 2; run++) {
      const started = performance.now();
      spawnSync('taskset', ['-c', String(options.core), ...command.argv], { cwd: repoRoot, stdio: 'ignore' });
      if (run >= 2) times.push((performance.now() - started) / 1000);
    }
    results.push({
      ...command,
      tool: 'spawnSync',
      runs,
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
    });
  }
  for (const result of results) delete result.argv;
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// The document

function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds >= 100) return seconds.toFixed(0);
  if (seconds >= 10) return seconds.toFixed(1);
  if (seconds >= 1) return seconds.toFixed(2);
  return seconds.toFixed(3);
}

function formatMiB(mib) {
  return mib === null || mib === undefined ? '—' : mib >= 10 ? mib.toFixed(0) : mib.toFixed(1);
}

/** Bytes in decimal megabytes, as the limits they are held to are written (a webhook part: 1 MB). */
function formatMB(bytes, digits) {
  return typeof bytes === 'number' ? (bytes / 1e6).toFixed(digits) : '—';
}

function formatMs(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds >= 1) return `${formatSeconds(seconds)} s`;
  return `${(seconds * 1000).toFixed(seconds < 0.1 ? 1 : 0)} ms`;
}

function formatRatio(ratio) {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toPrecision(2)}×`;
}

function formatCount(count) {
  if (count === null || count === undefined) return '—';
  return count < 1e15 ? Math.round(count).toLocaleString('en-US') : count.toExponential(4);
}

function formatRelativeError(error) {
  if (error === null || error === undefined) return '—';
  return error === 0 ? '0' : error.toExponential(1);
}

function formatProbability(p) {
  if (p === null || p === undefined) return '—';
  return p.toPrecision(9);
}

/** A Markdown table; `align` has one letter per column, l or r. */
function table(header, rows, align = 'l'.repeat(header.length)) {
  const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  const lines = [`| ${header.join(' | ')} |`, `| ${rule.join(' | ')} |`];
  for (const row of rows)
    lines.push(`| ${row.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

function araliaSummary(rows) {
  const both = rows.filter((row) => row.timeRatio !== null);
  const byLimit = (limitOrder) => both.filter((row) => row.limitOrder === limitOrder);
  const scramOnlyFails = rows.filter((row) => row.lockoutStatus === 'ok' && row.scramStatus !== 'ok');
  const lockoutFails = rows.filter((row) => row.lockoutStatus !== 'ok');
  const countMismatches = rows.filter((row) => row.countsAgree === 'NO');
  // A difference the independent brute force settles in Lockout's favour is SCRAM's error, not a mismatch.
  const lockoutWrong = countMismatches.filter((row) => row.arbiter !== 'Lockout');
  const probabilityMismatches = rows.filter((row) => row.probabilityAgrees === 'NO');
  // Rows of an older --json have no exact comparison: they count as not compared.
  const exactCompared = rows.filter((row) => row.exactAgrees === 'yes' || row.exactAgrees === 'NO');
  const exactMismatches = exactCompared.filter((row) => row.exactAgrees === 'NO');
  const exactErrors = exactCompared.map((row) => row.exactRelativeError);
  return {
    rows: rows.length,
    bothFinished: both.length,
    medianTimeRatio: median(both.map((row) => row.timeRatio)),
    medianMemoryRatio: median(both.map((row) => row.memoryRatio)),
    medianTimeRatioL3: median(byLimit(3).map((row) => row.timeRatio)),
    medianTimeRatioL20: median(byLimit(20).map((row) => row.timeRatio)),
    medianEngineRatio: median(both.map((row) => row.lockoutEngineSeconds / row.scramSeconds)),
    scramOnlyFails: scramOnlyFails.map((row) => `${row.tree} -l ${row.limitOrder}`),
    lockoutFails: lockoutFails.map((row) => `${row.tree} -l ${row.limitOrder}`),
    countMismatches: countMismatches.map(
      (row) =>
        `${row.tree} -l ${row.limitOrder}` +
        (row.arbiter === undefined ? '' : ` (brute force agrees with: ${row.arbiter})`),
    ),
    countsLockoutWrong: lockoutWrong.map((row) => `${row.tree} -l ${row.limitOrder}`),
    probabilityMismatches: probabilityMismatches.map((row) => `${row.tree} -l ${row.limitOrder}`),
    exactCompared: exactCompared.length,
    exactMismatches: exactMismatches.map(
      (row) => `${row.tree} -l ${row.limitOrder} (${formatRelativeError(row.exactRelativeError)})`,
    ),
    exactNotCompared: rows
      .filter((row) => !exactCompared.includes(row))
      .map(
        (row) =>
          `${row.tree} -l ${row.limitOrder} (${row.exactNote ?? (row.probability === null ? 'no Lockout value' : 'no BuDDy comparison in these results')})`,
      ),
    worstExactRelativeError: exactErrors.length > 0 ? Math.max(...exactErrors) : null,
  };
}

function araliaMarkdown(rows, options) {
  const summary = araliaSummary(rows);
  const statusCell = (status, error) => (status === 'ok' ? '' : (error ?? status));
  const main = rows.map((row) => [
    row.tree,
    row.limitOrder,
    formatCount(row.total),
    row.countsAgree === 'n/a'
      ? row.scramTotal === null
        ? 'n/a'
        : formatCount(row.scramTotal)
      : row.countsAgree === 'yes'
        ? '='
        : `≠ ${formatCount(row.scramTotal)}`,
    formatProbability(row.probability),
    row.scramProbabilityText === null
      ? '—'
      : `${row.scramProbabilityText}${row.probabilityFrom === 'live' ? '' : ' (-l 3)'}`,
    row.probabilityAgrees,
    row.exactAgrees === undefined || row.exactAgrees === 'n/a'
      ? 'n/a'
      : `${formatRelativeError(row.exactRelativeError)}${row.exactAgrees === 'NO' ? ' NO' : ''}`,
    row.lockoutStatus === 'ok'
      ? formatSeconds(row.lockoutSeconds)
      : row.lockoutStatus === 'timeout'
        ? `> ${options.timeout}`
        : row.lockoutStatus,
    row.scramStatus === 'ok'
      ? formatSeconds(row.scramSeconds)
      : row.scramStatus.startsWith('timeout')
        ? '> 120'
        : row.scramStatus,
    row.timeRatio === null && row.lockoutSeconds !== null && row.scramStatus.startsWith('timeout')
      ? `< ${formatRatio(row.lockoutSeconds / options.timeout)}`
      : formatRatio(row.timeRatio),
    formatMiB(row.lockoutMiB),
    formatMiB(row.scramMiB),
    formatRatio(row.memoryRatio),
    formatSeconds(row.lockoutEngineSeconds),
    [
      statusCell(row.lockoutStatus, row.lockoutError) &&
        `Lockout: ${statusCell(row.lockoutStatus, row.lockoutError)}`,
      statusCell(row.scramStatus, row.scramError) && `SCRAM: ${statusCell(row.scramStatus, row.scramError)}`,
      row.scramWarning ? `SCRAM: "${row.scramWarning}"` : '',
      row.countsFrom !== null && row.countsFrom !== 'live' ? `SCRAM sets from ${row.countsFrom}` : '',
      row.lockoutBddsOverBudget > 0
        ? 'Lockout: no BDD within its node budget, sets from ZBDD operations, probability not computed'
        : '',
      row.coherent === false ? 'non-coherent (NOT gates)' : '',
      row.exactNote ?? '',
      row.consistent === false ? 'Lockout runs disagree' : '',
      row.arbiter === undefined
        ? ''
        : row.bruteDistribution === undefined
          ? row.arbiter
          : `independent brute force: ${row.bruteDistribution.join(' ')} (agrees with ${row.arbiter})`,
    ]
      .filter((text) => text !== '')
      .join('; '),
  ]);
  const distributions = rows
    .filter((row) => row.distribution !== null || row.scramDistribution !== null)
    .map((row) => [
      row.tree,
      row.limitOrder,
      row.distribution === null ? '—' : row.distribution.length === 0 ? '(none)' : row.distribution.join(' '),
      row.scramDistribution === null
        ? row.scramStatus === 'ok'
          ? '—'
          : row.scramStatus
        : row.countsAgree === 'yes'
          ? '='
          : row.scramDistribution.join(' ') || '(none)',
    ]);
  return [
    `## Aralia fault trees: Lockout against SCRAM ${'0.16.2'}`,
    '',
    `${rows.length / LIMITS.length} trees × ${LIMITS.length} order limits; each figure is the median of ${options.runs} runs ` +
      `(a run that times out or fails is not repeated). Times are whole-process wall times: for SCRAM, parsing, the BDD, ` +
      `the cut sets, the probability and writing its report (which lists every product); for Lockout, Node's start-up, ` +
      `loading the engine as the package ships it (\`lockout/analysis\`, one esbuild bundle), reading the MEF file, the BDD/ZBDD, counting the sets per order (they are counted, not listed) and the ` +
      `probability. "Lockout engine s" is the in-process part of Lockout's run (no start-up). Ratios are Lockout/SCRAM ` +
      `(below 1: Lockout is faster or smaller).`,
    '',
    table(
      [
        'Tree',
        '-l',
        'Sets (Lockout)',
        'SCRAM sets',
        'P (Lockout)',
        'P (SCRAM)',
        'P agrees',
        'P rel. error vs BuDDy',
        'Lockout s',
        'SCRAM s',
        'time ratio',
        'Lockout MiB',
        'SCRAM MiB',
        'memory ratio',
        'Lockout engine s',
        'Notes',
      ],
      main,
      'lrrrrrlrrrrrrrrl',
    ),
    '',
    `**Summary.** Both tools finished ${summary.bothFinished} of ${summary.rows} rows. Median time ratio Lockout/SCRAM over ` +
      `those rows: **${formatRatio(summary.medianTimeRatio)}** (-l 3: ${formatRatio(summary.medianTimeRatioL3)}, -l 20: ` +
      `${formatRatio(summary.medianTimeRatioL20)}); in-process engine time over SCRAM's whole run: ` +
      `${formatRatio(summary.medianEngineRatio)}; median memory ratio: ${formatRatio(summary.medianMemoryRatio)}. ` +
      `Lockout finished where SCRAM did not: ${summary.scramOnlyFails.join(', ') || 'none'}. Lockout did not finish: ` +
      `${summary.lockoutFails.join(', ') || 'none'}. Sets per order differing from SCRAM's: ` +
      `${summary.countMismatches.join(', ') || 'none'}. Probabilities outside SCRAM's printed precision: ` +
      `${summary.probabilityMismatches.join(', ') || 'none'}. Probability against BuDDy's exact value: largest ` +
      `relative error ${formatRelativeError(summary.worstExactRelativeError)} over ${summary.exactCompared} rows; ` +
      `beyond ${EXACT_TOLERANCE}: ${summary.exactMismatches.join(', ') || 'none'}.`,
    '',
    '"SCRAM sets": "=" when SCRAM found the same number of sets of every order (its `distribution`), otherwise its ' +
      'total. "P agrees": Lockout\'s exact probability is within half a unit of the 6th significant digit of the value ' +
      'SCRAM prints (it prints 6 significant digits). Where SCRAM timed out at -l 20, its probability comes from its ' +
      '-l 3 run, which with `--bdd` is the same exact value ("(-l 3)"). "P rel. error vs BuDDy": |P(Lockout) − P| / P, ' +
      'where P is the full-precision exact value BuDDy gave (test/fixtures/exact-probability.json, computed by ' +
      'scripts/exact-probability.py, which shares no code with Lockout; not rerun by the benchmark); the target is ' +
      `${EXACT_TOLERANCE}, "NO" beyond it. Both tools truncate at the order limit: sets of ` +
      'more than -l events are neither counted nor listed. On non-coherent trees (NOT gates) SCRAM, without ' +
      '`--prime-implicants`, reports minimal cut sets with the complemented events dropped: its counts mean that.',
    '',
    '### Sets per order',
    '',
    'Lockout\'s count of lockout (minimal cut) sets of order 1, 2, 3, …; SCRAM\'s when it differs ("=" when equal).',
    '',
    table(['Tree', '-l', 'Lockout: sets of order 1, 2, …', 'SCRAM'], distributions, 'lrll'),
  ].join('\n');
}

function orgMarkdown(results) {
  const lines = ['## Organization scale', ''];
  lines.push(
    'Generated inventories (`node bench/org-inventory.mjs --accounts N`): one management account paying for its ' +
      'members, one account in 25 outside consolidated billing paying by card; four administrators (phone, laptop, ' +
      'mobile number; two passports), two finance staff, an identity provider, a mail provider, three shared mail ' +
      'domains with a group root address each, three shared cards, one security key per root (two for the ' +
      'management account and every tenth account), root passwords in a team vault behind the identity provider. ' +
      'The inventory format has no factor type for an online service, so the identity and mail providers are ' +
      'declared as password stores. Nothing is lost, and no mailbox depends on a domain hosted in the Organization. ' +
      'Two things keep SCRAM from answering on its MEF export, and neither is a fault of the inventory: the facts ' +
      "left unknown by design (the providers' undeclared primary domains, an undocumented tenant recovery, no " +
      'principal allowed sts:AssumeRoot) are exported as already-lost events, which SCRAM ignores (the engine is ' +
      'told to ignore them too, with --ignore-recorded-losses); and the administrators of the identity and mail ' +
      "providers reset one another's sign-ins, their own included, which is a cycle in the graph. The engine reads " +
      'a cycle as it is meant (a sign-in cannot be reset by way of itself); SCRAM refuses it. So both tools are ' +
      'given the export with each reference that closes a cycle replaced by a lost input (`bench/acyclic-mef.mjs`): ' +
      'one graph for both, close to the recovery graph but not its own answer.',
    '',
    'Library phases run in one process (`node --expose-gc bench/org-run.mjs`), pinned to one core, once. "Peak RSS" ' +
      'is the process\'s peak resident memory so far at the end of the phase (it only grows); "heap" is the V8 heap ' +
      'in use after the phase, after a garbage collection.',
    '',
  );
  for (const result of results) {
    lines.push(`### ${formatCount(result.accounts)} accounts`, '');
    const library = result.library;
    if (library === undefined) {
      lines.push(
        `Library phases: ${result.phasesRun.status} after ${formatSeconds(result.phasesRun.seconds)} s: ${result.phasesRun.error ?? ''}`,
        '',
      );
    } else {
      lines.push(
        `Inventory: ${formatMiB(library.yamlBytes / 2 ** 20)} MiB of YAML; recovery graph: ${formatCount(library.graph.gates)} gates, ` +
          `${formatCount(library.graph.events)} events, ${formatCount(library.graph.capabilities)} capabilities (4 per account).`,
        '',
        table(
          ['Phase', 'Time', 'Peak RSS so far (MiB)', 'Heap after (MiB)'],
          library.phases.map((phase) => [
            phase.name,
            `${formatSeconds(phase.seconds)} s`,
            formatMiB(phase.peakRssMiB),
            formatMiB(phase.heapMiB),
          ]),
          'lrrr',
        ),
        '',
      );
      const spof = library.phases.find((phase) =>
        phase.name.startsWith('single points of failure, every capability'),
      );
      const compile = library.phases.find((phase) => phase.name.startsWith('compile'));
      const sets = library.phases.find((phase) => phase.name.startsWith('every lockout set'));
      const graph = library.phases.find((phase) => phase.name.startsWith('build recovery graph'));
      const spofAndSets = compile.seconds + spof.seconds + sets.seconds;
      lines.push(
        `- Single points of failure and every lockout set of order ≤ 2 for all ${formatCount(library.graph.capabilities)} ` +
          `capabilities, from the built graph (compile + SPOF + sets): **${formatSeconds(spofAndSets)} s** ` +
          `(${formatSeconds(spofAndSets + graph.seconds)} s with building the graph; target < 2 s: ` +
          `${spofAndSets + graph.seconds < 2 ? 'met' : 'missed'}). ${formatCount(library.singlePoints.count)} single points ` +
          `of failure over ${formatCount(library.singlePoints.capabilitiesWithOne)} capabilities; ` +
          `${formatCount(library.setsOfOrderAtMost2.listed)} sets of order ≤ 2 listed.`,
        `- What-if, as \`lockout whatif\` runs it on the built graph (every capability, no path listing), median of 5: ` +
          library.whatIf
            .map(
              (w) =>
                `lose ${w.losses.join(' + ')}: **${formatMs(w.median)}** (first ${formatMs(w.first)}; ${formatCount(w.lostCapabilities)} capabilities lost)`,
            )
            .join('; ') +
          `. Target < 50 ms: ${library.whatIf.every((w) => w.median < 0.05) ? 'met' : 'missed'}. ` +
          `Restricted to one account's ${library.whatIfOneAccount.tops} capabilities: ${formatMs(library.whatIfOneAccount.median)}.`,
      );
      if (library.dashboard) {
        lines.push(
          `- Dashboard scenario, as \`lockout serve\` answers the what-if panel (\`SituationModel.evaluate\`: every ` +
            `capability's colour, ways, single points, lockout sets of order ≤ 6 and fastest way back), median of 3: ` +
            library.dashboard
              .map(
                (d) =>
                  `${d.lost.length === 0 ? 'as things stand' : `lose ${d.lost.join(' + ')}`}: **${formatMs(d.median)}** ` +
                  `(first ${formatMs(d.first)}; ${formatCount(d.redCapabilities)} capabilities red)`,
              )
              .join('; ') +
            '.',
        );
      }
      if (library.organizationSets) {
        lines.push(
          `- Organization-wide lockout sets of order ≤ 2 (\`organizationLockoutSets\`, the minimised union of the ` +
            `accounts' sets): ${library.organizationSets.count}; the widest takes ${formatCount(library.organizationSets.widest)} accounts.`,
        );
      }
    }
    const cli = (what, run) =>
      run === undefined
        ? ''
        : `${what}: ${run.status === 'ok' ? `${formatSeconds(run.seconds)} s, ${formatMiB(run.maxRssMiB)} MiB peak` : `${run.status} after ${formatSeconds(run.seconds)} s ${run.error ?? ''}`}`;
    lines.push(
      `- Whole commands: ${[cli('`lockout check FILE -f json`', result.check), cli('`lockout export FILE --format mef`', result.export)].filter(Boolean).join('; ')}.`,
    );
    const watch = result.watch;
    if (watch !== undefined)
      lines.push(
        watch.status === 'ok'
          ? `- \`lockout watch FILE --offline --webhook\`, the first round (every condition new, ${formatCount(watch.alerts)} alerts) ` +
              `to a webhook on 127.0.0.1: ${formatSeconds(watch.seconds)} s, ${formatMiB(watch.maxRssMiB)} MiB peak; ` +
              `${formatCount(watch.posts)} POSTs, ${formatMB(watch.postedBytes, 1)} MB in all, the largest ` +
              `${formatMB(watch.largestPostBytes, 2)} MB (a message over 1 MB goes in parts); the store after it ` +
              `${formatMiB(watch.storeMiB)} MiB.`
          : `- \`lockout watch\`, the first round: ${watch.status} ${watch.error ?? ''}`,
      );
    if (result.scram !== undefined) {
      const scram = result.scram;
      const engine = result.engine;
      lines.push(
        `- Same graph through MEF (${formatMiB(result.mefMiB)} MiB, ${result.lostEvents} already-lost events` +
          (result.cycleCuts === undefined
            ? ''
            : `, ${formatCount(result.cycleCuts)} references closing a cycle cut`) +
          `), -l 2, every top gate ` +
          `(gates no other gate uses: the members' capabilities and the management account's notices): ` +
          `SCRAM ${scram.status === 'ok' ? `${formatSeconds(scram.seconds)} s, ${formatMiB(scram.maxRssMiB)} MiB, ${formatCount(scram.topCount)} tops, ${formatCount(scram.sets)} sets` : `${scram.status}: ${scram.error ?? ''}`}; ` +
          `Lockout engine ${engine.status === 'ok' ? `${formatSeconds(engine.seconds)} s, ${formatMiB(engine.maxRssMiB)} MiB, ${formatCount(engine.tops)} tops, ${formatCount(engine.sets)} sets` : `${engine.status}: ${engine.error ?? ''}`}` +
          (scram.status === 'ok' && engine.status === 'ok'
            ? `; ratio ${formatRatio(engine.seconds / scram.seconds)} time, ${formatRatio(engine.maxRssMiB / scram.maxRssMiB)} memory`
            : '') +
          (result.agreement
            ? `; sets per order agree on ${formatCount(result.agreement.agree)} of ${formatCount(result.agreement.tops)} tops` +
              (result.agreement.differing.length > 0
                ? ` (differing: ${result.agreement.differing.join(', ')}…)`
                : '')
            : '') +
          '.',
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

function scanMarkdown(scan) {
  const lines = ['## Scan scale (moto_server)', ''];
  if (scan.skipped) return [...lines, `Not run: ${scan.skipped}.`, ''].join('\n');
  if (scan.error) return [...lines, `Not run: ${scan.error}.`, ''].join('\n');
  lines.push(
    'An Organization built in moto 5.2.1 by `bench/moto-org.py` at every size: the calls of ' +
      "`test/aws/organization-fixture.ts`, in its order, through boto3 to moto's in-process mock (no HTTP per call; " +
      "test/aws/python-organization.test.ts checks that a scan sees the same facts as on the fixture's build), then " +
      "served on 127.0.0.1 by moto's threaded server (the one moto_server runs), with moto's access-key-to-account " +
      "lookup indexed (moto loops over every account and partition on each request: its cost, not AWS's). Then `lockout scan --org --endpoint-url URL --max-attempts 1 --no-store --format json` timed as a whole process " +
      '(not pinned: moto shares the machine). "AWS part" is when the scan\'s progress line reported every member ' +
      'done; the rest is reconciling, the analysis, the checks and the report. With --max-attempts 1 there can be no ' +
      'retry, and moto never throttles. * from the progress line (members done and failed, plus the management ' +
      'account), when the scan gave no report.',
    '',
  );
  lines.push(
    table(
      [
        'Members',
        'Build (s)',
        'Scan wall (s)',
        'AWS part (s)',
        'Peak MiB',
        'Accounts',
        'Reached',
        'Lost',
        'API calls',
        'Calls/account',
        'Retries',
        'Result',
      ],
      scan.runs.map((run) => [
        formatCount(run.members),
        formatSeconds(run.buildSeconds),
        formatSeconds(run.scanSeconds),
        formatSeconds(run.awsSeconds),
        run.scan ? formatMiB(run.scanPeakRssMiB) : '—',
        // Without the report (a timeout), the progress line still counts the members done and failed.
        run.scan
          ? formatCount(run.scan.accounts)
          : run.progress
            ? `${formatCount(run.progress.total + 1)}*`
            : '—',
        run.scan
          ? formatCount(run.scan.reached)
          : run.progress
            ? `${formatCount(run.progress.done - run.progress.failed + 1)}*`
            : '—',
        run.scan ? run.scan.failed : run.progress ? `${run.progress.failed}*` : '—',
        run.scan ? formatCount(run.scan.apiCalls) : '—',
        run.scan ? (run.scan.apiCalls / run.scan.accounts).toFixed(1) : '—',
        run.scan?.retries ?? '—',
        run.error === undefined
          ? 'ok'
          : `${run.error}${run.awsSeconds ? ` (every member scanned after ${formatSeconds(run.awsSeconds)} s; the rest of the time went to what follows)` : ''}`,
      ]),
      'rrrrrrrrrrrl',
    ),
    '',
  );
  for (const run of scan.runs.filter((r) => r.apart !== undefined)) {
    const load = (values) => values.map((v) => v.toFixed(2)).join(', ');
    const conditions = [
      `${run.startedAt ?? 'start not recorded'} to ${run.endedAt ?? 'end not recorded'}`,
      ...(run.loadBefore && run.loadAfter
        ? [`load average ${load(run.loadBefore)} before, ${load(run.loadAfter)} after`]
        : []),
      ...(run.conditions ? [run.conditions] : []),
    ];
    lines.push(
      `- ${formatCount(run.members)} members: measured apart from this run (\`node bench/scan-run.mjs --members ${run.members}\`; ` +
        `${conditions.join('; ')}), and joined here with --scan-result.`,
    );
  }
  if (scan.runs.some((r) => r.apart !== undefined)) lines.push('');
  return lines.join('\n');
}

function startupMarkdown(results) {
  const lines = ['## CLI start-up', ''];
  lines.push(
    `Whole-process wall time, pinned to one core, ${results[0]?.runs ?? 10} runs after 2 warm-ups ` +
      `(${results[0]?.tool === 'hyperfine' ? 'hyperfine -N' : 'timed by the runner'}); \`node -e 0\` is Node's own ` +
      'start-up, for scale.',
    '',
    table(
      ['Command', 'Median', 'Min', 'Max', 'Target'],
      results.map((result) => [
        `\`${result.name}\``,
        formatMs(result.median),
        formatMs(result.min),
        formatMs(result.max),
        result.target === null
          ? '—'
          : `< ${formatMs(result.target)}: ${result.median < result.target ? 'met' : 'missed'}`,
      ]),
      'lrrrl',
    ),
    '',
  );
  return lines.join('\n');
}

/**
 * The floor under `lockout check`'s time (bench/check-floor.mjs): a process that only starts, loads the same file
 * with js-yaml and writes the same answer, timed as `lockout check` is, less its untimed parse of that answer.
 */
function measureCheckFloor(yaml, answer, work, options) {
  const answerFile = path.join(work, 'check-answer.json');
  writeFileSync(answerFile, answer);
  log('org: the floor under lockout check (start, js-yaml load, write of the same answer)');
  const floors = [];
  for (let at = 0; at < CHECK_RUNS; at++) {
    const run = measured(
      process.execPath,
      [path.join(benchDir, 'check-floor.mjs'), '--yaml', yaml, '--answer', answerFile],
      { core: options.core, timeout: 600 },
    );
    if (run.status !== 'ok') {
      rmSync(answerFile, { force: true });
      return { status: run.status, error: firstLines(run.stderr) };
    }
    floors.push(run.seconds - JSON.parse(run.stderr.trim().split('\n').at(-1)).answerParseSeconds);
  }
  rmSync(answerFile, { force: true });
  return { status: 'ok', seconds: median(floors), answerMiB: Buffer.byteLength(answer) / 2 ** 20 };
}

/** Runs of `lockout check` and of its floor at each size; the median is reported. */
const CHECK_RUNS = 3;

/** Issue 15's targets for the whole `lockout check` process: time against a js-yaml load of its file, peak memory. */
const CHECK_RATIO_TARGET = 4;
const CHECK_RSS_TARGET_MIB = 800;

/**
 * An Organization's first watch round, whole process: every condition is new, so it is the largest message
 * `lockout watch` sends (at 10,000 accounts, 125,000 alerts). Sent to a webhook receiver on 127.0.0.1
 * (watch-receiver.mjs), with the store in the work folder: how long, how much memory, how many POSTs and the
 * largest, and how large the store is after.
 */
function measureWatchRound(yaml, work, options) {
  const statsFile = path.join(work, 'watch-receiver.json');
  const receiver = spawn(process.execPath, [path.join(benchDir, 'watch-receiver.mjs'), statsFile], {
    stdio: 'ignore',
  });
  try {
    const readStats = () => (existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined);
    for (let waited = 0; readStats() === undefined && waited < 100; waited++)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const port = readStats()?.port;
    if (port === undefined) return { status: 'error', error: 'the local webhook receiver did not start' };
    const home = path.join(work, 'watch-home');
    const run = measured(
      process.execPath,
      [path.join(repoRoot, 'bin', 'lockout.js'), 'watch', yaml, '--offline', '--webhook', 'bench'],
      {
        core: options.core,
        timeout: 1200,
        env: {
          ...process.env,
          LOCKOUT_HOME: home,
          LOCKOUT_WEBHOOK_BENCH_URL: `http://127.0.0.1:${port}/`,
          LOCKOUT_WEBHOOK_BENCH_KEY: 'bench-key-not-a-secret-0123456789',
        },
      },
    );
    const stats = readStats();
    const store = path.join(home, 'lockout.db');
    return {
      status: run.status,
      seconds: run.seconds,
      maxRssMiB: run.maxRssMiB,
      error: run.status === 'ok' ? undefined : firstLines(run.stderr),
      alerts: Number(/(\d[\d,]*) new/.exec(run.stdout)?.[1]?.replace(/,/g, '') ?? NaN),
      posts: stats?.posts,
      postedBytes: stats?.bytes,
      largestPostBytes: stats?.largest,
      storeMiB: existsSync(store) ? statSync(store).size / 2 ** 20 : undefined,
    };
  } finally {
    receiver.kill();
  }
}

/**
 * `lockout check` of an Organization against its targets: its whole-process time within 4× a plain js-yaml load
 * of the same file (the load measured in the same run, by org-run.mjs: a median in one process) and its peak RSS
 * under 800 MiB. Targeted at 10,000 accounts; other sizes are reported against the same bounds.
 */
function checkTargets(org) {
  const check = org.check;
  if (check === undefined) return [];
  const accounts = formatCount(org.accounts);
  if (check.status !== 'ok')
    return [
      { met: false, text: `${accounts} accounts: \`lockout check\` did not finish (${check.status}).` },
    ];
  const jsYaml = org.library?.loadRatio?.jsYaml;
  const targets = [];
  if (typeof jsYaml === 'number') {
    const ratio = check.seconds / jsYaml;
    targets.push({
      met: ratio <= CHECK_RATIO_TARGET,
      text:
        `${accounts} accounts: \`lockout check --format json\` within ${CHECK_RATIO_TARGET}× a plain js-yaml load of ` +
        `its inventory: ${formatRatio(ratio)} (${formatSeconds(check.seconds)} s whole process, median of ${check.runs?.length ?? 1} runs, against ${formatMs(jsYaml)}).` +
        floorText(org.checkFloor, jsYaml, check.seconds),
    });
  }
  targets.push({
    met: check.maxRssMiB < CHECK_RSS_TARGET_MIB,
    text:
      `${accounts} accounts: \`lockout check --format json\` peak RSS under ${CHECK_RSS_TARGET_MIB} MiB: ` +
      `${formatMiB(check.maxRssMiB)} MiB.`,
  });
  return targets;
}

/** How much of the target the floor takes, and what is left of it for the tool's own work against what that work takes. */
function floorText(floor, jsYaml, seconds) {
  if (floor?.status !== 'ok') return '';
  const budget = CHECK_RATIO_TARGET * jsYaml;
  const left = budget - floor.seconds;
  return (
    ` Floor: ${formatRatio(floor.seconds / jsYaml)} (${formatSeconds(floor.seconds)} s: Node's start, a cold js-yaml load ` +
    `and the write of the same ${formatMiB(floor.answerMiB)} MiB answer), ` +
    (left > 0
      ? `leaving ${formatMs(left)} of the ${CHECK_RATIO_TARGET}× for the recovery graph, analysis, checks and report`
      : `beyond the ${CHECK_RATIO_TARGET}× by itself, leaving nothing for the recovery graph, analysis, checks and report`) +
    `, which take ${formatMs(seconds - floor.seconds)} above the floor.`
  );
}

/** The issue's targets, each met or missed with its number, for the top of the document. */
function targetsMarkdown(results, options) {
  const lines = ['## Targets at a glance', ''];
  const item = (met, text) => lines.push(`- ${met === null ? 'n/a' : met ? 'met' : '**missed**'}: ${text}`);
  if (results.aralia) {
    const summary = araliaSummary(results.aralia);
    item(
      summary.countsLockoutWrong.length === 0 && summary.probabilityMismatches.length === 0,
      `Aralia: sets per order and probability equal to SCRAM's wherever both finished, or, where they differ, ` +
        `Lockout's equal to an independent brute force (differing sets: ${summary.countMismatches.join(', ') || 'none'}` +
        `${summary.countMismatches.length > 0 ? ' — see docs/das9701.md' : ''}; probabilities: ` +
        `${summary.probabilityMismatches.join(', ') || 'none'}).`,
    );
    item(
      summary.exactCompared === 0 ? null : summary.exactMismatches.length === 0,
      `Aralia: probability within ${EXACT_TOLERANCE} (relative) of the exact reference (BuDDy) on ` +
        `${summary.exactCompared} rows; largest relative error ${formatRelativeError(summary.worstExactRelativeError)} ` +
        `(beyond: ${summary.exactMismatches.join(', ') || 'none'}; not compared: ` +
        `${summary.exactNotCompared.join(', ') || 'none'}).`,
    );
    item(
      summary.lockoutFails.length === 0,
      `Aralia: every tree finished by Lockout within ${options.timeout} s (not finished: ` +
        `${summary.lockoutFails.join(', ') || 'none'}); median time ratio Lockout/SCRAM ` +
        `${formatRatio(summary.medianTimeRatio)} over the ${summary.bothFinished} rows both finished.`,
    );
  }
  for (const org of results.org ?? []) {
    const library = org.library;
    if (library === undefined) {
      item(
        false,
        `${formatCount(org.accounts)} accounts: the library phases did not finish (${org.phasesRun.status}).`,
      );
      continue;
    }
    const phase = (prefix) => library.phases.find((p) => p.name.startsWith(prefix))?.seconds ?? 0;
    const spofAndSets =
      phase('build recovery graph') +
      phase('compile') +
      phase('single points of failure, every capability') +
      phase('every lockout set');
    item(
      spofAndSets < 2,
      `${formatCount(org.accounts)} accounts: graph, single points of failure and every lockout set of order ≤ 2 in ` +
        `${formatSeconds(spofAndSets)} s (target < 2 s; peak RSS ${formatMiB(library.maxRssKiB / 1024)} MiB for the whole run).`,
    );
    const worst = Math.max(...library.whatIf.map((w) => w.median));
    item(
      worst < 0.05,
      `${formatCount(org.accounts)} accounts: what-if over every capability ${library.whatIf.map((w) => formatMs(w.median)).join(', ')} ` +
        `(target < 50 ms; one account's capabilities only: ${formatMs(library.whatIfOneAccount.median)}).`,
    );
    if (library.dashboard) {
      const slowest = Math.max(...library.dashboard.map((d) => d.median));
      // The target is a dashboard click at 1,000 accounts; larger Organizations are reported.
      const targeted = org.accounts <= 1000;
      item(
        targeted ? slowest < 1 : null,
        `${formatCount(org.accounts)} accounts: dashboard scenario ${library.dashboard.map((d) => formatMs(d.median)).join(', ')} ` +
          `(${targeted ? 'target < 1 s' : 'no target'}).`,
      );
    }
    const load = phase('load inventory');
    item(
      null,
      `${formatCount(org.accounts)} accounts: loading the inventory takes ${formatSeconds(load)} s (its first load; ` +
        `\`lockout check\` ${formatSeconds(org.check?.seconds)} s, \`lockout export\` ${formatSeconds(org.export?.seconds)} s).`,
    );
    for (const target of checkTargets(org)) item(target.met, target.text);
    const ratio = library.loadRatio;
    if (ratio) {
      item(
        ratio.ratio <= 1.5,
        `${formatCount(org.accounts)} accounts: loading the inventory within 1.5× of a plain js-yaml load of the same file: ` +
          `${formatRatio(ratio.ratio)} (${formatMs(ratio.parseYaml)} against ${formatMs(ratio.jsYaml)}, medians of ${ratio.runs} ` +
          `runs in one process); as JSON ${formatMs(ratio.parseJson)} against JSON.parse ${formatMs(ratio.jsonParse)} ` +
          `(${formatRatio(ratio.jsonRatio)}, no target).`,
      );
    }
  }
  if (results.scanJudge)
    for (const target of scanJudgeTargets(results.scanJudge)) item(target.met, target.text);
  for (const run of results.scan?.runs ?? []) {
    const lost = run.scan?.failed ?? run.progress?.failed;
    const perAccount = run.scan ? run.scan.apiCalls / run.scan.accounts : undefined;
    // Issue 15 at 10,000 members: nothing lost, no throttle left unhandled, at most 20 calls an account, < 1 GiB.
    const targeted = run.members >= 10000;
    const met =
      run.scan !== undefined &&
      run.scan.failed === 0 &&
      (!targeted || (perAccount <= 20 && run.scanPeakRssMiB < 1024));
    const share =
      run.motoCpuSeconds !== undefined && run.scanSeconds
        ? `; moto's CPU ${formatSeconds(run.motoCpuSeconds)} s against the scan's own ${formatSeconds(run.scanCpuSeconds)} s ` +
          `(${Math.round((100 * run.motoCpuSeconds) / (run.motoCpuSeconds + run.scanCpuSeconds))}% of the CPU spent in moto)`
        : '';
    item(
      met,
      `scan of ${formatCount(run.members)} members: ` +
        (run.scan !== undefined
          ? `${formatSeconds(run.scanSeconds)} s, ${perAccount.toFixed(1)} API calls per account${targeted ? ' (target ≤ 20)' : ''}, ` +
            `${run.scan.retries} retries, ${run.scan.failed} accounts lost, peak RSS ${formatMiB(run.scanPeakRssMiB)} MiB` +
            `${targeted ? ' (target < 1024)' : ''}${share}`
          : `${run.error ?? 'no result'}${run.awsSeconds ? `; the AWS part ended after ${formatSeconds(run.awsSeconds)} s` : ''}` +
            (lost === undefined ? '' : ` with ${lost} accounts lost`)) +
        '.',
    );
  }
  if (results.scan?.skipped) lines.push(`- n/a: scan: ${results.scan.skipped}.`);
  for (const dashboard of [results.dashboard, results.dashboardVaried]) {
    if (!dashboard?.met) continue;
    const at = `dashboard, ${dashboard.varied ? 'varied ' : ''}Organization of ${formatCount(dashboard.accounts)} accounts`;
    item(
      dashboard.met.firstLoadBytes,
      `${at}: first load ${formatMiB(dashboard.firstLoadBytes / 2 ** 20)} MiB (target < 5).`,
    );
    item(
      dashboard.met.usableMs,
      `${at}: usable in ${formatSeconds(dashboard.usableMs / 1000)} s (target < 3).`,
    );
    item(
      dashboard.met.clickMs,
      `${at}: every what-if click on one account's factor under 300 ms: slowest ${dashboard.clickMaxMs?.toFixed(0)} ms, ` +
        `median ${dashboard.clickMedianMs?.toFixed(0)} ms.`,
    );
    if (dashboard.sharedClickMaxMs != null)
      item(
        dashboard.met.sharedClickMs,
        `${at}: every what-if click on a factor many accounts share under 300 ms: slowest ` +
          `${dashboard.sharedClickMaxMs.toFixed(0)} ms, median ${dashboard.sharedClickMedianMs.toFixed(0)} ms ` +
          `(${dashboard.sharedClickMs.map((ms) => ms.toFixed(0)).join(', ')} on ${dashboard.sharedClickedFactors.join(', ')}, each lost then got back).`,
      );
  }
  for (const result of results.startup ?? []) {
    if (result.target !== null) {
      item(
        result.median < result.target,
        `\`${result.name}\`: ${formatMs(result.median)} median (target < ${formatMs(result.target)}).`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

function document(results, options) {
  const m = results.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`${results.command}\` on ${m.date.slice(0, 10)} (${m.date}); ` +
      `${options.quick ? 'the quick subset' : 'the full benchmark'}, ${(results.wallSeconds / 60).toFixed(1)} minutes of wall time.`,
    '',
    `- Machine: ${m.cpu}, ${m.nproc} cores (\`nproc\`), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.kernel}.`,
    `- Versions: Lockout ${m.lockout} (commit ${m.commit}${m.uncommitted ? ', with uncommitted changes in the working tree' : ''}), ` +
      `Node ${m.node}, SCRAM ${m.scram}${m.hyperfine ? `, ${m.hyperfine}` : ''}.`,
    `- Load: other work shared the machine (load average ${m.loadBefore.map((x) => x.toFixed(2)).join(', ')} at the start, ` +
      `${results.loadAfter.map((x) => x.toFixed(2)).join(', ')} at the end, over 1, 5 and 15 minutes). Each measured run is ` +
      `pinned to core ${options.core} with \`taskset\`, one at a time; the other core is not reserved, so times carry some noise.`,
    `- Limits: ${options.timeout} s per run of either tool on a tree (\`timeout\`); SCRAM under \`prlimit --as=8GiB\` as in ` +
      'test/fixtures/scram-reference.json; peak memory is `/usr/bin/time -f %M` (peak resident set).',
    '',
  ];
  lines.push(targetsMarkdown(results, options));
  if (results.aralia) lines.push(araliaMarkdown(results.aralia, options), '');
  if (results.org) lines.push(orgMarkdown(results.org));
  if (results.scanJudge) lines.push(scanJudgeMarkdown(results.scanJudge));
  if (results.scan) lines.push(scanMarkdown(results.scan));
  if (results.startup) lines.push(startupMarkdown(results.startup));
  if (results.dashboard) lines.push(dashboardMarkdown(results.dashboard));
  if (results.dashboardVaried) lines.push(dashboardMarkdown(results.dashboardVaried));
  if (results.missing?.length > 0)
    lines.push('## Not measured', '', ...results.missing.map((text) => `- ${text}`), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------------------

/** Writes the document as Prettier formats it, so that `npm run lint` accepts the committed file. */
async function writeDocument(file, markdown) {
  let text = markdown;
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    text = await prettier.format(markdown, { ...config, filepath: file });
  } catch (error) {
    log(`prettier could not format ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  writeFileSync(file, text);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.render !== undefined) {
    const saved = JSON.parse(readFileSync(options.render, 'utf8'));
    const markdown = document(saved, { ...options, ...saved.options });
    process.stdout.write(markdown);
    if (options.write !== undefined) await writeDocument(options.write, markdown);
    return;
  }
  const started = performance.now();
  const results = {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    options: { quick: options.quick, runs: options.runs, timeout: options.timeout, core: options.core },
    machine: machine(),
  };
  if (!existsSync(path.join(repoRoot, 'dist', 'bundle', 'analysis.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  }
  if (options.sections.includes('aralia')) results.aralia = runAralia(options);
  if (options.sections.includes('org')) {
    results.org = runOrganizations(options);
    results.scanJudge = runScanJudge(options);
  }
  if (options.sections.includes('scan')) results.scan = runScans(options);
  for (const file of options.scanResults ?? []) {
    // The file is scan-run.mjs's output (one JSON line after any log lines) or that line reformatted.
    const text = readFileSync(file, 'utf8').trim();
    const run = JSON.parse(text.startsWith('{') ? text : text.split('\n').at(-1));
    const scan = (results.scan ??= { runs: [] });
    delete scan.skipped;
    (scan.runs ??= []).push({ ...run, apart: path.basename(file) });
    scan.runs.sort((a, b) => a.members - b.members);
  }
  if (options.sections.includes('startup')) results.startup = runStartup(options, results.machine.hyperfine);
  // The dashboard in headless Chromium at 10,000 accounts (bench/dashboard-run.mjs; 1,000 with --quick).
  // Then on the varied Organization, whose roots are set up each its own way: about 2,000 shapes, not dozens.
  if (options.sections.includes('dashboard')) {
    results.dashboard = runDashboard({ accounts: options.quick ? 1000 : 10_000, log });
    results.dashboardVaried = runDashboard({ accounts: options.quick ? 1000 : 10_000, varied: true, log });
  }
  results.loadAfter = os.loadavg();
  results.wallSeconds = (performance.now() - started) / 1000;
  const markdown = document(results, options);
  process.stdout.write(markdown);
  if (options.write !== undefined) await writeDocument(options.write, markdown);
  if (options.json !== undefined) writeFileSync(options.json, `${JSON.stringify(results, null, 1)}\n`);
}

await main();
