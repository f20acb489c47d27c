/**
 * `lockout analyze MODEL.xml`: the engine on an Open-PSA MEF fault tree — lockout (minimal cut) sets counted
 * per order, exact probability, single points of failure, the first sets, importance, and a what-if.
 */

import { open } from 'node:fs/promises';
import { GraphAnalysis } from '../analysis/analyze.js';
import { cyclicGateCount } from '../analysis/compile.js';
import { readMefFiles } from '../analysis/mef.js';
import { UserError } from './errors.js';

export interface AnalyzeOptions {
  top?: string[];
  limitOrder: number;
  format: 'text' | 'json';
  sets: number;
  by: 'size' | 'probability';
  importance: number;
  lose?: string[];
  /** Node budget of one module's BDD (the engine's default when absent). */
  bddNodes?: number;
}

export interface TopReport {
  top: string;
  status: string;
  limitOrder: number;
  total: number;
  /** Count of lockout sets of each order, from order 1 (SCRAM's "distribution"). */
  distribution: number[];
  probability: number | null;
  /** Why the probability is null. */
  probabilityNote?: string;
  singlePointsOfFailure: string[];
  sets: string[][];
  /** With --by probability: the probability of each listed set. */
  setProbabilities?: number[];
  importance: { event: string; birnbaum: number; fussellVesely: number; raw: number }[];
  seconds: number;
}

export interface AnalyzeReport {
  file: string;
  by: 'size' | 'probability';
  losses: string[];
  /**
   * Gates on cycles: the MEF standard and SCRAM refuse them; the engine reads them as recovery does (a gate that
   * can be avoided only through itself counts as failed: the least fixed point of success, compile.ts).
   */
  cyclicGates: number;
  tops: TopReport[];
}

/** Analyses one model, possibly split over several files (the tree in one, its basic events in another). */
export async function analyzeModelFiles(files: string[], options: AnalyzeOptions): Promise<AnalyzeReport> {
  const sources = await Promise.all(files.map(async (file) => ({ file, text: await readModelFile(file) })));
  const model = readMefFiles(sources);
  const file = files.join(' ');
  const tops = options.top && options.top.length > 0 ? options.top : model.tops;
  if (tops.length === 0) {
    throw new UserError(
      `${file}: no top gate: ${model.graph.gates.length === 0 ? 'the model defines no gate' : 'every gate is an input of another (they lie on cycles)'}`,
      model.graph.gates.length === 0
        ? 'define the fault tree with <define-gate> in <define-fault-tree>'
        : `name the gate to analyse with --top (gates: ${model.graph.gates
            .slice(0, 5)
            .map((gate) => gate.name)
            .join(', ')}${model.graph.gates.length > 5 ? ', …' : ''})`,
    );
  }
  for (const top of tops) {
    if (!model.graph.find(top)) {
      throw new UserError(
        `${file}: no gate or basic event named "${top}"`,
        `top events in this file: ${model.tops.join(', ')}`,
      );
    }
  }
  const analysis = new GraphAnalysis(model.graph, {
    tops,
    // No lockout set holds more events than the model has: a larger limit changes no answer, only the size of
    // the engine's per-order tables (-l 2147483648 asked for 16 GB per node and never ended).
    limitOrder: Math.min(options.limitOrder, model.graph.events.length),
    losses: options.lose ?? [],
    ...(options.bddNodes === undefined ? {} : { maxBddNodesPerModule: options.bddNodes }),
  });
  const eventName = (index: number): string => model.graph.events[index]!.name;
  const reports = tops.map((top): TopReport => {
    try {
      return analyseTop(top);
    } catch (error) {
      throw outOfResources(error, file, top, options.limitOrder) ?? error;
    }
  });
  return {
    file,
    by: options.by,
    losses: options.lose ?? [],
    cyclicGates: cyclicGateCount(model.graph),
    tops: reports,
  };

  function analyseTop(top: string): TopReport {
    const started = performance.now();
    const counts = analysis.countsByOrder(top);
    const probability = analysis.probability(top);
    const page =
      options.sets > 0 ? analysis.cutSets(top, { limit: options.sets, by: options.by }) : undefined;
    const note = Number.isNaN(probability)
      ? analysis.bddsOverBudget() > 0
        ? `not computed: a BDD passed ${analysis.bddNodeBudget.toLocaleString('en-US')} nodes, so the ` +
          'lockout sets were built with ZBDD operations instead (as SCRAM --zbdd)'
        : 'unknown (an event has none)'
      : undefined;
    const report: TopReport = {
      top,
      status: analysis.status(top),
      limitOrder: options.limitOrder,
      total: counts.reduce((sum, count) => sum + count, 0),
      distribution: trimZeros(counts.slice(1)),
      probability: Number.isNaN(probability) ? null : probability,
      ...(note === undefined ? {} : { probabilityNote: note }),
      singlePointsOfFailure: analysis.singlePointsOfFailure(top).map(eventName),
      sets: page ? page.sets.map((set) => set.map(eventName)) : [],
      ...(page?.probabilities ? { setProbabilities: page.probabilities } : {}),
      importance:
        options.importance > 0 && !Number.isNaN(probability)
          ? analysis
              .importance(top)
              .slice(0, options.importance)
              .map((entry) => ({
                event: entry.name,
                birnbaum: entry.birnbaum,
                fussellVesely: entry.fussellVesely,
                raw: entry.raw,
              }))
          : [],
      seconds: 0,
    };
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }
}

