// A fact the scanner leaves unknown for any of its reasons must read back from the store: a reason the scanner
// learns (a reset connection, an answer without the fields a fact needs) is one the store accepts.
import { describe, expect, it } from 'vitest';
import { unknownReasons } from '../../src/providers/aws/scan/facts.js';
import { isFact } from '../../src/store/scan-shape.js';

describe('isFact', () => {
  it.each([...unknownReasons])('reads back a fact unknown for "%s"', (reason) => {
    expect(
      isFact({ status: 'unknown', action: 'iam:GetAccountSummary', reason, message: 'as written' }),
    ).toBe(true);
  });

  it('refuses a reason the scanner never gives', () => {
    expect(
      isFact({ status: 'unknown', action: 'iam:GetAccountSummary', reason: 'bad luck', message: 'x' }),
    ).toBe(false);
  });
});
