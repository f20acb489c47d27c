/**
 * The Organization-scale benchmark, in a process of its own: generates an inventory of N accounts, then times
 * each phase of the library on it — loading the YAML, building the recovery graph, single points of failure,
 * every lockout set of order ≤ 2, a what-if (its baseline prepared once, then each what-if timed as a dashboard
 * click would run it), the dashboard's own scenarios (SituationModel.evaluate, as `lockout serve` answers the
 * what-if panel), the Organization-wide union of sets, the full recovery analysis
 * behind `lockout check` — and prints one JSON line with each phase's time and the process's memory after it.
 *
 * Usage: node --expose-gc bench/org-run.mjs --accounts N [--yaml FILE] [--full-analysis]
 *
 * Memory: `peakRssMiB` is the process's peak resident set so far (it only grows, so a phase's own peak is at most
 * that); `heapMiB` is the V8 heap still in use after the phase, after a collection (with --expose-gc).
 */
import { writeFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { GraphAnalysis } from '../dist/analysis/analyze.js';
import { WhatIfBaseline } from '../dist/analysis/what-if.js';
import { parseInventory } from '../dist/inventory/index.js';
import { analyzeRecoveryGraph } from '../dist/providers/aws/analysis.js';
import { organizationLockoutSets } from '../dist/providers/aws/organization-lockout.js';
import { buildRecoveryGraph } from '../dist/providers/aws/recovery-graph.js';
import { SituationModel } from '../dist/server/situation.js';
import { organizationInventoryYaml } from './org-inventory.mjs';

function parseArguments(argv) {
  const options = { accounts: undefined, yaml: undefined, fullAnalysis: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--accounts') options.accounts = Number(argv[++i]);
    else if (arg === '--yaml') options.yaml = argv[++i];
    else if (arg === '--full-analysis') options.fullAnalysis = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.accounts))
    throw new Error('usage: --accounts N [--yaml FILE] [--full-analysis]');
  return options;
}

const MiB = 1024 * 1024;
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => undefined;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Issue 15's target: parseInventory within 1.5x of a plain js-yaml load of the same text, in the same process,
 * the two alternated over a few runs (medians); and the same inventory as JSON against JSON.parse.
 */
