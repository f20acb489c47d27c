/**
 * Which accounts a long report shows in detail: the worst first, so that an Organization of hundreds of
 * accounts gets the few that need the owner now, and a line each for the rest.
 */

import { severities } from '../checks/check.js';
import type { AccountReport } from './check-report.js';

/** Reports for people (Markdown, HTML) detail at most this many accounts, and say how many they leave out. */
export const DETAILED_ACCOUNTS = 20;

/** A capability still held that one loss takes (it has a single point of failure). */
export function oneLossAway(capability: AccountReport['capabilities'][number]): boolean {
  return capability.status !== 'lost' && capability.singlePointsOfFailure.length > 0;
}

/**
 * Accounts from the worst: most capabilities lost, then most held only by ways of more than a day, then most
 * critical and high findings, then most capabilities one loss away, then milder findings; ties keep the
 * report's order.
 */
export function rankAccounts(accounts: readonly AccountReport[]): AccountReport[] {
  const score = (account: AccountReport): number[] => {
    const bySeverity = severities.map(
      (severity) => account.findings.filter((finding) => finding.severity === severity).length,
    );
    const [critical = 0, high = 0, ...milder] = bySeverity;
    return [
      account.capabilities.filter((capability) => capability.status === 'lost').length,
      account.capabilities.filter((capability) => capability.state === 'no-fast-way').length,
      critical,
      high,
      account.capabilities.filter(oneLossAway).length,
      ...milder,
    ];
  };
  const scores = new Map(accounts.map((account) => [account, score(account)]));
  return [...accounts].sort((a, b) => {
    const x = scores.get(a)!;
    const y = scores.get(b)!;
    for (let index = 0; index < x.length; index++) {
      const difference = (y[index] ?? 0) - (x[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

/**
 * The accounts ranked worst first, and those a report for people details: every account of a small report, the
 * DETAILED_ACCOUNTS most at risk of a larger one (in rank order).
 */
export function detailedAccounts(accounts: readonly AccountReport[]): DetailedAccounts {
  let found = detailedOf.get(accounts);
  if (found === undefined) {
    const ranked = rankAccounts(accounts);
    found = {
      ranked,
      detailed: ranked.length > DETAILED_ACCOUNTS ? ranked.slice(0, DETAILED_ACCOUNTS) : accounts,
    };
    detailedOf.set(accounts, found);
  }
  return found;
}

interface DetailedAccounts {
  readonly ranked: readonly AccountReport[];
  readonly detailed: readonly AccountReport[];
}

/**
 * By a report's list of accounts (never changed once the report is built): the HTML report's graphs and its
 * page are made from one ranking, not two (10,000 accounts ranked took 20-70 ms each time).
 */
const detailedOf = new WeakMap<readonly AccountReport[], DetailedAccounts>();
