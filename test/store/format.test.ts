// The plain-text history and drift, as `lockout history` and `lockout diff` print them; and the whole path from
// two saved scans to the printed drift.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.js';
import { diffScans, type Change } from '../../src/store/drift.js';
import { formatDiff, formatHistory } from '../../src/store/format.js';
import { latestScans, listScans, saveScan, type ScanSummary } from '../../src/store/scans.js';
import { factActions, finding, memberFacts, organizationScan, scanResult, seen } from './scan-builder.js';

const summary: ScanSummary = {
  id: 12,
  startedAt: '2024-06-09T08:00:00.000Z',
  finishedAt: '2024-06-09T08:01:00.000Z',
  callerAccountId: '111111111111',
  organizationId: 'o-abcd123456',
  toolVersion: '0.1.0',
  accounts: 3,
  accountsReached: 2,
  accountsFailed: 1,
  findings: { critical: 1, high: 2, medium: 0, low: 0, info: 4 },
};

describe('formatHistory', () => {
  it('says when nothing is saved', () => {
    expect(formatHistory([])).toBe('No scans saved yet.\n');
  });

  it('prints one aligned line per scan', () => {
    const standalone: ScanSummary = {
      ...summary,
      id: 3,
      startedAt: '2024-05-01T23:59:59Z',
      organizationId: undefined,
      accounts: 1,
      accountsReached: 1,
      accountsFailed: 0,
      findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    };
    expect(formatHistory([summary, standalone])).toBe(
      [
        'Scan  Started               Organization / account  Accounts  Reached  Failed  Findings',
        '12    2024-06-09 08:00 UTC  o-abcd123456            3         2        1       1 critical, 2 high, 4 info',
        '3     2024-05-01 23:59 UTC  111111111111            1         1        0       none',
        '',
      ].join('\n'),
    );
  });
});

describe('formatDiff', () => {
  it('says when nothing changed', () => {
    expect(formatDiff([])).toBe('No changes between the two scans.\n');
  });

  it('groups by account, the most severe account first, with a total', () => {
    const changes: Change[] = [
      {
        accountId: '111111111111',
        accountName: 'personal',
        kind: 'domain-added',
        severity: 'info',
        message: 'domain example.org is now registered in this account',
      },
      {
        kind: 'finding-new',
        severity: 'low',
        message: 'new finding identity-document-expired: the passport expired',
      },
      {
        accountId: '222222222222',
        kind: 'account-state-changed',
        severity: 'critical',
        message: 'the account went from ACTIVE to SUSPENDED',
      },
      {
        accountId: '111111111111',
        accountName: 'personal',
        kind: 'contact-phone-changed',
        severity: 'high',
        message: 'the contact phone changed from +** **-****-**78 to +** **-****-**11',
      },
    ];
    expect(formatDiff(changes)).toBe(
      [
        '4 changes: 1 critical, 1 high, 1 low, 1 info',
        '',
        '222222222222',
        '  CRITICAL  account-state-changed: the account went from ACTIVE to SUSPENDED',
        '',
        '111111111111 (personal)',
        '  HIGH      contact-phone-changed: the contact phone changed from +** **-****-**78 to +** **-****-**11',
        '  INFO      domain-added: domain example.org is now registered in this account',
        '',
        'Not tied to one account',
        '  LOW       finding-new: new finding identity-document-expired: the passport expired',
        '',
      ].join('\n'),
    );
  });
});

describe('history and drift end to end', () => {
  it('saves two scans, lists them, and prints what changed between the latest two', () => {
    const store = openStore(':memory:');
    const before = organizationScan();
    const base = organizationScan({ startedAt: '2024-06-17T08:00:00Z', finishedAt: '2024-06-17T08:01:00Z' });
    const after = {
      ...base,
      accounts: base.accounts.map((account) =>
        account.accountId === '222222222222'
          ? memberFacts('222222222222', {
              recommendedActions: seen([{ type: 'PAYMENTS_PAST_DUE' }], factActions.recommendedActions),
            })
          : account,
      ),
    };
    saveScan(store, scanResult({ startedAt: '2024-01-01T00:00:00Z' }), []);
    saveScan(store, before, [finding()]);
    saveScan(store, after, [
      finding(),
      finding({ checkId: 'root-only-payer', severity: 'critical', factors: [] }),
    ]);

    expect(formatHistory(listScans(store))).toBe(
      [
        'Scan  Started               Organization / account  Accounts  Reached  Failed  Findings',
        '3     2024-06-17 08:00 UTC  o-abcd123456            3         2        1       1 critical, 1 high',
        '2     2024-06-01 08:00 UTC  o-abcd123456            3         2        1       1 high',
        '1     2024-01-01 00:00 UTC  111111111111            1         1        0       none',
        '',
      ].join('\n'),
    );
    const [latest, previous] = latestScans(store, 2);
    if (latest === undefined || previous === undefined) throw new Error('two scans expected');
    const text = formatDiff(diffScans(previous.scan!, latest.scan!, previous.findings, latest.findings));
    expect(text).toBe(
      [
        '2 changes: 2 critical',
        '',
        '111111111111 (personal)',
        '  CRITICAL  finding-new: new finding root-only-payer: Root of personal has one MFA device: the authenticator on phone "old-phone".',
        '',
        '222222222222 (member-2222)',
        '  CRITICAL  payment-warning-appeared: AWS now warns PAYMENTS_PAST_DUE: unpaid bills lead to suspension, and only a principal allowed to pay can fix it',
        '',
      ].join('\n'),
    );
    store.close();
  });
});