function measureLoadRatio(yaml, inventory) {
  const json = JSON.stringify(inventory);
  const runs = Buffer.byteLength(yaml) > 2 * MiB ? 3 : 7;
  const timed = (run) => {
    collect();
    const started = performance.now();
    run();
    return (performance.now() - started) / 1000;
  };
  const times = { jsYaml: [], parseYaml: [], jsonParse: [], parseJson: [] };
  for (let run = 0; run < runs; run++) {
    times.jsYaml.push(timed(() => jsYaml.load(yaml)));
    // As `lockout check` loads it: listening for where each node is (whatif and plan do not).
    times.parseYaml.push(timed(() => parseInventory(yaml, 'generated.yaml', { positions: 'with-the-read' })));
    times.jsonParse.push(timed(() => JSON.parse(json)));
    times.parseJson.push(timed(() => parseInventory(json, 'generated.json')));
  }
  const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  return {
    runs,
    ...medians,
    ratio: medians.parseYaml / medians.jsYaml,
    jsonRatio: medians.parseJson / medians.jsonParse,
  };
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const phases = [];
  const phase = (name, run) => {
    collect();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const value = run();
    const seconds = (performance.now() - started) / 1000;
    const rssAfter = process.memoryUsage().rss;
    collect();
    phases.push({
      name,
      seconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      rssGrowthMiB: (rssAfter - rssBefore) / MiB,
      heapMiB: process.memoryUsage().heapUsed / MiB,
    });
    return value;
  };

  const yaml = phase('generate inventory (YAML text)', () => organizationInventoryYaml(options.accounts));
  if (options.yaml !== undefined) writeFileSync(options.yaml, yaml);
  const loaded = phase('load inventory (parse and validate)', () => parseInventory(yaml, 'generated.yaml'));
  if (!loaded.ok)
    throw new Error(`generated inventory is invalid: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const inventory = loaded.inventory;
  const loadRatio = measureLoadRatio(yaml, inventory);
  const recovery = phase('build recovery graph', () => buildRecoveryGraph(inventory, inventory.asOf));
  const { graph } = recovery;
  const tops = recovery.capabilities.map((capability) => capability.gate);

  const analysis = phase(
    'compile for the engine (order ≤ 2)',
    () => new GraphAnalysis(graph, { tops, limitOrder: 2 }),
  );
  const spofs = phase('single points of failure, every capability', () => {
    let count = 0;
    let capabilitiesWithOne = 0;
    for (const top of tops) {
      const found = analysis.singlePointsOfFailure(top).length;
      count += found;
      if (found > 0) capabilitiesWithOne += 1;
    }
    return { count, capabilitiesWithOne };
  });
  const sets = phase('every lockout set of order ≤ 2, every capability (listed)', () => {
    let listed = 0;
    let counted = 0;
    for (const top of tops) {
      const total = analysis.total(top);
      counted += total;
      listed += analysis.cutSets(top, { limit: total }).sets.length;
    }
    return { counted, listed };
  });
  const gateSpofs = phase('single points of failure, every gate', () => {
    let count = 0;
    for (const found of analysis.allSinglePointsOfFailure().values()) count += found.length;
    return count;
  });

  // What-if as `lockout whatif` asks it (every capability, no path listing), on a baseline prepared once.
  const baseline = phase('prepare what-if baseline', () => new WhatIfBaseline(graph, { tops }));
  // The identity provider is an Entra tenant now (issue 16): its two Global Administrators, Aiko and Bruno, stand for it.
  const whatIfLosses = [['aiko-phone'], ['corp-aws-mail'], ['aiko', 'bruno']];
  const whatIfResults = whatIfLosses.map((losses) => {
    const times = [];
    let lostCapabilities = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const result = baseline.whatIf(losses, { tops, pathLimit: 0 });
      times.push((performance.now() - started) / 1000);
      lostCapabilities = result.tops.filter((top) => top.after === 'lost').length;
    }
    return { losses, first: times[0], median: median(times), lostCapabilities };
  });
  phases.push({
    name: 'what-if (every capability), 3 scenarios × 5 runs',
    seconds: whatIfResults.reduce((sum, result) => sum + result.median, 0) / whatIfResults.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    rssGrowthMiB: null,
    heapMiB: process.memoryUsage().heapUsed / MiB,
  });
  const oneAccount = recovery.capabilities
    .filter((capability) => capability.account.id === inventory.accounts[1]?.id)
    .map((capability) => capability.gate);
  const oneAccountTimes = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    baseline.whatIf(['aiko-phone'], { tops: oneAccount, pathLimit: 0 });
    oneAccountTimes.push((performance.now() - started) / 1000);
  }

  // The dashboard's what-if panel: the situation as it stands, then the library what-if's losses, each the
  // whole SituationView the server sends (every capability's colour, ways, sets and fastest way back).
  const situations = phase(
    'prepare dashboard situation model',
    // No answers kept: each run below computes its scenario.
    () => new SituationModel(recovery, inventory.asOf, { recentScenarios: 0 }),
  );
  const dashboardScenarios = [[], ...whatIfLosses];
  const dashboardResults = dashboardScenarios.map((lost) => {
    const times = [];
    let red = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const view = situations.evaluate({ lost, restored: [] });
      times.push((performance.now() - started) / 1000);
      red = view.capabilities.filter((capability) => capability.colour === 'red').length;
    }
    return { lost, first: times[0], median: median(times), redCapabilities: red };
  });
  phases.push({
    name: `dashboard scenario (SituationModel.evaluate), ${dashboardScenarios.length} scenarios × 3 runs`,
    seconds: dashboardResults.reduce((sum, result) => sum + result.median, 0) / dashboardResults.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    rssGrowthMiB: null,
    heapMiB: process.memoryUsage().heapUsed / MiB,
  });

  let recoveryAnalysis;
  let organizationSets;
  if (options.fullAnalysis) {
    recoveryAnalysis = phase(
      'full recovery analysis (as lockout check: order ≤ 6, 10 sets, recovery times)',
      () => analyzeRecoveryGraph(recovery, { asOf: inventory.asOf }),
    );
    organizationSets = phase("Organization-wide lockout sets of order ≤ 2 (union of the accounts')", () =>
      organizationLockoutSets(recoveryAnalysis, { maxOrder: 2, limit: 1_000_000 }),
    );
  }

  const output = {
    accounts: inventory.accounts.length,
    yamlBytes: Buffer.byteLength(yaml),
    graph: { gates: graph.gates.length, events: graph.events.length, capabilities: tops.length },
    singlePoints: spofs,
    gateSinglePoints: gateSpofs,
    setsOfOrderAtMost2: sets,
    whatIf: whatIfResults,
    whatIfOneAccount: {
      losses: ['aiko-phone'],
      tops: oneAccount.length,
      first: oneAccountTimes[0],
      median: median(oneAccountTimes),
    },
    dashboard: dashboardResults,
    loadRatio,
    organizationSets:
      organizationSets === undefined
        ? undefined
        : { count: organizationSets.length, widest: organizationSets[0]?.accounts.length ?? 0 },
    phases,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main();
