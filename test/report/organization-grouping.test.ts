/**
 * An Organization's report at scale: the same finding about hundreds of members is one group in every format
 * (the terminal's "Findings in several accounts", the JSON's findingGroups, one SARIF result), and no account is
 * lost on the way: each is still listed in the JSON and in the SARIF result's properties. The scan is built as
 * moto answers one (an emulator without the Account API or IAM's simulator, root without MFA).
 */

import { describe, expect, it } from 'vitest';
import { judgeScan } from '../../src/check.js';
import { checks } from '../../src/checks/index.js';
import type { AccountFacts, ScanResult } from '../../src/providers/aws/scan/facts.js';
import { buildCheckReport, type CheckReport } from '../../src/report/check-report.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { buildSarifLog, MAX_RELATED_LOCATIONS } from '../../src/report/sarif.js';
import { renderTerminal } from '../../src/report/terminal.js';
import {
  accountFacts,
  factActions,
  memberFacts,
  organization,
  scanResult,
  seen,
  unknown,
  unreachedFacts,
} from '../store/scan-builder.js';

const MANAGEMENT = '100000000000';

function memberId(index: number): string {
  return String(200000000000 + index);
}

/** What moto shows of a member: no root MFA, no contact phone API, no policy simulator. */
function motoMember(index: number): AccountFacts {
  const id = memberId(index);
  return memberFacts(id, {
    name: `member-${String(index).padStart(4, '0')}`,
    rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
    rootVirtualMfaDevices: seen([], factActions.rootVirtualMfaDevices),
    rootMfaDevices: unknown(
      'sts:AssumeRoot',
      'not-available',
      'root MFA devices are only visible to an AssumeRoot audit session (centralized root access)',
    ),
    primaryEmail: unknown(
      factActions.primaryEmail,
      'not-supported',
      "the endpoint answered HTTP 404 with an HTML page that is not the API's",
    ),
    domains: seen([], factActions.domains),
    hostedZones: seen([], factActions.hostedZones),
    contactInformation: unknown(
      factActions.contactInformation,
      'not-supported',
      "the endpoint answered HTTP 404 with an HTML page that is not the API's",
    ),
    billingPrincipals: unknown(
      factActions.billingPrincipals,
      'not-supported',
      "the endpoint answered HTTP 500 with an HTML page that is not the API's",
    ),
  });
}

function organizationOf(members: number): ScanResult {
  return scanResult({
    organization: organization(),
    callerAccountId: MANAGEMENT,
    accounts: [
      accountFacts(MANAGEMENT, {
        name: 'management',
        organizationRole: 'management',
        state: 'ACTIVE',
        primaryEmail: seen('owner@example.net', factActions.primaryEmail),
      }),
      ...Array.from({ length: members }, (_, index) => motoMember(index + 1)),
    ],
  });
}

function reportOf(members: number): CheckReport {
  const scan = organizationOf(members);
  const { reconciled, analysis, findings } = judgeScan(scan, undefined, '2024-06-01');
  return buildCheckReport({
    inventoryFile: '(live scan, no inventory)',
    analysis,
    findings,
    version: '0.0.0-test',
    inventory: reconciled.inventory,
  });
}

const small = reportOf(40);
const large = reportOf(300);
const members = Array.from({ length: 300 }, (_, index) => memberId(index + 1));

describe('the JSON report of an Organization of 300 members', () => {
  const json = toJsonReport(large);

  it('keeps every finding, and groups them: each finding in exactly one group', () => {
    expect(json.findings).toHaveLength(large.findings.length);
    expect(json.findingGroups.reduce((sum, group) => sum + group.findings, 0)).toBe(large.findings.length);
    // Far fewer groups than findings: what 300 members share is said once.
    expect(large.findings.length).toBeGreaterThan(3 * 300);
    expect(json.findingGroups.length).toBeLessThan(20);
  });

  it('lists every member under the groups of what they share', () => {
    for (const checkId of ['root-mfa-off', 'unseen-facts', 'contact-phone-outdated']) {
      const group = json.findingGroups.find(
        (each) => each.checkId === checkId && each.accountIds.length >= 300,
      );
      expect(group, checkId).toBeDefined();
      expect(new Set(group!.accountIds)).toEqual(new Set([...members, ...group!.accountIds]));
      for (const id of members) expect(group!.accountIds, `${checkId} ${id}`).toContain(id);
    }
    const unsupported = json.findingGroups.find((group) => group.message.includes('does not offer'));
    expect(unsupported?.accountIds).toHaveLength(300);
    expect(unsupported?.message).toContain('account:GetContactInformation');
  });

  it('has as many groups at 300 members as at 40', () => {
    expect(json.findingGroups).toHaveLength(toJsonReport(small).findingGroups.length);
  });
});

