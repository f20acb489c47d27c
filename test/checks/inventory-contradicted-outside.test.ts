/**
 * inventory-contradicted on the facts seen outside AWS, in one run with AWS: each contradiction keeps the
 * severity the outside comparison gives it (reconcileOutside: an admin without a second step is high, an
 * undeclared admin medium…), and its path points into `outsideAccounts`, so the reports place it there.
 */
import { describe, expect, it } from 'vitest';
import { judgeScan } from '../../src/check.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { InventorySource } from '../../src/inventory/source.js';
import type { Inventory } from '../../src/model/inventory.js';
import { seen, type OutsideScanFacts } from '../../src/providers/outside/scan/facts.js';
import { reconcileOutside } from '../../src/providers/outside/scan/reconcile.js';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { accountId } from './check-tester.js';
import { scanOf } from './scan-fixtures.js';

/** The AWS account and the GitHub organisation acme, declared with owners Ana and Ben and 2FA required. */
function declared(): { inventory: Inventory; source: InventorySource } {
  const result = parseInventory(
    [
      'version: 1',
      'asOf: 2024-06-01',
      'accounts:',
      `  - { id: '${accountId}', name: personal, organization: standalone }`,
      'outsideAccounts:',
      '  - { id: acme-github, provider: github-organization, login: acme, owners: [gh-ana, gh-ben], twoFactorRequired: on }',
      '  - { id: gh-ana, provider: github, login: ana, twoStepVerification: on }',
      '  - { id: gh-ben, provider: github, login: ben, twoStepVerification: off }',
      '',
    ].join('\n'),
    'lockout.yaml',
  );
  if (!result.ok) throw new Error('fixture');
  return { inventory: result.inventory, source: result.source };
}

/** acme as GitHub shows it: owners Ben (2FA on) and octocat (2FA off, not declared), 2FA no longer required. */
function acmeSeen(): OutsideScanFacts {
  const twoStep = (value: 'on' | 'off') => seen(githubCalls.twoFactorDisabled, value);
  return {
    provider: 'github-organization',
    memberProvider: 'github',
    login: 'acme',
    admins: seen(githubCalls.owners, [
      { login: 'ben', twoStepVerification: twoStep('on') },
      { login: 'octocat', twoStepVerification: twoStep('off') },
    ]),
    twoStepRequired: seen(githubCalls.organization, 'off'),
    calls: [githubCalls.organization, githubCalls.owners, githubCalls.twoFactorDisabled],
  };
}

describe('inventory-contradicted: the facts seen outside AWS', () => {
  const { inventory, source } = declared();
  const judged = judgeScan(scanOf(), { inventory, source }, '2024-06-01', [acmeSeen()]);
  const findings = judged.findings.filter((finding) => finding.checkId === 'inventory-contradicted');
  const comparison = reconcileOutside([acmeSeen()], inventory.outsideAccounts);
  const outsideIndex = (id: string) =>
    judged.reconciled.inventory.outsideAccounts!.findIndex((account) => account.id === id);

  it('each outside contradiction keeps the severity the outside comparison gives the same fact', () => {
    // Ana not seen, octocat not declared, octocat without a second step, Ben's 2FA declared off but seen on,
    // 2FA declared required but seen not: five facts, as the comparison alone reports them.
    expect(comparison).toHaveLength(5);
    for (const fact of comparison) {
      const finding = findings.find((candidate) => candidate.message.includes(fact.message));
      expect(finding, fact.message).toBeDefined();
      expect(finding!.severity, fact.message).toBe(fact.severity);
    }
    const severityOf = (pattern: RegExp) =>
      findings.find((finding) => pattern.test(finding.message))?.severity;
    expect(severityOf(/owner octocat has no second step/)).toBe('high');
    expect(severityOf(/owner octocat is not declared/)).toBe('medium');
    expect(severityOf(/gh-ana is declared a owner/)).toBe('high');
    expect(severityOf(/twoFactorRequired is declared on but/)).toBe('high');
    // A second step seen on where off was declared is better than declared: low.
    expect(severityOf(/gh-ben declares twoStepVerification off/)).toBe('low');
  });

  it('names the outside account each contradiction is about, as the reports place it', () => {
    const about = (pattern: RegExp) => findings.find((finding) => pattern.test(finding.message));
    expect(about(/twoFactorRequired is declared on/)).toMatchObject({
      outsideAccountId: 'acme-github',
      accountId: undefined,
    });
    expect(about(/gh-ben declares/)?.outsideAccountId).toBe('gh-ben');
    // In the file: the line that declares the organisation, and the one that declares Ben.
    expect(about(/twoFactorRequired is declared on/)?.location?.line).toBe(6);
    expect(about(/gh-ben declares/)?.location?.line).toBe(8);
    // octocat was not declared: the account the merge made for it carries the finding.
    expect(about(/octocat has no second step/)?.outsideAccountId).toBe('github-octocat');
    expect(outsideIndex('github-octocat')).toBeGreaterThan(0);
  });

  it('leaves the severities of the AWS contradictions as they were', () => {
    const aws = judgeScan(
      scanOf(),
      {
        inventory: {
          ...inventory,
          accounts: [{ id: accountId, name: 'personal', organization: 'member' }],
        },
      },
      '2024-06-01',
      [acmeSeen()],
    ).findings.filter(
      (finding) => finding.checkId === 'inventory-contradicted' && finding.accountId === accountId,
    );
    expect(aws.map((finding) => [finding.message.split(':')[0], finding.severity])).toEqual([
      ['organization', 'medium'],
    ]);
  });
});
