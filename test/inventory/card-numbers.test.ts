// A full card number anywhere in the inventory is refused, and never repeated back.
import { describe, expect, it } from 'vitest';
import { findCardNumbers, passesLuhn, redactCardNumbers } from '../../src/inventory/card-numbers.js';
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
  ])('%s', (_name, text, count) => {
    expect(findCardNumbers(text)).toHaveLength(count);
  });

  it('redacts every card number in a text', () => {
    expect(redactCardNumbers(`a ${visa} b 3782 822463 10005 c`)).toBe(
      'a [card number removed] b [card number removed] c',
    );
  });
});

/** Whether `output` contains the digits of `number`, however they are spaced or dashed. */
function echoes(output: string, number: string): boolean {
  return output.replace(/[^\d]/g, '').includes(number);
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