describe('the SARIF report of an Organization', () => {
  const run = buildSarifLog(large, checks).runs[0]!;
  const smallRun = buildSarifLog(small, checks).runs[0]!;

  it('has a result count that does not grow with the accounts, far under code scanning’s limits', () => {
    expect(run.results).toHaveLength(smallRun.results.length);
    expect(run.results.length).toBeLessThan(50);
    expect(run.results.reduce((sum, result) => sum + (result.properties.findings ?? 1), 0)).toBe(
      large.findings.length,
    );
    for (const result of run.results)
      expect(result.relatedLocations?.length ?? 0).toBeLessThanOrEqual(MAX_RELATED_LOCATIONS);
  });

  it('names every member in the properties of the results about them', () => {
    const rootMfa = run.results.filter((result) => result.ruleId === 'root-mfa-off');
    const named = new Set(
      rootMfa.flatMap((result) => result.properties.accountIds ?? [result.properties.accountId]),
    );
    for (const id of members) expect(named.has(id), id).toBe(true);
    const grouped = rootMfa.find((result) => (result.properties.accountIds?.length ?? 0) >= 300)!;
    expect(grouped.message.text).toMatch(/^300 members \(member-0001, member-0002, .*, …\): /);
    // One alert across runs however many members join: the fingerprint names none of them.
    expect(
      buildSarifLog(small, checks).runs[0]!.results.find((result) => result.ruleId === 'root-mfa-off')!
        .partialFingerprints,
    ).toEqual(grouped.partialFingerprints);
  });
});

describe('the terminal report of an Organization', () => {
  it('says each shared finding once, with how many members it holds for and where they all are', () => {
    const text = renderTerminal(large, { color: false, details: false });
    if (process.env.LOCKOUT_PRINT) console.log(text);
    const lines = text.split('\n');
    // Once as a group, never once per member (the detailed ones included).
    expect(lines.filter((line) => /root-mfa-off: 300 members \(/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('root-mfa-off: Root has no MFA'))).toEqual([]);
    expect(text).toContain('findingGroups');
    // 7.5 times the members, the same number of lines.
    const smallText = renderTerminal(small, { color: false, details: false });
    expect(text.split('\n').length).toBe(smallText.split('\n').length);
  });
});

describe('the terminal summary of an Organization scan', () => {
  it('names the first 20 hosted zones and counts the others, which the JSON lists', () => {
    const zones = Array.from({ length: 300 }, (_, index) => `member-${index + 1}.example.net`);
    const report: CheckReport = {
      ...large,
      scan: {
        callerAccountId: MANAGEMENT,
        region: 'us-east-1',
        startedAt: '2024-06-01T08:00:00.000Z',
        finishedAt: '2024-06-01T08:05:00.000Z',
        accounts: 301,
        reached: 301,
        failed: 0,
        apiCalls: 5_000,
        retries: 0,
        unknownFacts: 1_200,
        provenance: [],
        contradictions: [],
        hostedZones: zones,
      },
    };
    // Wrapped lines joined: the summary as one sentence.
    const text = renderTerminal(report, { color: false, details: false }).replace(/\s+/g, ' ');
    expect(text).toContain('hosted zones seen: member-1.example.net, member-2.example.net,');
    expect(text).toContain('member-20.example.net and 280 more (--format json lists every one)');
    expect(text).not.toContain('member-21.example.net');
  });
});

describe('members the scan could not get into', () => {
  it('are one group however many, though AWS names each member’s role in its refusal', () => {
    const scan = organizationOf(0);
    scan.accounts.push(
      ...Array.from({ length: 120 }, (_, index) =>
        unreachedFacts(memberId(index + 1), {
          name: `member-${index + 1}`,
          reached: unknown(
            'sts:AssumeRole',
            'access-denied',
            `AccessDenied: User: arn:aws:sts::${MANAGEMENT}:assumed-role/Scanner/lockout-scan is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${memberId(index + 1)}:role/OrganizationAccountAccessRole`,
          ),
        }),
      ),
    );
    const { reconciled, analysis, findings } = judgeScan(scan, undefined, '2024-06-01');
    const report = buildCheckReport({
      inventoryFile: '(live scan, no inventory)',
      analysis,
      findings,
      version: '0.0.0-test',
      inventory: reconciled.inventory,
    });
    const unreached = toJsonReport(report).findingGroups.filter((group) =>
      group.message.startsWith('Nothing about this account was seen'),
    );
    expect(unreached).toHaveLength(1);
    expect(unreached[0]!.accountIds).toHaveLength(120);
    // AWS's words stay, with the member's own id said as "this account".
    expect(unreached[0]!.message).toContain(
      'on resource: arn:aws:iam::<this account>:role/OrganizationAccountAccessRole',
    );
  });
});
