// Counts in an Organization's report are written as people read them ("10,000", not "10000"): the summary, the
// actions to do first, the findings said once for many accounts, and the places they are at.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/check.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { doFirstReach, instanceAccounts, instanceLocations, summaryText } from '../../src/report/wording.js';

function finding(index: number): Finding {
  return {
    checkId: 'contact-phone-outdated',
    severity: 'medium',
    title: 't',
    why: 'w',
    fix: 'f',
    message: 'm',
    accountId: String(100_000_000_000 + index),
    accountName: `member-${index}`,
    location: { file: 'org.yaml', line: 10 * index, column: 5 },
  } as Finding;
}

describe('counts at Organization scale', () => {
  it('the summary', () => {
    const report = {
      summary: {
        findings: { critical: 0, high: 9401, medium: 21802, low: 21, info: 3 },
        states: { 'lost-now': 0, unknown: 10000, 'lost-after': 0, 'one-loss-away': 400, holds: 39616 },
      },
      findings: [finding(1), finding(2)],
    } as unknown as CheckReport;
    expect(summaryText(report)).toBe(
      '9,401 high, 21,802 medium, 21 low, 3 info findings; capabilities: 10,000 unknown, 400 one loss away, 39,616 holds.',
    );
  });

  it('what to do first, and a finding said once for many accounts', () => {
    expect(doFirstReach({ action: 'a', from: 'unknown', accounts: 10_000, capabilities: 12_345 })).toBe(
      '12,345 capabilities of 10,000 accounts',
    );
    const instance = { message: 'm', findings: Array.from({ length: 3334 }, (_, n) => finding(n + 1)) };
    expect(instanceAccounts(instance, new Set())).toBe(
      '3,334 accounts (member-1, member-2, member-3, member-4, member-5, …)',
    );
    expect(instanceLocations(instance)).toBe('org.yaml:10:5, org.yaml:20:5, org.yaml:30:5 and 3,331 more');
  });
});
