/**
 * One engine run for the benchmark, in a process of its own so that its wall time and peak memory can be measured
 * from outside: reads an Open-PSA MEF model (possibly split over several files), analyses its top events up to an
 * order limit, and prints one JSON line with the counts per order, the exact probability and the time of each
 * step.
 *
 * Usage: node bench/engine-run.mjs FILE... [--limit 20] [--all-tops] [--ignore-recorded-losses]
 *
 * Without --all-tops only the first top event is analysed (an Aralia tree has one); with it, every gate that no
 * other gate references, as SCRAM does, and the output lists each top's counts. --ignore-recorded-losses analyses
 * the design as if nothing were lost: Lockout's MEF export marks already-lost events with an attribute that SCRAM
 * ignores.
 */
import { readFileSync } from 'node:fs';
// The engine as the package ships it (`lockout/analysis`, bundled by scripts/bundle.mjs).
import { GraphAnalysis, readMefFiles } from '../dist/bundle/analysis.js';

function parseArguments(argv) {
  const options = { files: [], limit: 20, allTops: false, ignoreRecordedLosses: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--limit') options.limit = Number(argv[++i]);
    else if (arg === '--all-tops') options.allTops = true;
    else if (arg === '--ignore-recorded-losses') options.ignoreRecordedLosses = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (options.files.length === 0 || !Number.isInteger(options.limit)) {
    throw new Error(
      'usage: node bench/engine-run.mjs FILE... [--limit N] [--all-tops] [--ignore-recorded-losses]',
    );
  }
  return options;
}

function trimZeros(counts) {
  let end = counts.length;
  while (end > 0 && counts[end - 1] === 0) end--;
  return counts.slice(0, end);
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const seconds = {};
  let started = performance.now();
  const lap = (name) => {
    const now = performance.now();
    seconds[name] = (now - started) / 1000;
    started = now;
  };
  const sources = options.files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const model = readMefFiles(sources);
  lap('parse');
  const tops = options.allTops ? model.tops : model.tops.slice(0, 1);
  const analysis = new GraphAnalysis(model.graph, {
    tops,
    limitOrder: options.limit,
    ignoreRecordedLosses: options.ignoreRecordedLosses,
  });
  lap('compile');
  const counted = tops.map((top) => ({ top, counts: analysis.countsByOrder(top) }));
  lap('counts');
  const results = counted.map(({ top, counts }) => {
    const probability = analysis.probability(top);
    return {
      top,
      total: counts.reduce((sum, count) => sum + count, 0),
      // distribution[i]: sets of order i + 1, as SCRAM reports it.
      distribution: trimZeros(counts.slice(1)),
      probability: Number.isNaN(probability) ? null : probability,
      bddsOverBudget: analysis.bddsOverBudget(),
    };
  });
  lap('probability');
  const output = {
    tops: results,
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main();
