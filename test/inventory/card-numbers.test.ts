// A full card number anywhere in the inventory is refused, and never repeated back.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findCardNumbers,
  passesLuhn,
  possibleRegions,
  redactCardNumbers,
} from '../../src/inventory/card-numbers.js';
import { formatInventoryIssues, parseInventory } from '../../src/inventory/index.js';

// Test numbers published by card networks: they pass the Luhn check and belong to nobody.
const visa = '4111111111111111';
const amex = '378282246310005';

describe('passesLuhn', () => {
  it.each([
    [visa, true],
    [amex, true],
    ['6011111111111117', true],
    ['4111111111111112', false],
    ['1234567890123', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('findCardNumbers', () => {
  it.each([
    ['plain', `n: ${visa}`, 1],
    ['grouped with spaces', 'n: 4111 1111 1111 1111', 1],
    ['grouped with dashes', 'n: 3782-822463-10005', 1],
    ['inside words', `card${visa}x`, 1],
    ['an account id (12 digits)', "id: '111122223333'", 0],
    ['a phone number in international form', 'number: +86 138 0013 8000 0', 0],
    ['dates', 'asOf: 2022-06-09', 0],
    ['a number failing the Luhn check', 'n: 4111 1111 1111 1112', 0],
    ['more than 19 digits', 'n: 41111111111111111111111', 0],
    ['grouped with dots', 'n: 4111.1111.1111.1111', 1],
    ['grouped with slashes', 'n: 4111/1111/1111/1111', 1],
    ['grouped with underscores', 'n: 4111_1111_1111_1111', 1],
    ['grouped with double spaces', 'n: 4111  1111  1111  1111', 1],
    ['grouped with a spaced dash', 'n: 3782 - 822463 - 10005', 1],
    ['with separators mixed', 'n: 4111 1111-1111.1111', 1],
    ['with a + before it (longer than any phone number)', `n: +${visa}`, 1],
    ['in full-width digits', 'n: ４１１１ １１１１ １１１１ １１１１', 1],
    ['in Arabic-Indic digits', 'n: ٤١١١١١١١١١١١١١١١', 1],
    ['in Devanagari digits, dashed', 'n: ४१११-११११-११११-११११', 1],
    ['in mathematical digits', 'n: 𝟒𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏', 1],
    ['followed by its expiry', 'n: 4111 1111 1111 1111 12/27', 1],
    ['after a date', `n: 2024-06-09 ${visa}`, 1],
    ['with a non-breaking and an ideographic space', 'n: 4111\u00a01111\u30001111 1111', 1],
    ['a date range (16 digits that pass the Luhn check)', 'valid 2024-06-09/2024-07-04', 0],
    ['a network and its prefix (14 digits that pass the Luhn check)', 'cidr 192.168.100.201/24', 0],
    ['a short phone number with a +', 'phone: +1 555 0100', 0],
  ])('%s', (_name, text, count) => {
    expect(findCardNumbers(text)).toHaveLength(count);
  });

  it('gives offsets in the text as written, so a redaction covers the whole number', () => {
    const text = 'x ４１１１.１１１１.１１１１.１１１１ y';
    expect(findCardNumbers(text)).toEqual([{ offset: 2, length: 19 }]);
    expect(redactCardNumbers(text)).toBe('x [card number removed] y');
  });

  it('finds each number of a large text, whatever stands around it (the scan skips stretches by character codes)', () => {
    // Long indentation and short digit groups (no card), then numbers beside non-ASCII letters, spaces and digits.
    const filler = `${' '.repeat(40)}- 2025-05-20 10.0.0.1/24 1234 5678\n`.repeat(200);
    const text = `${filler}é${visa}\u00a0and ٤١١١١١١١١١١١١١١١ ${filler}+${visa}9 : ${amex}\n${filler}`;
    const found = findCardNumbers(text).map((span) => text.slice(span.offset, span.offset + span.length));
    expect(found).toEqual([visa, '٤١١١١١١١١١١١١١١١', amex]);
    expect(findCardNumbers(filler.repeat(5))).toEqual([]);
  });

  it('reads the same stretches as a loop over every character would, skipping the short ones', () => {
    // Every stretch of 13 or more characters that are digits, other than ASCII or ASCII separators, with 13
    // digits or a character other than ASCII: the loop the skipping one replaced.
    const everyCharacter = (text: string): { start: number; end: number }[] => {
      const found: { start: number; end: number }[] = [];
      let start = 0;
      let digits = 0;
      let other = false;
      for (let index = 0; index <= text.length; index++) {
        const code = index < text.length ? text.charCodeAt(index) : 0x0a;
        if (code >= 0x30 && code <= 0x39) digits++;
        else if (code >= 0x80) other = true;
        else if (!' \t-./_'.includes(String.fromCharCode(code))) {
          if (index - start >= 13 && (other || digits >= 13)) found.push({ start, end: index });
          start = index + 1;
          digits = 0;
          other = false;
        }
      }
      return found;
    };
    // Characters and runs of them: digits, separators, indentation, words and characters other than ASCII.
    const unit = fc.constantFrom(
      ...'0123456789 \t-./_a:\né٤'.split(''),
      '          ',
      '4111111111111111',
      '1234 5678 ',
      'verified: ',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect([...possibleRegions(text)]).toEqual(everyCharacter(text));
      }),
      { numRuns: 3000 },
    );
    const inventory = readFileSync('examples/small-team.yaml', 'utf8');
    expect([...possibleRegions(inventory)]).toEqual(everyCharacter(inventory));
  });

  it('redacts every card number in a text', () => {
    expect(redactCardNumbers(`a ${visa} b 3782 822463 10005 c`)).toBe(
      'a [card number removed] b [card number removed] c',
    );
  });
});

/** Whether `output` contains the digits of `number`, however they are spaced or dashed, in ASCII or full width. */
function echoes(output: string, number: string): boolean {
  return output.normalize('NFKC').replace(/[^\d]/g, '').includes(number);
}

const base = ['version: 1', 'factors:', '  cards:'];

describe('parseInventory refuses a full card number', () => {
  it.each([
    {
      name: 'in place of the last four digits, as a number YAML reads',
      lines: [...base, `    - { id: visa, lastFour: ${visa}, expires: 2027-01, status: ok }`, 'accounts: []'],
      at: { line: 4, column: 29, path: 'factors.cards[0].lastFour' },
    },
    {
      name: 'quoted, grouped, in a note',
      lines: [
        ...base,
        "    - { id: visa, lastFour: '1111', expires: 2027-01, status: ok, notes: 'full: 4111 1111 1111 1111' }",
        'accounts: []',
      ],
      at: { line: 4, column: 81, path: 'factors.cards[0].notes' },
    },
    {
      name: 'as a reference',
      lines: [
        'version: 1',
        'accounts:',
        "  - { id: '111122223333', name: a, organization: standalone, payment: { cards: [" + amex + '] } }',
      ],
      at: { line: 3, column: 81, path: 'accounts[0].payment.cards[0]' },
    },
    {
      name: 'as a key',
      lines: ['version: 1', 'accounts: []', `${visa}: x`],
      at: { line: 3, column: 1, path: '[card number removed]' },
    },
    {
      name: 'in a comment',
      lines: ['version: 1', `accounts: [] # card ${visa}`],
      at: { line: 2, column: 21, path: 'accounts' },
    },
    {
      name: 'written with a \\x escape',
      lines: [
        ...base,
        '    - { id: visa, lastFour: "1111", expires: 2027-01, status: ok, notes: "Visa \\x34111111111111111" }',
        'accounts: []',
      ],
      at: { line: 4, column: 74, path: 'factors.cards[0].notes' },
    },
    {
      name: 'written with \\u escapes',
      lines: ['version: 1', 'accounts: []', 'notes: "\\u0034\\u0031\\u0031\\u0031 1111 1111 1111"'],
      at: { line: 3, column: 8, path: 'notes' },
    },
    {
      name: 'folded over two lines of a double-quoted string',
      lines: ['version: 1', 'accounts: []', 'notes: "card 4111 1111', '  1111 1111"'],
      at: { line: 3, column: 8, path: 'notes' },
    },
    {
      name: 'in a folded block scalar',
      lines: ['version: 1', 'accounts: []', 'notes: >', '  card 4111 1111', '  1111 1111'],
      at: { line: 3, column: 8, path: 'notes' },
    },
    {
      name: 'as a key written with an escape',
      lines: ['version: 1', 'accounts: []', '"\\x34111111111111111": x'],
      at: { line: 3, column: 1, path: '[card number removed]' },
    },
    {
      name: 'as a hexadecimal number',
      lines: [
        ...base,
        `    - { id: visa, lastFour: 0x${Number(visa).toString(16)}, expires: 2027-01, status: ok }`,
        'accounts: []',
      ],
      at: { line: 4, column: 29, path: 'factors.cards[0].lastFour' },
    },
    {
      name: 'in full-width digits, dotted',
      lines: ['version: 1', 'accounts: []', 'notes: ４１１１．１１１１．１１１１．１１１１'],
      at: { line: 3, column: 8, path: 'notes' },
    },
    {
      name: 'in a file that does not parse',
      lines: ['version: 1', `accounts: [ ${visa}`],
      at: { line: 2, column: 13, path: 'accounts[0]' },
    },
  ])('$name', ({ lines, at }) => {
    const result = parseInventory(`${lines.join('\n')}\n`, 'inventory.yaml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContainEqual({
      code: 'card-number',
      file: 'inventory.yaml',
      ...at,
      message: 'this looks like a full payment card number; Lockout keeps only the last four digits',
      hint: 'delete it, and describe the card with lastFour: "NNNN" and expires: YYYY-MM',
    });
    const output = `${formatInventoryIssues(errors)}${JSON.stringify(errors)}`;
    expect(echoes(output, visa) || echoes(output, amex)).toBe(false);
  });
});