/** Larger than any fault tree published (the largest Aralia model is under 1 MiB); V8's strings end at 512 MiB. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * A model file's text, read up to MAX_MODEL_BYTES: a folder, or a device that never ends (/dev/zero), is a
 * mistake in what was named, said as such, not a failed read of the whole of it.
 */
async function readModelFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    if ((await handle.stat()).isDirectory()) {
      throw new UserError(`${file}: is a folder, not an MEF file`, 'name the .xml file(s) of the model');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, MAX_MODEL_BYTES + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (size > MAX_MODEL_BYTES) {
        throw new UserError(
          `${file}: larger than ${MAX_MODEL_BYTES / (1024 * 1024)} MiB: not an MEF model this command reads`,
        );
      }
    }
    return Buffer.concat(chunks, size).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A model too large for this machine at this order limit is a mistake in what was asked, not a bug: the engine's
 * tables outgrow what the process can allocate (a RangeError from a typed array) — say so, and what to try,
 * instead of a stack trace. A model nested deeper than the stack allows is said as such: no order limit helps.
 */
function outOfResources(
  error: unknown,
  file: string,
  top: string,
  limitOrder: number,
): UserError | undefined {
  if (!(error instanceof RangeError)) return undefined;
  if (/maximum call stack/i.test(error.message)) {
    return new UserError(
      `${file}: top event ${top}: the model is nested too deeply for this process (${error.message})`,
      'split the model, or report it: the engine walks most structures without recursion',
    );
  }
  if (!/allocation failed|invalid (typed )?array length/i.test(error.message)) return undefined;
  return new UserError(
    `${file}: top event ${top}: the lockout sets of order ≤ ${limitOrder} need more memory than this process can allocate (${error.message})`,
    'try a lower --limit-order: the sets of the lowest orders are usually the ones that matter',
  );
}

function trimZeros(counts: number[]): number[] {
  let end = counts.length;
  while (end > 0 && counts[end - 1] === 0) end--;
  return counts.slice(0, end);
}

export function formatAnalyzeText(report: AnalyzeReport): string {
  const lines: string[] = [];
  if (report.cyclicGates > 0) {
    lines.push(
      `note: ${report.cyclicGates} gate${report.cyclicGates === 1 ? ' lies' : 's lie'} on cycles, which the MEF standard and SCRAM refuse; ` +
        'Lockout reads a cycle as it reads recovery: a gate that can be avoided only through itself counts as ' +
        'failed (the least fixed point of success)',
    );
  }
  for (const top of report.tops) {
    lines.push(`${report.file}: top event ${top.top} (${top.status})`);
    if (report.losses.length > 0) lines.push(`  assuming lost: ${report.losses.join(', ')}`);
    lines.push(`  lockout sets of order ≤ ${top.limitOrder}: ${formatCount(top.total)}`);
    lines.push(`  distribution: ${top.distribution.join(' ')}`);
    if (top.distribution.length > 0) {
      lines.push('    order       count');
      top.distribution.forEach((count, i) => {
        if (count > 0) lines.push(`    ${String(i + 1).padStart(5)} ${formatCount(count).padStart(11)}`);
      });
    }
    lines.push(
      `  probability: ${top.probability === null ? (top.probabilityNote ?? 'unknown') : `${formatProbability(top.probability)} (exact, BDD)`}`,
    );
    lines.push(
      `  single points of failure: ${top.singlePointsOfFailure.length === 0 ? 'none' : top.singlePointsOfFailure.join(', ')}`,
    );
    if (top.sets.length > 0) {
      lines.push(
        `  first ${top.sets.length} lockout sets, smallest first${report.by === 'probability' ? ', most probable first within a size' : ''}:`,
      );
      top.sets.forEach((set, i) => {
        const p = top.setProbabilities?.[i];
        lines.push(`    {${set.join(', ')}}${p === undefined ? '' : `  p = ${formatProbability(p)}`}`);
      });
    }
    if (top.importance.length > 0) {
      lines.push('  importance (Birnbaum, Fussell–Vesely, risk achievement worth):');
      for (const entry of top.importance) {
        lines.push(
          `    ${entry.event.padEnd(16)} ${entry.birnbaum.toExponential(3)}  ${entry.fussellVesely.toExponential(3)}  ${entry.raw.toPrecision(4)}`,
        );
      }
    }
    lines.push(`  analysed in ${top.seconds.toFixed(3)} s`);
  }
  return lines.join('\n') + '\n';
}

/** Six significant digits without trailing zeros, as SCRAM prints them; small values in exponent form. */
function formatProbability(p: number): string {
  const text = p !== 0 && p < 1e-4 ? p.toExponential(5) : p.toPrecision(6);
  return text.replace(/\.?0+(?=e|$)/, '');
}

function formatCount(count: number): string {
  return count < 1e15 ? Math.round(count).toLocaleString('en-US') : count.toExponential(4);
}
