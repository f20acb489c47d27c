/**
 * Property: however a full card number is written into an inventory — YAML escapes, a double-quoted string
 * folded over lines, spaces, dots, slashes, underscores or dashes between its groups, a `+` before it, digits
 * of another script, embedded in text, in a value or a key — `check`, `whatif` and `scan` refuse the inventory
 * with exit 2 and a file:line:column, and its digits reach neither their output nor the scan store.
 */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const folder = mkdtempSync(path.join(tmpdir(), 'lockout-card-property-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(args, { stdout: (text) => (output += text), stderr: (text) => (output += text) });
  return { code, output };
}

/** The zero of each digit script a number may be written in: ASCII, full width, Arabic-Indic, Devanagari, bold. */
const scripts = [0x30, 0xff10, 0x660, 0x966, 0x1d7ce] as const;

/** A number of 13 to 19 digits whose last digit makes it pass the Luhn check, as every card number does. */
const cardNumber = fc
  .integer({ min: 13, max: 19 })
  .chain((length) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }),
  )
  .map((body) => {
    let sum = 0;
    // Doubling starts at the digit left of the check digit.
    body.forEach((digit, index) => {
      const fromRight = body.length - index;
      const value = fromRight % 2 === 1 ? digit * 2 : digit;
      sum += value > 9 ? value - 9 : value;
    });
    return [...body, (10 - (sum % 10)) % 10].join('');
  });

/** Group sizes of 3 to 6 digits that add up to `length`, as card numbers are grouped when written. */
function groupSizes(length: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 3, max: 6 }), { minLength: 5, maxLength: 7 }).map((wanted) => {
    const sizes: number[] = [];
    let left = length;
    for (const size of wanted) {
      if (left === 0) break;
      const take = left - size < 3 ? left : size;
      sizes.push(take);
      left -= take;
    }
    if (left > 0) sizes.push(left);
    return sizes;
  });
}

const separator = fc.constantFrom('', ' ', '  ', '.', '/', '_', '-', ' - ', '\u00a0', '\u3000', '．', '－');

/** Surrounding words: letters, punctuation and spaces of several scripts, never a digit or a `+` next to it. */
const words = fc.string({
  unit: fc.constantFrom(...'abcXYZ :,;()#é漢ー!?@$%&*=[]{}<>\'"\\'.split('')),
  maxLength: 12,
});

/** How the string holding the number is written in YAML. */
const encoding = fc.constantFrom('double-quoted', 'escaped', 'folded', 'single-quoted', 'block', 'key');
const place = fc.constantFrom('label', 'notes', 'name');

interface Case {
  digits: string;
  written: string;
  value: string;
  encoding: string;
  place: string;
  escapeEvery: number;
}

const cases: fc.Arbitrary<Case> = cardNumber.chain((digits) =>
  fc
    .record({
      sizes: groupSizes(digits.length),
      separators: fc.array(separator, { minLength: 7, maxLength: 7 }),
      script: fc.constantFrom(...scripts),
      plus: fc.boolean(),
      before: words,
      after: words,
      encoding,
      place,
      escapeEvery: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ sizes, separators, script, plus, before, after, encoding, place, escapeEvery }) => {
      const written = Array.from(digits)
        .map((digit) => String.fromCodePoint(script + Number(digit)))
        .join('');
      const characters = Array.from(written);
      let offset = 0;
      const groups = sizes.map((size) => {
        const group = characters.slice(offset, offset + size).join('');
        offset += size;
        return group;
      });
      const number = groups
        .map((group, index) => (index === 0 ? group : separators[index]! + group))
        .join('');
      // Phone numbers in international form have up to 15 digits: a + counts only before a longer number.
      const sign = plus && digits.length > 15 ? '+' : '';
      return { digits, written, value: `${before} ${sign}${number} ${after}`, encoding, place, escapeEvery };
    }),
);

