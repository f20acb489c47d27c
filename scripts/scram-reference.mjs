/**
 * Regenerates test/fixtures/scram-reference.json: reference results of SCRAM (the Debian `scram` package,
 * 0.16.2) for the 43 Aralia fault trees (bench/aralia/) and for the real-probability inputs that ship with the
 * package (vendored in bench/scram-input/).
 *
 * Usage (from anywhere; paths are resolved against the repository root):
 *
 *     node scripts/scram-reference.mjs [--only chinese,baobab1] [--timeout 120] [--memory-gib 8]
 *
 * Every run is `scram <files> --bdd --probability true -l <L> --no-indent -o <report>`, executed from the
 * repository root, one at a time (so the timings are not skewed by each other), wrapped in
 * `prlimit --as=<memory>` and `timeout <seconds>`, with `/usr/bin/time` recording the peak resident memory.
 * Each Aralia tree is run at -l 3 and -l 20; the packaged Baobab, Chinese and CEA9601 models at -l 20, and
 * CEA9601 also at -l 4. A run that SCRAM does not finish is recorded as well, with `status` "timeout" or
 * "failed" and the first line of its stderr, so tests can tell "too slow" from "never tried".
 *
 * The JSON is rewritten after every run, so an interrupted regeneration keeps what it has; with `--only`,
 * entries of other trees are kept from the existing file.
 *
 * Plain JavaScript on purpose: the project has no TypeScript runner (tsx), and Node 20 cannot strip types.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compactArrays, parseReferenceArguments, repoRoot } from './reference-options.mjs';
import { attribute, reportHead, scramArguments } from './scram-report.mjs';

const outputFile = path.join(repoRoot, 'test', 'fixtures', 'scram-reference.json');
const araliaDir = path.join(repoRoot, 'bench', 'aralia');
// SCRAM's own real-probability inputs, vendored from its Debian package (see bench/scram-input/README.md).
const packagedDir = path.join(repoRoot, 'bench', 'scram-input');

/** The runs to make, in order: Aralia trees (small limit first), then the packaged models. */
function plannedRuns() {
  const runs = [];
  const aralia = readdirSync(araliaDir)
    .filter((name) => name.endsWith('.xml'))
    .sort();
  for (const name of aralia) {
    const file = path.relative(repoRoot, path.join(araliaDir, name));
    for (const limitOrder of [3, 20]) {
      runs.push({ tree: name.slice(0, -4), source: 'aralia', path: file, paths: [file], limitOrder });
    }
  }
  const packaged = [
    { tree: 'baobab1', dir: 'Baobab', files: ['baobab1.xml', 'baobab1-basic-events.xml'], limits: [20] },
    { tree: 'baobab2', dir: 'Baobab', files: ['baobab2.xml', 'baobab2-basic-events.xml'], limits: [20] },
    { tree: 'chinese', dir: 'Chinese', files: ['chinese.xml', 'chinese-basic-events.xml'], limits: [20] },
    { tree: 'CEA9601', dir: 'CEA9601', files: ['CEA9601.xml', 'CEA9601-basic-events.xml'], limits: [4, 20] },
  ];
  for (const model of packaged) {
    const paths = model.files.map((name) => path.relative(repoRoot, path.join(packagedDir, model.dir, name)));
    for (const limitOrder of model.limits) {
      runs.push({ tree: model.tree, source: 'scram-input', path: paths[0], paths, limitOrder });
    }
  }
  return runs;
}

/** The top gate's `<sum-of-products>` figures and SCRAM's own timings from a report. */
function parseReport(xml) {
  const tag = /<sum-of-products\b[^>]*>/.exec(xml)?.[0];
  if (tag === undefined) throw new Error('no <sum-of-products> in the report');
  const probabilityText = attribute(tag, 'probability');
  const distributionText = attribute(tag, 'distribution') ?? '';
  const timing = (name) => {
    const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
    return match ? Number(match[1]) : null;
  };
  return {
    topGate: attribute(tag, 'name'),
    products: Number(attribute(tag, 'products')),
    distribution: distributionText.trim() === '' ? [] : distributionText.trim().split(/\s+/).map(Number),
    probability: probabilityText === undefined ? null : Number(probabilityText),
    probabilityText: probabilityText ?? null,
    warning: attribute(tag, 'warning') ?? null,
    scramSeconds: { products: timing('products'), probability: timing('probability') },
  };
}

/** Whether a model uses a non-coherent connective (its minimal cut sets then drop complemented events). */
function isCoherent(paths) {
  return paths.every((file) => !/<(not|xor|nand|nor|iff|imply)\b/.test(readFileSync(file, 'utf8')));
}

function scramVersion() {
  const result = spawnSync('scram', ['--version'], { encoding: 'utf8' });
  const match = /SCRAM\s+(\S+)/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match) throw new Error('scram is not installed (apt-get install -y scram)');
  return match[1];
}

/** SCRAM's error message: its non-empty stderr lines (exception class, then details) on one line. */
function errorMessage(text) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.join(' | ').slice(0, 300);
}

/**
 * The SCRAM arguments of a run, without the report path that follows `-o`. Method "zbdd" (counts only, no
 * probability) is the fallback reference for a coherent tree whose BDD SCRAM cannot finish.
 */
function runArguments(run) {
  return scramArguments(run.paths, run.limitOrder, run.method);
}

