/**
 * The JSON report written in pieces: joined, the pieces are exactly `JSON.stringify(value, null, 2)`, whatever
 * the data (undefined fields, empty lists, nested arrays, dates, strings with line breaks and escapes), so
 * `lockout check --format json` can write an Organization's report without ever holding it as one string.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { formatChunks, formats } from '../../src/report/formats.js';
import { jsonChunks, LazyList } from '../../src/report/json-chunks.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { checkReport } from './support.js';

/** Any value JSON.stringify takes: undefined, dates, nested lists and dictionaries, any string. */
function jsonLike() {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.string({ unit: 'binary' }),
      fc.date({ noInvalidDate: true }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    ),
  }));
}

describe('jsonChunks', () => {
  it('joins to JSON.stringify with two spaces, on any JSON-like data', () => {
    const data = jsonLike();
    fc.assert(
      fc.property(data.value, (value) => {
        // Nothing at all is written for a value JSON leaves out (JSON.stringify's type does not say it may be).
        const expected = JSON.stringify(value, null, 2) as string | undefined;
        expect([...jsonChunks(value)].join('')).toBe(expected ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('joins to JSON.stringify without layout when compact, on any JSON-like data', () => {
    fc.assert(
      fc.property(jsonLike().value, (value) => {
        const expected = JSON.stringify(value) as string | undefined;
        expect([...jsonChunks(value, true)].join('')).toBe(expected ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('writes a list of many items in many pieces, not one', () => {
    const value = { accounts: Array.from({ length: 100 }, (_, index) => ({ id: index, tags: ['a', 'b'] })) };
    const pieces = [...jsonChunks(value)];
    expect(pieces.join('')).toBe(JSON.stringify(value, null, 2));
    expect(pieces.length).toBeGreaterThan(100);
  });
});

describe('a list made as it is written', () => {
  it('writes what its items would, each made once, in order, only when its turn comes', () => {
    const items = [
      { id: 1, tags: ['a'] },
      { id: 2, note: 'x\ny' },
      { id: 3, skipped: undefined },
    ];
    for (const compact of [false, true]) {
      const made: number[] = [];
      const list = new LazyList(items.length, (index) => {
        made.push(index);
        return items[index];
      });
      const after = { written: [] as number[] };
      const value = { before: 'b', accounts: list, after };
      const pieces: string[] = [];
      for (const piece of jsonChunks(value, compact)) {
        pieces.push(piece);
        // Filled while the list is written, as the report's dictionaries are: written after it, full.
        if (made.length > after.written.length) after.written.push(made.length);
      }
      expect(made).toEqual([0, 1, 2]);
      const expected = { before: 'b', accounts: items, after: { written: [1, 2, 3] } };
      expect(pieces.join('')).toBe(compact ? JSON.stringify(expected) : JSON.stringify(expected, null, 2));
    }
  });

  it('is made whole below the levels written piece by piece', () => {
    const value = { a: { b: { c: new LazyList(2, (index) => ({ index })) } } };
    const expected = { a: { b: { c: [{ index: 0 }, { index: 1 }] } } };
    expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(expected, null, 2));
    expect([...jsonChunks(value, true)].join('')).toBe(JSON.stringify(expected));
  });
});

describe('formatChunks', () => {
  it('writes the JSON report as toJsonReport gives it, indented and compact, on two examples', async () => {
    for (const report of [
      await checkReport('incident', { deadline: '2022-06-30' }),
      await checkReport('startup'),
    ]) {
      for (const compact of [false, true]) {
        const written = [...formatChunks('json', report, checks, { color: false, compact })].join('');
        const expected = compact
          ? JSON.stringify(toJsonReport(report))
          : JSON.stringify(toJsonReport(report), null, 2);
        expect(written).toBe(`${expected}\n`);
      }
    }
  });

  it('joins to exactly what every format renders', async () => {
    const report = await checkReport('incident', { deadline: '2022-06-30' });
    const options = { color: false, sourceRoot: '/repo' };
    for (const format of ['text', 'json', 'sarif', 'md'] as const) {
      expect([...formatChunks(format, report, checks, options)].join('')).toBe(
        formats[format](report, checks, options),
      );
    }
  });

  it('escapes what a terminal acts on in every piece of the JSON, as the whole text would be', async () => {
    const report = await checkReport('incident');
    report.inventory = 'a\u009b[2Jb\u202e';
    report.accounts[0]!.name = 'x\u007fy';
    const joined = [...formatChunks('json', report, checks, { color: false })].join('');
    expect(joined).toContain('x\\u007fy');
    expect(joined).toBe(
      `${JSON.stringify(toJsonReport(report), null, 2).replace(/[\u007f\u009b\u202e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`,
    );
  });
});
