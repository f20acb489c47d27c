/**
 * Checks the engine's lockout sets of a fault tree against the independent brute force of
 * scripts/brute-minimal-sets.mjs, set by set, up to an order limit. For trees too slow for the unit tests,
 * e.g. das9701 at limit 3 (brute force ~2 s, engine ~11 s):
 *
 *     npm run build && node scripts/check-minimal-sets.mjs bench/aralia/das9701.xml --limit 3
 *
 * Uses the compiled engine in dist/ (hence the build). Prints both distributions and exits with status 1 when
 * the sets differ, listing the first differences.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bruteMinimalSets, readTree } from './brute-minimal-sets.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArguments(argv) {
  const options = { file: null, limit: 3, top: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--limit' || arg === '-l') options.limit = Number(argv[++i]);
    else if (arg === '--top') options.top = argv[++i];
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (options.file === null) options.file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (options.file === null)
    throw new Error('usage: check-minimal-sets.mjs <tree.xml> [--limit L] [--top g]');
  if (!Number.isInteger(options.limit) || options.limit < 0)
    throw new Error('--limit must be an integer ≥ 0');
  return options;
}

const keyOf = (names) => [...names].sort().join(' ');

async function main(argv) {
  const options = parseArguments(argv);
  const text = readFileSync(options.file, 'utf8');

  let started = performance.now();
  const tree = readTree(text);
  const top = options.top ?? tree.tops[0];
  if (options.top === null && tree.tops.length !== 1)
    throw new Error('several top gates: pick one with --top');
  const brute = bruteMinimalSets(tree, top, options.limit);
  const bruteSeconds = (performance.now() - started) / 1000;
  const bruteKeys = new Set(brute.sets.map((set) => keyOf(set.map((e) => tree.events[e]))));

  const { readMefFiles } = await import(path.join(repoRoot, 'dist', 'analysis', 'mef.js'));
  const { GraphAnalysis } = await import(path.join(repoRoot, 'dist', 'analysis', 'analyze.js'));
  started = performance.now();
  const model = readMefFiles([{ file: options.file, text }]);
  const analysis = new GraphAnalysis(model.graph, { tops: [top], limitOrder: options.limit });
  const counts = analysis.countsByOrder(top);
  const page = analysis.cutSets(top, { limit: Number.MAX_SAFE_INTEGER });
  const engineSeconds = (performance.now() - started) / 1000;
  const engineKeys = new Set(page.sets.map((set) => keyOf(set.map((e) => model.graph.events[e].name))));

  console.log(`${options.file}: top ${top}, order limit ${options.limit}`);
  console.log(
    `  brute force: ${brute.distribution.join(' ')} (orders 0..${options.limit}, ${bruteSeconds.toFixed(1)} s)`,
  );
  console.log(`  engine:      ${counts.join(' ')} (${engineSeconds.toFixed(1)} s)`);
  const onlyBrute = [...bruteKeys].filter((key) => !engineKeys.has(key));
  const onlyEngine = [...engineKeys].filter((key) => !bruteKeys.has(key));
  const sameCounts =
    counts.length === brute.distribution.length && counts.every((c, i) => c === brute.distribution[i]);
  if (onlyBrute.length === 0 && onlyEngine.length === 0 && sameCounts) {
    console.log(`  same ${bruteKeys.size} sets`);
    return 0;
  }
  console.log(
    `  DIFFERENT: ${onlyBrute.length} sets only in the brute force, ${onlyEngine.length} only in the engine`,
  );
  for (const key of onlyBrute.slice(0, 10)) console.log(`    brute only: {${key}}`);
  for (const key of onlyEngine.slice(0, 10)) console.log(`    engine only: {${key}}`);
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