/** The value as a YAML scalar of the chosen kind; ASCII digits as \x or \u escapes in an escaped string. */
function scalar(value: string, kind: string, escapeEvery: number): string {
  const quoted = (text: string, digit: (character: string, index: number) => string): string =>
    `"${Array.from(text)
      .map((character, index) =>
        character === '"' || character === '\\'
          ? `\\${character}`
          : /[0-9]/.test(character)
            ? digit(character, index)
            : character,
      )
      .join('')}"`;
  switch (kind) {
    case 'escaped':
      return quoted(value, (character, index) =>
        index % escapeEvery !== 0
          ? character
          : index % 2 === 0
            ? `\\x${character.charCodeAt(0).toString(16)}`
            : `\\u00${character.charCodeAt(0).toString(16)}`,
      );
    case 'folded': {
      // A line break inside a double-quoted string reads as one space.
      const text = quoted(value, (character) => character);
      const space = text.lastIndexOf(' ');
      return `${text.slice(0, space)}\n        ${text.slice(space + 1)}`;
    }
    case 'single-quoted':
      return `'${value.replace(/'/g, "''")}'`;
    case 'block':
      return `|-\n        ${value}`;
    default:
      return quoted(value, (character) => character);
  }
}

function inventory({ value, encoding, place, escapeEvery }: Case): string {
  const written = scalar(value, encoding === 'key' ? 'double-quoted' : encoding, escapeEvery);
  const field = (name: string, fallback: string): string =>
    encoding !== 'key' && place === name ? `${name}: ${written}` : `${name}: ${fallback}`;
  return [
    'version: 1',
    'asOf: 2025-06-01',
    'factors:',
    '  people:',
    '    - id: owner',
    `      ${field('name', 'Owner')}`,
    `      ${field('notes', 'hello')}`,
    `      ${field('label', 'The owner')}`,
    '  cards:',
    "    - { id: visa, lastFour: '1111', expires: 2027-01, status: ok }",
    'accounts:',
    "  - id: '111122223333'",
    '    name: main',
    '    organization: standalone',
    '    payment: { cards: [visa] }',
    ...(encoding === 'key' ? [`${written}: x`] : []),
    '',
  ].join('\n');
}

/** Whether `text` holds the number's digits, in ASCII or as written, whatever separates them. */
function echoes(text: string, { digits, written }: Case): boolean {
  const onlyDigits = Array.from(text.normalize('NFKC'))
    .filter((character) => /\p{Nd}/u.test(character))
    .join('');
  return onlyDigits.includes(digits) || onlyDigits.includes(written.normalize('NFKC'));
}

describe('an inventory holding a card number, written any way', () => {
  it('is a valid inventory without it', async () => {
    const file = path.join(folder, 'clean.yaml');
    writeFileSync(
      file,
      inventory({
        digits: '',
        written: '',
        value: 'x',
        encoding: 'double-quoted',
        place: 'notes',
        escapeEvery: 1,
      }),
    );
    expect((await run(['check', file, '--no-color', '--fail-on', 'none'])).code).toBe(0);
  });

  it('is refused by check, whatif and scan, and its digits reach no output and no store', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (example) => {
        runs += 1;
        const file = path.join(folder, `inventory-${runs}.yaml`);
        const store = path.join(folder, `store-${runs}.db`);
        writeFileSync(file, inventory(example));
        const outcomes = [
          await run(['check', file, '--no-color']),
          await run(['whatif', file, '--lose', 'visa']),
          await run([
            'scan',
            '--inventory',
            file,
            '--store',
            store,
            '--no-progress',
            '--max-attempts',
            '1',
            '--endpoint-url',
            'http://127.0.0.1:9',
          ]),
        ];
        for (const { code, output } of outcomes) {
          expect(code).toBe(2);
          expect(output).toMatch(/inventory-\d+\.yaml:\d+:\d+: .*full payment card number/);
          expect(echoes(output, example)).toBe(false);
        }
        // Refused before anything is saved: the scan store is not even created.
        expect(existsSync(store)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
