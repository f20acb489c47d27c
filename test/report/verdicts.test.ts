/**
 * Verdicts people act on: what the report says is worded by its cause. Facts Lockout cannot see (not declared,
 * not seen by the scan) still count as lost in the analysis, but they are said as "unknown: Lockout cannot see
 * X — declare it (lockout init)", never as an emergency; an emergency only when a loss is known.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { runChecks } from '../../src/checks/run.js';
import { checkInventory } from '../../src/check.js';
import { parseInventory } from '../../src/inventory/index.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import type { ScanResult } from '../../src/providers/aws/scan/facts.js';
import { reconcile } from '../../src/providers/aws/scan/reconcile.js';
import { buildRecoveryGraph, untilDeadline } from '../../src/providers/aws/recovery-graph.js';
import { buildCheckReport, type CheckReport } from '../../src/report/check-report.js';
import { actions, scanOf, unknown } from '../checks/scan-fixtures.js';

const asOf = '2024-06-01';

/** The report `lockout scan` builds from a scan (and an inventory, when given), through the same library calls. */
function scanReport(scan: ScanResult): CheckReport {
  const reconciled = reconcile(scan, undefined, asOf);
  const analysis = analyzeRecovery(reconciled.inventory, { asOf });
  const findings = runChecks(checks, {
    inventory: reconciled.inventory,
    asOf,
    recovery: analysis,
    scan,
    contradictions: reconciled.contradictions,
  });
  return buildCheckReport({
    inventoryFile: '(live scan, no inventory)',
    analysis,
    findings,
    version: 'test',
  });
}

/** The report `lockout check` builds from an inventory's text. */
function inventoryReport(yaml: string, deadline?: string): CheckReport {
  const parsed = parseInventory(yaml, 'lockout.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const day = parsed.inventory.asOf!;
  const recovery = buildRecoveryGraph(parsed.inventory, day, untilDeadline(day, deadline));
  return checkInventory(
    { inventory: parsed.inventory, source: parsed.source, file: 'lockout.yaml', asOf: day },
    recovery,
    { deadline, graph: false },
  ).report;
}

/**
 * A first scan of a healthy account by someone who may not read root's MFA devices, its credential report, its
 * contact information or its primary email: every one of those facts unknown, nothing known to be wrong.
 */
const firstScan = scanOf({
  rootMfaDevices: unknown('access-denied', actions.rootAudit),
  rootCredentialReport: unknown('access-denied', actions.credentialReport),
  contactInformation: unknown('access-denied', actions.contactInformation),
  rootMfaEnabled: unknown('access-denied', actions.summary),
  primaryEmail: unknown('access-denied', actions.primaryEmail),
});

const incident = readFileSync('examples/incident-2022.yaml', 'utf8');

describe('unknown is not an emergency', () => {
  it('a first scan that cannot see root, the contact phone or the cards asks to declare them, with no emergency', () => {
    const report = scanReport(firstScan);
    const account = report.accounts[0]!;
    const story = account.story.join('\n');
    expect(story).not.toMatch(/hold on suspension/i);
    expect(story).not.toMatch(/No way to pay again remains/);
    // Every sentence about what Lockout cannot see says so, names it and says how to declare it.
    const unknownSentences = account.story.filter((sentence) => sentence.startsWith('unknown: '));
    expect(unknownSentences.length).toBeGreaterThan(0);
    for (const sentence of unknownSentences) {
      expect(sentence).toMatch(/^unknown: Lockout cannot see .+ — declare (it|them) \(lockout init\)/);
    }
    expect(story).toContain('root MFA devices');
    expect(story).toContain('a payment card on file');
    // The analysis still counts them as lost, and no capability is called lost for certain.
    for (const capability of account.capabilities) {
      expect(capability.status, capability.id).toBe('lost');
      expect(capability.confirmed, capability.id).toBe(false);
    }
  });

  it('a known loss with no way back left is still an emergency', () => {
    // The incident of 2022 with its owner gone as well: the card is revoked and nobody is left to sign in as
    // root or to pay: nothing can pay the bill.
    const report = inventoryReport(incident.replace('role: owner', 'role: owner\n      state: lost'));
    const account = report.accounts[0]!;
    expect(account.story, account.story.join('\n')).toContain(
      'No way to pay again remains: ask AWS Support for a hold on suspension now.',
    );
    const bill = account.capabilities.find((capability) => capability.id === 'keep-bill-paid')!;
    expect(bill.confirmed).toBe(true);
  });

  it('a known unpaid bill whose only way back rests on a fact Lockout cannot see names that fact, not an emergency', () => {
    // The same incident with no identity document declared: whether identity verification works is unknown.
    const withoutDocuments = incident.replace(/\n {2}identityDocuments:\n(?: {4}.*\n)+/, '\n');
    expect(withoutDocuments).not.toContain('passport');
    const account = inventoryReport(withoutDocuments).accounts[0]!;
    const story = account.story.join('\n');
    expect(story).toContain('No valid card on file (The only card on file): the next charge fails.');
    expect(story).not.toMatch(/hold on suspension/i);
    expect(story).toMatch(/unknown: Lockout cannot see a valid photo ID — declare it \(lockout init\)/);
  });

  it('lateness against the deadline from known losses is an emergency', () => {
    // The incident as it was: the phone and number are gone, the card is revoked, and identity verification
    // takes days: six days before the deadline is late, for real.
    const story = inventoryReport(incident, '2022-06-15').accounts[0]!.story.join('\n');
    expect(story).toMatch(/late in the typical case — ask AWS Support for a hold on suspension now\./);
  });

  it('lateness against the deadline that comes only from facts Lockout cannot see is not an emergency', () => {
    // The incident with root's MFA device not declared: counted as lost, the only way left is identity
    // verification (days, late); had the device been declared and working, root would sign in in minutes.
    const withoutMfa = incident.replace(/\n {6}mfa:\n(?: {8}.*\n)+/, '\n');
    expect(withoutMfa).not.toContain('Google Authenticator');
    const story = inventoryReport(withoutMfa, '2022-06-15').accounts[0]!.story.join('\n');
    expect(story).not.toMatch(/hold on suspension/i);
    expect(story).toMatch(/unknown: Lockout cannot see root MFA devices — declare it \(lockout init\)/);
    // The known part is still said: the card is revoked.
    expect(story).toContain('No valid card on file (The only card on file): the next charge fails.');
  });
});
