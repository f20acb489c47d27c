/**
 * Regenerates test/fixtures/exact-probability.json: the exact top-event probability, to full double precision, of
 * every model in test/fixtures/scram-reference.json (the 43 Aralia trees and the real-probability inputs packaged
 * with SCRAM), computed by scripts/exact-probability.py with BuDDy (Debian's libbdd0c2). SCRAM prints 6
 * significant digits; this second reference, independent of Lockout's engine, lets the tests and the benchmark
 * check the engine's probability to a relative error of 1e-9.
 *
 * Usage (from anywhere; paths are resolved against the repository root):
 *
 *     node scripts/exact-probability-reference.mjs [--only chinese,baobab1] [--timeout 120] [--memory-gib 8]
 *
 * Each model is one run, `python3 scripts/exact-probability.py <files>`, from the repository root, one at a time,
 * wrapped in `prlimit --as=<memory>` and `timeout <seconds>`. The probability does not depend on SCRAM's order
 * limit, so a model run by SCRAM at -l 3 and -l 20 has one entry here. A run that does not finish is recorded with
 * status "timeout" or "error" and the reason, so tests can tell "too big for BuDDy here" from "never tried".
 *
 * The JSON is rewritten after every run; with `--only`, entries of other models are kept from the existing file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compactArrays, parseReferenceArguments, repoRoot } from './reference-options.mjs';

const outputFile = path.join(repoRoot, 'test', 'fixtures', 'exact-probability.json');
const scramReferenceFile = path.join(repoRoot, 'test', 'fixtures', 'scram-reference.json');
const script = 'scripts/exact-probability.py';

/** One run per model (tree, source, files) of the SCRAM reference, in its order. */
function plannedRuns() {
  const scram = JSON.parse(readFileSync(scramReferenceFile, 'utf8'));
  const runs = [];
  for (const entry of scram.entries) {
    const key = `${entry.source}:${entry.paths.join(' ')}`;
    if (runs.some((run) => run.key === key)) continue;
    runs.push({ key, tree: entry.tree, source: entry.source, path: entry.path, paths: entry.paths });
  }
  return runs;
}

function pythonVersion() {
  const result = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error('python3 is not installed');
  return (result.stdout || result.stderr).trim().replace(/^Python\s+/, '');
}

/** The Debian package's version (e.g. 2.4+dfsg-1), or null when dpkg does not know it. */
function buddyPackage() {
  const result = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'libbdd0c2'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '' ? `libbdd0c2 ${result.stdout.trim()}` : null;
}

function errorText(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-3)
    .join(' | ')
    .slice(0, 300);
}

function runOnce(run, options) {
  const args = [script, ...run.paths, '--time-limit', String(options.timeout)];
  const entry = {
    tree: run.tree,
    source: run.source,
    path: run.path,
    paths: run.paths,
    command: ['python3', ...args].join(' '),
  };
  const memoryBytes = Math.round(options.memoryGib * 2 ** 30);
  const argv = [
    `--as=${memoryBytes}`,
    '--',
    'timeout',
    '-k',
    '5',
    // A little over the script's own limit, which it checks between BDD operations: this one stops a single
    // operation that runs on.
    String(options.timeout + 10),
    'python3',
    ...args,
  ];
  const started = performance.now();
  const result = spawnSync('prlimit', argv, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = Math.round(performance.now() - started) / 1000;
  if (result.status === 124 || (result.status === 137 && seconds >= options.timeout)) {
    return { ...entry, status: 'timeout', seconds, error: `no result within ${options.timeout} s` };
  }
  if (result.status !== null && result.status > 128) {
    // BuDDy does not survive a failed allocation (it writes past a table it could not grow): under prlimit that
    // is a SIGSEGV rather than its "out of memory" error.
    const signal = result.status - 128;
    const why = `killed by signal ${signal}${signal === 11 ? ' (BuDDy ran out of memory under prlimit)' : ''}`;
    return { ...entry, status: 'error', seconds, error: why };
  }
  let output;
  try {
    output = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    const why = errorText(result.stderr ?? '') || `exit status ${result.status} (signal ${result.signal})`;
    return { ...entry, status: 'error', seconds, error: why };
  }
  const figures = {
    top: output.top ?? null,
    variables: output.variables ?? null,
    bddNodes: output.bddNodes ?? null,
    buddyVersion: output.buddyVersion ?? null,
  };
  if (output.status !== 'ok') {
    const status = output.status === 'timeout' ? 'timeout' : 'error';
    return { ...entry, status, ...figures, seconds, error: output.error };
  }
  return {
    ...entry,
    status: 'ok',
    ...figures,
    probability: output.probability,
    probabilityText: output.probabilityText,
    seconds,
  };
}

function writeOutput(options, versions, entries) {
  const order = plannedRuns().map((run) => run.key);
  const key = (entry) => `${entry.source}:${entry.paths.join(' ')}`;
  const document = {
    description:
      'Exact top-event probabilities, to full double precision, computed with BuDDy by ' +
      'scripts/exact-probability.py for every model of test/fixtures/scram-reference.json. ' +
      'Regenerate with `node scripts/exact-probability-reference.mjs`.',
    notes: [
      'Each command was run from the repository root, one at a time, under prlimit ' +
        `--as=${options.memoryGib}GiB and a time limit of ${options.timeout} s.`,
      'The script reads the MEF files itself (xml.etree), builds the BDD with BuDDy through ctypes, variables in ' +
        'depth-first order from the top, and sums the probability by a Shannon expansion over the BDD in plain ' +
        'double arithmetic. It shares no code with Lockout.',
      'probability is the double the script printed (JSON round-trips it exactly); probabilityText is the same ' +
        'value with 17 significant digits. seconds is the whole process; bddNodes the nodes of the top BDD.',
      'status "timeout": no result within the limit; "error": BuDDy or the model reading failed, see error.',
    ],
    buddy: versions.buddy,
    python: versions.python,
    entries: [...entries].sort((a, b) => order.indexOf(key(a)) - order.indexOf(key(b))),
  };
  writeFileSync(outputFile, `${compactArrays(JSON.stringify(document, null, 2))}\n`);
}

function main() {
  const options = parseReferenceArguments(process.argv.slice(2));
  const versions = { buddy: buddyPackage(), python: pythonVersion() };
  const runs = plannedRuns().filter((run) => options.only === null || options.only.has(run.tree));
  const kept = [];
  if (options.only !== null && existsSync(outputFile)) {
    const previous = JSON.parse(readFileSync(outputFile, 'utf8'));
    kept.push(...previous.entries.filter((entry) => !options.only.has(entry.tree)));
  }
  const fresh = [];
  for (const run of runs) {
    const entry = runOnce(run, options);
    fresh.push(entry);
    const figures =
      entry.status === 'ok' ? `P=${entry.probabilityText}, ${entry.bddNodes} BDD nodes` : entry.error;
    console.log(`${run.tree} (${run.source}): ${entry.status} ${entry.seconds}s ${figures}`);
    writeOutput(options, versions, [...kept, ...fresh]);
  }
}

main();
