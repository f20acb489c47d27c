// The SCRAM test support: report parsing, the committed reference values, and (when installed) scram itself.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  parseScramReport,
  runScram,
  scramReference,
  scramTolerance,
  skipWithoutScram,
} from './support/scram.js';

const report = (results: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><report><information><software name="SCRAM" version="0.16.2"/>' +
  `</information><results>${results}</results></report>`;

describe('parseScramReport', () => {
  it('reads products, distribution (order 1 first) and probability of the top gate', () => {
    const xml = report(
      '<sum-of-products name="r1" basic-events="3" products="3" probability="0.00117058" distribution="1 0 2">' +
        '<product order="1" probability="0.01"><basic-event name="a"/></product></sum-of-products>',
    );
    expect(parseScramReport(xml)).toEqual({
      topGate: 'r1',
      products: 3,
      distribution: [1, 0, 2],
      probability: 0.00117058,
      probabilityText: '0.00117058',
    });
  });

  it('reads exponent notation and attributes in any order', () => {
    const xml = report(
      '<sum-of-products distribution="0 2" probability="2.38155e-06" products="2" name="top"/>',
    );
    const parsed = parseScramReport(xml);
    expect(parsed.probability).toBe(2.38155e-6);
    expect(parsed.distribution).toEqual([0, 2]);
  });

  it('gives an empty distribution when there is no product up to the limit', () => {
    const xml = report(
      '<sum-of-products name="r1" warning="The set is NULL/Empty." basic-events="0" products="0" ' +
        'probability="0.00117058"/>',
    );
    expect(parseScramReport(xml)).toMatchObject({ products: 0, distribution: [], probability: 0.00117058 });
  });

  it('picks the requested gate among several', () => {
    const xml = report(
      '<sum-of-products name="a" products="1" probability="0.1" distribution="1"/>' +
        '<sum-of-products name="b" products="2" probability="0.2" distribution="0 2"/>',
    );
    expect(parseScramReport(xml, 'b').products).toBe(2);
    expect(parseScramReport(xml).topGate).toBe('a');
    expect(() => parseScramReport(xml, 'c')).toThrow(/no <sum-of-products> for c/);
  });

  it('rejects reports without a probability or with inconsistent counts', () => {
    expect(() =>
      parseScramReport(report('<sum-of-products name="r1" products="1" distribution="1"/>')),
    ).toThrow(/probability/);
    expect(() =>
      parseScramReport(
        report('<sum-of-products name="r1" products="5" probability="0.1" distribution="1 2"/>'),
      ),
    ).toThrow(/does not add up/);
    expect(() => parseScramReport(report(''))).toThrow(/no <sum-of-products>/);
  });
});

describe('scramTolerance', () => {
  it('is half a unit of the 6th significant digit', () => {
    expect(scramTolerance(0.00117058)).toBeCloseTo(5e-9, 20);
    expect(scramTolerance(2.38155e-6)).toBeCloseTo(5e-12, 25);
    expect(scramTolerance(0.0042344)).toBeCloseTo(5e-9, 20);
    expect(scramTolerance(0)).toBe(0);
  });
});

describe('scramReference', () => {
  const entries = scramReference();

  it('holds an entry for every Aralia tree at -l 3 and -l 20, and the packaged models', () => {
    // One --bdd entry each; a coherent tree whose BDD SCRAM cannot finish also has --zbdd entries.
    const aralia = entries.filter((entry) => entry.source === 'aralia' && entry.method !== 'zbdd');
    expect(new Set(aralia.map((entry) => entry.tree)).size).toBe(43);
    expect(aralia.filter((entry) => entry.limitOrder === 3)).toHaveLength(43);
    expect(aralia.filter((entry) => entry.limitOrder === 20)).toHaveLength(43);
    const packaged = entries.filter((entry) => entry.source === 'scram-input').map((e) => e.tree);
    expect(packaged).toEqual(expect.arrayContaining(['baobab1', 'chinese', 'CEA9601']));
  });

  it('agrees with the hand-checked chinese figures', () => {
    const chinese = entries.find(
      (entry) => entry.source === 'aralia' && entry.tree === 'chinese' && entry.limitOrder === 20,
    );
    expect(chinese).toMatchObject({
      status: 'ok',
      products: 392,
      distribution: [0, 12, 0, 24, 188, 168],
      probability: 0.00117058,
    });
  });

  it('has distributions that add up to the product counts', () => {
    for (const entry of entries) {
      if (entry.status !== 'ok') continue;
      expect(entry.distribution.reduce((sum, count) => sum + count, 0)).toBe(entry.products);
      expect(entry.distribution.length).toBeLessThanOrEqual(entry.limitOrder);
    }
  });
});

describe('runScram', () => {
  beforeEach(skipWithoutScram);

  it('runs scram on the Aralia chinese tree', () => {
    const result = runScram('bench/aralia/chinese.xml', { limitOrder: 20 });
    expect(result).toMatchObject({
      topGate: 'r1',
      products: 392,
      distribution: [0, 12, 0, 24, 188, 168],
      probability: 0.00117058,
    });
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('respects the order limit and takes several files', () => {
    const result = runScram(
      ['bench/scram-input/Chinese/chinese.xml', 'bench/scram-input/Chinese/chinese-basic-events.xml'],
      { limitOrder: 4 },
    );
    expect(result.distribution).toEqual([0, 12, 0, 24]);
    expect(Math.abs(result.probability - 0.00456932)).toBeLessThanOrEqual(scramTolerance(0.00456932));
  });

  it('reports a failure with the first line of stderr', () => {
    expect(() => runScram('/nonexistent/tree.xml', { limitOrder: 3 })).toThrow(/scram failed/);
  });
});