/** The fields every entry has, whatever happened to the run. */
function plannedEntry(run, version) {
  return {
    tree: run.tree,
    source: run.source,
    path: run.path,
    paths: run.paths,
    limitOrder: run.limitOrder,
    method: run.method ?? 'bdd',
    command: ['scram', ...runArguments(run), 'report.xml'].join(' '),
    scramVersion: version,
    coherent: isCoherent(run.paths),
  };
}

/** Runs SCRAM once under the time and memory limits; returns the JSON entry. */
function runOnce(run, options, version) {
  const work = mkdtempSync(path.join(tmpdir(), 'scram-reference-'));
  const report = path.join(work, 'report.xml');
  const timeFile = path.join(work, 'time.txt');
  const scramArgs = runArguments(run);
  const memoryBytes = Math.round(options.memoryGib * 2 ** 30);
  const argv = [
    `--as=${memoryBytes}`,
    '--',
    'timeout',
    '-k',
    '5',
    String(options.timeout),
    '/usr/bin/time',
    '-f',
    '%e %M',
    '-o',
    timeFile,
    'scram',
    ...scramArgs,
    report,
  ];
  const entry = plannedEntry(run, version);
  try {
    const started = performance.now();
    const result = spawnSync('prlimit', argv, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = Math.round(performance.now() - started) / 1000;
    const maxRssMiB = existsSync(timeFile)
      ? Math.round(Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).at(-1)) / 1024)
      : null;
    if (result.status === 124 || result.status === 137) {
      return { ...entry, status: 'timeout', seconds, error: `no result within ${options.timeout} s` };
    }
    if (result.status !== 0 || !existsSync(report)) {
      const stderr =
        errorMessage(result.stderr ?? '') || `exit status ${result.status} (signal ${result.signal})`;
      return { ...entry, status: 'failed', seconds, maxRssMiB, error: stderr };
    }
    const parsed = parseReport(reportHead(report));
    return { ...entry, status: 'ok', ...parsed, seconds, maxRssMiB };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Aralia first, then the packaged models; by tree name, then limit: the order of plannedRuns. */
function byPlan(a, b) {
  if (a.source !== b.source) return a.source === 'aralia' ? -1 : 1;
  if (a.tree !== b.tree) return a.tree < b.tree ? -1 : 1;
  if (a.limitOrder !== b.limitOrder) return a.limitOrder - b.limitOrder;
  return (a.method ?? 'bdd') === 'bdd' ? -1 : 1;
}

function writeOutput(version, options, entries) {
  const document = {
    description:
      'SCRAM reference results for the Aralia fault trees and the packaged real-probability models. ' +
      'Regenerate with `node scripts/scram-reference.mjs`.',
    notes: [
      'Each command was run from the repository root; report.xml stands for a temporary file.',
      `Runs were wrapped in prlimit --as=${options.memoryGib}GiB and timeout ${options.timeout}s, one at a time.`,
      'seconds is wall-clock time of the whole scram process (parse, BDD, cut sets, probability, writing the ' +
        'report, which lists every product); scramSeconds are the times SCRAM reports for products and probability.',
      'SCRAM prints probabilities with 6 significant digits (C++ ostream default); probabilityText is verbatim.',
      'distribution[i] is the number of products of order i+1, up to the largest order present.',
      'Non-coherent models (coherent: false): the probability is exact (from the BDD) but, without ' +
        '--prime-implicants, products are minimal cut sets with complemented events dropped.',
    ],
    scramVersion: version,
    entries: [...entries].sort(byPlan),
  };
  writeFileSync(outputFile, `${compactArrays(JSON.stringify(document, null, 2))}\n`);
}

function main() {
  const options = parseReferenceArguments(process.argv.slice(2));
  const version = scramVersion();
  const runs = plannedRuns().filter((run) => options.only === null || options.only.has(run.tree));
  const kept = [];
  if (options.only !== null && existsSync(outputFile)) {
    const previous = JSON.parse(readFileSync(outputFile, 'utf8'));
    kept.push(...previous.entries.filter((entry) => !options.only.has(entry.tree)));
  }
  const fresh = [];
  const queue = [...runs];
  for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
    // A larger limit does all the work of a smaller one (same BDD, more products): no point waiting again.
    const slower = fresh.find(
      (done) =>
        done.tree === run.tree &&
        done.source === run.source &&
        done.method === (run.method ?? 'bdd') &&
        done.limitOrder < run.limitOrder &&
        done.status === 'timeout',
    );
    const entry =
      slower === undefined
        ? runOnce(run, options, version)
        : {
            ...plannedEntry(run, version),
            status: 'skipped',
            seconds: null,
            error: `not run: -l ${slower.limitOrder} already timed out`,
          };
    fresh.push(entry);
    const figures =
      entry.status === 'ok'
        ? `${entry.products} products, P=${entry.probabilityText}, [${entry.distribution.join(' ')}]`
        : entry.error;
    console.log(
      `${run.tree} -l ${run.limitOrder} (${entry.method}): ${entry.status} ${entry.seconds === null ? '' : `${entry.seconds}s `}${figures}`,
    );
    writeOutput(version, options, [...kept, ...fresh]);
    // Where the BDD does not finish on a coherent tree, SCRAM's ZBDD may still count the sets.
    if (entry.method === 'bdd' && entry.status !== 'ok' && entry.coherent)
      queue.unshift({ ...run, method: 'zbdd' });
  }
}

main();
