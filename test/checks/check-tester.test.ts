// The tester itself: broken fixtures fail loudly, and checks cannot reach past the inventory and the date.
import { describe, expect, it } from 'vitest';
import { defineCheck, type Check, type FindingDraft } from '../../src/checks/check.js';
import { account, inventoryYaml, runCheck } from './check-tester.js';
import { scanOf } from './scan-fixtures.js';

function checkReturning(run: Check['run']): Check {
  return defineCheck({
    meta: {
      id: 'probe',
      severity: 'low',
      title: 'Probe',
      why: 'Tests.',
      fix: 'None.',
      docs: 'https://docs.aws.amazon.com/',
    },
    run,
  });
}
const nothing = checkReturning(() => []);

describe('runCheck', () => {
  it('throws with the formatted issues when the fixture is invalid', () => {
    expect(() => runCheck(nothing, 'version: 2\naccounts: []\n')).toThrow(/fixture\.yaml:1:\d+: version/);
  });

  it('refuses a fixture without asOf unless one is given', () => {
    const yaml = inventoryYaml({ asOf: null });
    expect(() => runCheck(nothing, yaml)).toThrow(/needs an asOf/);
    expect(runCheck(nothing, yaml, { asOf: '2024-01-01' })).toEqual([]);
  });

  it('passes the asOf of the options over the inventory one', () => {
    let seen = '';
    runCheck(
      checkReturning(({ asOf }) => {
        seen = asOf;
        return [];
      }),
      inventoryYaml(),
      { asOf: '2030-12-31' },
    );
    expect(seen).toBe('2030-12-31');
  });

  it('makes the recovery analysis throw when read', () => {
    const peeking = checkReturning(({ recovery }) => (recovery.capabilities.length > 0 ? [] : []));
    expect(() => runCheck(peeking, inventoryYaml())).toThrow(
      'inventory checks must not use the recovery analysis',
    );
  });

  it('freezes the inventory', () => {
    const mutating = checkReturning(({ inventory }) => {
      inventory.accounts[0]!.name = 'changed';
      return [];
    });
    expect(() => runCheck(mutating, inventoryYaml())).toThrow(TypeError);
  });

  it('passes no scan unless one is given', () => {
    let scanned: unknown = 'not run';
    const peeking = checkReturning(({ scan }) => {
      scanned = scan;
      return [];
    });
    runCheck(peeking, inventoryYaml());
    expect(scanned).toBeUndefined();
  });

  it('passes a frozen copy of the scan, leaving the fixture as it was', () => {
    const fixture = scanOf();
    const mutating = checkReturning(({ scan }) => {
      expect(scan).toEqual(fixture);
      scan!.accounts[0]!.name = 'changed';
      return [];
    });
    expect(() => runCheck(mutating, inventoryYaml(), { scan: fixture })).toThrow(TypeError);
    expect(Object.isFrozen(fixture)).toBe(false);
  });

  it.each<[string, (accounts: FindingDraft['account'][]) => FindingDraft, RegExp]>([
    ['an empty message', () => ({ message: ' ' }), /empty message/],
    [
      'a path to nothing',
      () => ({ message: 'x', path: ['accounts', 0, 'root', 'mfa'] }),
      /nothing at accounts\[0\]\.root\.mfa/,
    ],
    ['an undeclared factor', () => ({ message: 'x', factors: ['ghost'] }), /factor 'ghost' is not declared/],
    [
      'an account that is not the inventory one',
      () => ({ message: 'x', account: { id: '111122223333', name: 'copy', organization: 'standalone' } }),
      /not one of the inventory's/,
    ],
  ])('refuses a draft with %s', (_, draft, error) => {
    const check = checkReturning(({ inventory }) => [draft(inventory.accounts)]);
    expect(() => runCheck(check, inventoryYaml({ accounts: [account()] }))).toThrow(error);
  });
});
