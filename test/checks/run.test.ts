/**
 * The runner: a draft completed into a finding with its check's metadata, its account (in AWS or outside it)
 * and where its evidence is declared, in the file as the caller names it; fields in the order the JSON report
 * writes them.
 */
import { describe, expect, it } from 'vitest';
import { defineCheck, type CheckContext, type FindingDraft } from '../../src/checks/check.js';
import { runChecks } from '../../src/checks/run.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { RecoveryAnalysis } from '../../src/providers/aws/analysis.js';

const parsed = parseInventory(
  [
    'version: 1',
    'asOf: 2024-06-01',
    'accounts:',
    "  - { id: '111122223333', name: personal, organization: standalone }",
    'outsideAccounts:',
    '  - { id: gh-ana, provider: github, login: ana, twoStepVerification: off }',
    '',
  ].join('\n'),
  'lockout.yaml',
);
if (!parsed.ok) throw new Error('fixture');
const { inventory, source } = parsed;
const context: CheckContext = { inventory, asOf: '2024-06-01', recovery: {} as RecoveryAnalysis };

const check = (drafts: FindingDraft[]) =>
  defineCheck({
    meta: {
      id: 'example',
      severity: 'high',
      title: 'Title',
      why: 'Why',
      fix: 'Fix',
      docs: 'https://example.com/docs',
    },
    run: () => drafts,
  });

const aboutAccount: FindingDraft = {
  account: inventory.accounts[0],
  message: 'About the AWS account.',
  path: ['accounts', 0, 'name'],
};
const aboutOutside: FindingDraft = {
  message: 'About Ana.',
  factors: ['gh-ana'],
  severity: 'low',
  path: ['outsideAccounts', 0, 'twoStepVerification'],
};

/** The JSON report's field order of a finding, with the outside account's fields (if any) after the AWS one's. */
const fieldOrder = (outside: string[]): string[] => [
  'checkId',
  'severity',
  'title',
  'accountId',
  'accountName',
  ...outside,
  'message',
  'factors',
  'why',
  'fix',
  'docs',
  'location',
];

describe('runChecks', () => {
  it("completes a draft with the check's metadata and the account, in the JSON report's field order", () => {
    const [finding] = runChecks([check([aboutAccount])], context, source);
    expect(finding).toEqual({
      checkId: 'example',
      severity: 'high',
      title: 'Title',
      accountId: '111122223333',
      accountName: 'personal',
      message: 'About the AWS account.',
      factors: [],
      why: 'Why',
      fix: 'Fix',
      docs: 'https://example.com/docs',
      location: { file: 'lockout.yaml', line: 4, column: 33 },
    });
    expect(Object.keys(finding!)).toEqual(fieldOrder([]));
  });

  it('names the outside account a draft is declared in right after the AWS account, as reports write it', () => {
    const [finding] = runChecks([check([aboutOutside])], context, source);
    expect(finding).toMatchObject({
      severity: 'low',
      outsideAccountId: 'gh-ana',
      outsideAccountName: 'ana',
      factors: ['gh-ana'],
      location: { file: 'lockout.yaml', line: 6 },
    });
    expect(Object.keys(finding!)).toEqual(fieldOrder(['outsideAccountId', 'outsideAccountName']));
  });

  it('places findings in the file as the caller names it, and nowhere without a source', () => {
    const drafts = [aboutAccount, aboutOutside];
    const named = runChecks([check(drafts)], context, source, 'examples/lockout.yaml');
    expect(named.map((finding) => finding.location?.file)).toEqual([
      'examples/lockout.yaml',
      'examples/lockout.yaml',
    ]);
    expect(runChecks([check(drafts)], context).map((finding) => finding.location)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
