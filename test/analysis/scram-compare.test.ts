/**
 * The engine against SCRAM 0.16.2 (`--bdd`, the exact reference) on public fault trees: the number of minimal
 * cut sets of each order and the exact top-event probability, to SCRAM's 6 printed digits. Committed reference
 * values (test/fixtures/scram-reference.json, with the exact command for each) are always checked; when SCRAM
 * is installed, it is also run live on a few trees.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { readMefFiles } from '../../src/analysis/mef.js';
import { repoRoot, runScram, scramReference, scramTolerance, skipWithoutScram } from '../support/scram.js';

/** Trees the engine finishes in well under a second each, so the whole table runs in seconds. */
const QUICK = new Set([
  'chinese',
  'baobab1',
  'baobab2',
  'baobab3',
  'das9201',
  'das9202',
  'das9203',
  'das9204',
  'das9205',
  'das9206',
  'das9207',
  'das9208',
  'das9209',
  'das9601',
  'edf9201',
  'edf9205',
  'edf9206',
  'elf9601',
  'ftr10',
  'isp9601',
  'isp9602',
  'isp9603',
  'isp9604',
  'isp9605',
  'isp9606',
  'isp9607',
  'jbd9601',
  'edfpa15o',
  'edfpa15p',
  'edfpa15r',
  'Chinese',
  'Baobab1',
  'chinese-real',
  'baobab1-real',
]);

function engineFigures(
  files: readonly string[],
  limitOrder: number,
): { distribution: number[]; probability: number; modulesOverBudget: number } {
  const sources = files.map((file) => {
    const absolute = path.resolve(repoRoot, file);
    return { file: absolute, text: readFileSync(absolute, 'utf8') };
  });
  const model = readMefFiles(sources);
  const top = model.tops[0]!;
  const analysis = new GraphAnalysis(model.graph, { tops: [top], limitOrder });
  const counts = analysis.countsByOrder(top).slice(1);
  while (counts.length > 0 && counts[counts.length - 1] === 0) counts.pop();
  return {
    distribution: counts,
    probability: analysis.probability(top),
    modulesOverBudget: analysis.bddsOverBudget(),
  };
}

const references = scramReference().filter(
  (entry) => entry.status === 'ok' && (QUICK.has(entry.tree) || QUICK.has(path.basename(entry.path, '.xml'))),
);

describe('engine against committed SCRAM reference values', () => {
  it('covers the acceptance trees and both order limits', () => {
    const covered = new Set(references.map((entry) => `${entry.tree}@${entry.limitOrder}`));
    for (const key of ['chinese@20', 'baobab1@20', 'chinese@3', 'baobab1@3']) expect(covered).toContain(key);
    expect(references.length).toBeGreaterThanOrEqual(40);
  });

  it.each(
    references.map((entry) => [`${entry.tree} -l ${entry.limitOrder} (${entry.source})`, entry] as const),
  )('%s', (_name, entry) => {
    if (entry.status !== 'ok') return;
    const figures = engineFigures(entry.paths, entry.limitOrder);
    expect(figures.distribution).toEqual(entry.distribution);
    if (entry.probability === null) return;
    expect(Math.abs(figures.probability - entry.probability)).toBeLessThanOrEqual(
      scramTolerance(entry.probability),
    );
  });

  it("nus9601 -l 3: no BDD within budget, neither SCRAM's nor ours; the sets equal SCRAM --zbdd's", () => {
    const bdd = scramReference().find((entry) => entry.tree === 'nus9601' && entry.limitOrder === 3);
    const zbdd = scramReference().find(
      (entry) => entry.tree === 'nus9601' && entry.limitOrder === 3 && entry.method === 'zbdd',
    );
    expect(bdd?.status).toBe('timeout');
    if (zbdd?.status !== 'ok') throw new Error('no SCRAM --zbdd reference for nus9601 -l 3');
    const figures = engineFigures(zbdd.paths, 3);
    expect(figures.distribution).toEqual(zbdd.distribution);
    expect(figures.probability).toBeNaN();
    // Only the one large module: the small modules nested in it keep their own BDDs.
    expect(figures.modulesOverBudget).toBe(1);
  });
});

describe('engine against SCRAM run live', () => {
  beforeEach(skipWithoutScram);

  it.each(['chinese', 'baobab1', 'das9205'])('%s -l 20', (tree) => {
    const file = path.join('bench', 'aralia', `${tree}.xml`);
    const scram = runScram(file, { limitOrder: 20 });
    const figures = engineFigures([file], 20);
    expect(figures.distribution).toEqual(scram.distribution);
    expect(Math.abs(figures.probability - scram.probability)).toBeLessThanOrEqual(
      scramTolerance(scram.probability),
    );
  });
});
