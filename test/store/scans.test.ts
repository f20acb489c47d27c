// Saving and loading scans: a realistic scan comes back exactly as saved, the history lists the newest first with
// findings counted by severity, and a missing or damaged scan is a clear error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/check.js';
import { openStore, type Store } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { latestScans, listScans, loadScan, saveScan } from '../../src/store/scans.js';
import { accountFacts, finding, organizationScan, scanResult, seen } from './scan-builder.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => {
  store.close();
});

function at(startedAt: string): { startedAt: string; finishedAt: string } {
  return { startedAt, finishedAt: startedAt };
}

describe('saveScan and loadScan', () => {
  it('round-trip an Organization scan with seen and unknown facts and findings', () => {
    const scan = organizationScan();
    const findings: Finding[] = [
      finding(),
      finding({
        checkId: 'root-only-payer',
        severity: 'critical',
        title: 'Only root can pay',
        accountId: '222222222222',
        accountName: undefined,
        factors: [],
        location: { file: 'lockout.yaml', line: 12, column: 5 },
      }),
      finding({
        checkId: 'identity-document-expired',
        severity: 'low',
        accountId: undefined,
        accountName: undefined,
      }),
    ];
    const id = saveScan(store, scan, findings, {
      toolVersion: '0.1.0',
      savedAt: new Date('2024-06-01T09:00:00Z'),
    });

    const loaded = loadScan(store, id);
    expect(loaded).toEqual({
      id,
      toolVersion: '0.1.0',
      savedAt: '2024-06-01T09:00:00.000Z',
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      scan,
      findings,
    });
    // Key for key, not only equal up to undefined: an absent optional stays absent.
    expect(JSON.parse(JSON.stringify(loaded.scan))).toStrictEqual(JSON.parse(JSON.stringify(scan)));
    expect(loaded.findings[2]).not.toHaveProperty('accountId');
  });

  it('round-trip a standalone scan without an Organization', () => {
    const scan = scanResult();
    const loaded = loadScan(store, saveScan(store, scan, []));
    expect(loaded.scan).toEqual(scan);
    expect(loaded.scan).not.toHaveProperty('organization');
    expect(loaded.findings).toEqual([]);
    expect(loaded.toolVersion).toBe('unknown');
  });

  it('keep the columns used for lookups next to the JSON', () => {
    const id = saveScan(store, organizationScan(), []);
    const rows = store.db
      .prepare(
        'SELECT account_id, name, organization_role, state, reached FROM account_facts WHERE scan_id = ? ORDER BY position',
      )
      .all(id);
    expect(rows).toEqual([
      {
        account_id: '111111111111',
        name: 'management',
        organization_role: 'management',
        state: 'ACTIVE',
        reached: 1,
      },
      {
        account_id: '222222222222',
        name: 'member-2222',
        organization_role: 'member',
        state: 'ACTIVE',
        reached: 1,
      },
      { account_id: '333333333333', name: null, organization_role: 'member', state: 'ACTIVE', reached: 0 },
    ]);
    expect(store.db.prepare('SELECT organization_id FROM scans WHERE id = ?').get(id)).toEqual({
      organization_id: 'o-abcd123456',
    });
  });

  it('refuse a scan that lists an account twice, writing nothing', () => {
    const scan = scanResult({ accounts: [accountFacts('111111111111'), accountFacts('111111111111')] });
    expect(() => saveScan(store, scan, [])).toThrow(/account 111111111111 twice/);
    expect(listScans(store)).toEqual([]);
  });

  it('refuse a scan whose start is not a time', () => {
    expect(() => saveScan(store, scanResult({ startedAt: 'yesterday' }), [])).toThrow(StoreError);
  });

  it('say which scan is missing', () => {
    expect(() => loadScan(store, 42)).toThrow(
      expect.objectContaining({ code: 'scan-not-found', message: 'no scan with id 42' }),
    );
  });

  it('refuse to pass off a damaged row as facts', () => {
    const id = saveScan(store, scanResult(), []);
    store.db
      .prepare("UPDATE account_facts SET facts = json_set(facts, '$.rootMfaEnabled.status', 'maybe')")
      .run();
    expect(() => loadScan(store, id)).toThrow(
      expect.objectContaining({
        code: 'unreadable-row',
        message: expect.stringMatching(/account 111111111111/) as unknown,
      }),
    );
  });

  it('keep facts fields added after this code was written', () => {
    const scan = scanResult({
      accounts: [{ ...accountFacts(), ...{ securityHub: seen(true, 'securityhub:DescribeHub') } }],
    });
    expect(loadScan(store, saveScan(store, scan, [])).scan).toEqual(scan);
  });
});

describe('listScans', () => {
  it('is empty on a new store', () => {
    expect(listScans(store)).toEqual([]);
  });

  it('lists the newest first, by start time and not by insertion or text order', () => {
    const june = saveScan(store, scanResult(at('2024-06-01T08:00:00.000Z')), []);
    const may = saveScan(store, scanResult(at('2024-05-01T08:00:00Z')), []);
    // Same instant as `june`, written with an offset: compared as a time, not as text.
    const juneAgain = saveScan(store, scanResult(at('2024-06-01T17:00:00+09:00')), []);
    const july = saveScan(store, scanResult(at('2024-07-01T08:00:00.5Z')), []);
    expect(listScans(store).map((summary) => summary.id)).toEqual([july, juneAgain, june, may]);
    expect(listScans(store, { limit: 2 }).map((summary) => summary.id)).toEqual([july, juneAgain]);
  });

  it('summarises accounts, reach and findings by severity', () => {
    const id = saveScan(store, organizationScan(), [
      finding({ severity: 'critical' }),
      finding({ severity: 'high' }),
      finding({ severity: 'high' }),
      finding({ severity: 'info' }),
    ]);
    saveScan(store, scanResult(at('2020-01-01T00:00:00Z')), []);
    expect(listScans(store)).toEqual([
      {
        id,
        startedAt: '2024-06-01T08:00:00.000Z',
        finishedAt: '2024-06-01T08:00:42.000Z',
        callerAccountId: '111111111111',
        organizationId: 'o-abcd123456',
        toolVersion: 'unknown',
        accounts: 3,
        accountsReached: 2,
        accountsFailed: 1,
        findings: { critical: 1, high: 2, medium: 0, low: 0, info: 1 },
      },
      expect.objectContaining({
        accounts: 1,
        accountsReached: 1,
        accountsFailed: 0,
        findings: expect.objectContaining({ high: 0 }) as unknown,
      }),
    ]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => listScans(store, { limit: 0 })).toThrow(RangeError);
  });
});

describe('latestScans', () => {
  it('loads the two most recent scans, newest first', () => {
    saveScan(store, scanResult(at('2024-04-01T00:00:00Z')), []);
    const before = scanResult(at('2024-05-01T00:00:00Z'));
    const after = organizationScan(at('2024-06-01T00:00:00Z'));
    saveScan(store, before, [finding()]);
    saveScan(store, after, []);
    const [newest, previous, ...rest] = latestScans(store, 2);
    expect(rest).toEqual([]);
    expect(newest?.scan).toEqual(after);
    expect(previous?.scan).toEqual(before);
    expect(previous?.findings).toEqual([finding()]);
  });
});
