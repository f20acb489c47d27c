/**
 * Whether a member's root has credentials, read in the AssumeRoot audit session (issue 11): with centralized
 * root access the management account calls sts:AssumeRoot for the member with the task policy
 * IAMAuditRootUserCredentials, and in that session iam:GetLoginProfile (NoSuchEntity: no password),
 * iam:ListMFADevices and iam:ListAccessKeys for root. A root with none of them is `root.credentials: false`, a
 * seen fact, and gets no root-MFA or contact-phone findings.
 *
 * moto 5.2.1 does not implement sts:AssumeRoot (test/aws/MOTO.md, pinned by test/aws/moto-capabilities.test.ts),
 * so every call here is answered by the scanner's recorded-response hook, in the shapes AWS documents
 * (API_AssumeRoot, API_GetLoginProfile, API_ListMFADevices, API_ListAccessKeys); the endpoint is a closed local
 * port, so nothing leaves the process.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/cli/scan-command.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { allowedOperations } from '../../src/providers/aws/scan/actions.js';
import type { Responder } from '../../src/providers/aws/scan/clients.js';
import { reconcile } from '../../src/providers/aws/scan/reconcile.js';
import { accountFacts, scanResult, seen } from '../store/scan-builder.js';
import { offlineScan } from '../support/offline-scan.js';

const MANAGEMENT = '111111111111';
/** Its root credentials were deleted: no password, no MFA, no access keys. */
const WITHOUT = '222222222222';
/** Its root still has a password (and no MFA). */
const WITH_PASSWORD = '333333333333';
/** Its root has no password and no MFA, but an access key. */
const WITH_KEY = '444444444444';
const MEMBERS = [WITHOUT, WITH_PASSWORD, WITH_KEY];

const folder = mkdtempSync(path.join(tmpdir(), 'lockout-root-audit-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

const credentials = (id: string) => ({
  AccessKeyId: `ASIA${id}`,
  SecretAccessKey: 'x'.repeat(40),
  SessionToken: 'session',
  Expiration: new Date(Date.now() + 900_000),
});

interface Call {
  operation: string;
  input: Record<string, unknown>;
  accountId: string | undefined;
}

/**
 * AWS as the test declares it; `loginProfileMissing` is the NoSuchEntity AWS gives a root without a password,
 * and the other answers for the rest. Anything not named here is denied.
 */
function organizationAnswers(
  calls: Call[],
  options: { loginProfileMissing?: Error; assumeRoot?: Error } = {},
): Responder {
  return (operation, input, accountId) => {
    const request = input as Record<string, unknown>;
    calls.push({ operation, input: request, accountId });
    const account = accountId ?? MANAGEMENT;
    switch (operation) {
      case 'STS:GetCallerIdentity':
        return { Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/auditor`, UserId: 'AIDAAUDITOR' };
      case 'Organizations:DescribeOrganization':
        return { Organization: { Id: 'o-example', MasterAccountId: MANAGEMENT, FeatureSet: 'ALL' } };
      case 'IAM:ListOrganizationsFeatures':
        return {
          OrganizationId: 'o-example',
          EnabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        };
      case 'Organizations:ListAccounts':
        return {
          Accounts: [MANAGEMENT, ...MEMBERS].map((id) => ({
            Id: id,
            Name: id === MANAGEMENT ? 'management' : `member-${id.slice(0, 1)}`,
            Email: `root+${id}@example.com`,
            State: 'ACTIVE',
          })),
        };
      case 'STS:AssumeRole':
        return { Credentials: credentials(String(request.RoleArn).split(':')[4] ?? '') };
      case 'STS:AssumeRoot':
        return options.assumeRoot ?? { Credentials: credentials(String(request.TargetPrincipal)) };
      case 'Account:GetPrimaryEmail':
        return { PrimaryEmail: `root+${String(request.AccountId)}@example.com` };
      case 'Account:GetContactInformation':
        // Every member's contact phone is someone else's: a finding for a root that has credentials.
        return {
          ContactInformation: {
            FullName: 'Example Corp',
            AddressLine1: '410 Terry Ave N',
            City: 'Seattle',
            CountryCode: 'US',
            PostalCode: '98109',
            PhoneNumber: `+1 206 555 ${(typeof request.AccountId === 'string' ? request.AccountId : account).slice(-4)}`,
          },
        };
      // The audit session's calls, in the member's root session (accountId: the member).
      case 'IAM:ListMFADevices':
        return { MFADevices: [], IsTruncated: false };
      case 'IAM:GetLoginProfile':
        return account === WITH_PASSWORD
          ? {
              LoginProfile: {
                UserName: account,
                CreateDate: new Date('2024-03-01'),
                PasswordResetRequired: false,
              },
            }
          : (options.loginProfileMissing ??
              awsError('NoSuchEntityException', `Login Profile for User ${account} cannot be found.`, 404));
      case 'IAM:ListAccessKeys':
        return {
          AccessKeyMetadata:
            account === WITH_KEY
              ? [
                  {
                    UserName: account,
                    AccessKeyId: 'AKIAEXAMPLEROOTKEY01',
                    Status: 'Active',
                    CreateDate: new Date('2023-01-01'),
                  },
                ]
              : [],
          IsTruncated: false,
        };
      default:
        return awsError('AccessDeniedException', `not allowed in this test: ${operation}`, 403);
    }
  };
}

/** The owner's declaration: every root mailbox, and nothing about member roots' credentials. */
function inventoryFile(): string {
  const lines = [
    'version: 1',
    'factors:',
    '  devices:',
    '    - { id: key-a, kind: security-key }',
    '  passwordStores:',
    '    - { id: vault }',
    '  phoneNumbers:',
    "    - { id: owner-number, number: '+1 206 555 1111' }",
    '  mailboxes:',
    ...[MANAGEMENT, ...MEMBERS].map(
      (id) => `    - { id: mail-${id}, address: root+${id}@example.com, provider: fastmail }`,
    ),
    'accounts:',
    `  - id: '${MANAGEMENT}'`,
    '    name: management',
    '    organization: management',
    `    root: { email: mail-${MANAGEMENT}, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key-a }] }`,
    ...MEMBERS.flatMap((id) => [
      `  - id: '${id}'`,
      `    name: member-${id.slice(0, 1)}`,
      '    organization: member',
      `    managementAccount: '${MANAGEMENT}'`,
      `    root: { email: mail-${id} }`,
      '    payment: { paidBy: management }',
    ]),
  ];
  const file = path.join(folder, 'inventory.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function scanOrganization(options: Parameters<typeof organizationAnswers>[1] = {}) {
  const calls: Call[] = [];
  const outcome = await runScan(
    offlineScan({
      store: false,
      org: true,
      format: 'json',
      inventory: inventoryFile(),
      responder: organizationAnswers(calls, options),
    }),
  );
  const findings = (checkId: string) =>
    outcome.report.findings
      .filter((finding) => finding.checkId === checkId)
      .map((finding) => finding.accountId);
  const provenance = (accountId: string) =>
    outcome.report.scan?.provenance.find((p) => p.accountId === accountId && p.field === 'root.credentials');
  return { outcome, calls, findings, provenance };
}

describe('the AssumeRoot audit reads whether a member root has credentials', () => {
  it('gives its JSON report in pieces that make the whole (written one after the other by the CLI)', async () => {
    const { outcome } = await scanOrganization();
    const pieces = [...outcome.pieces];
    expect(pieces.join('')).toBe(outcome.output);
    expect((JSON.parse(outcome.output) as { findings: unknown[] }).findings.length).toBe(
      outcome.report.findings.length,
    );
  });

  it('a root without password, MFA or access keys is recorded as root.credentials: false, seen', async () => {
    const { outcome, calls, findings, provenance } = await scanOrganization();
    const facts = (id: string) => outcome.scan.accounts.find((account) => account.accountId === id)!;

    expect(facts(WITHOUT).rootCredentials).toEqual({
      status: 'seen',
      value: { password: false, mfaDevices: 0, accessKeys: 0 },
      action: 'iam:GetLoginProfile',
    });
    expect(facts(WITH_PASSWORD).rootCredentials).toMatchObject({ status: 'seen', value: { password: true } });
    expect(facts(WITH_KEY).rootCredentials).toMatchObject({
      status: 'seen',
      value: { password: false, accessKeys: 1 },
    });
    expect(provenance(WITHOUT)).toEqual({
      accountId: WITHOUT,
      field: 'root.credentials',
      source: 'seen',
      detail: 'iam:GetLoginProfile',
    });
    expect(provenance(WITH_PASSWORD)?.source).toBe('seen');

    // The three reads happen in each member's root session, for root (no user name), and are on the list.
    for (const operation of ['IAM:GetLoginProfile', 'IAM:ListAccessKeys', 'IAM:ListMFADevices']) {
      const made = calls.filter((call) => call.operation === operation);
      expect(made.map((call) => call.accountId).sort()).toEqual([...MEMBERS].sort());
      expect(made.every((call) => call.input.UserName === undefined)).toBe(true);
      expect(allowedOperations).toContain(operation);
    }
    expect(
      calls
        .filter((call) => call.operation === 'STS:AssumeRoot')
        .map((call) => (call.input.TaskPolicyArn as { arn: string }).arn),
    ).toEqual(MEMBERS.map(() => 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials'));

    // check: the root without credentials gets no root-MFA or contact-phone finding; the others still do.
    for (const checkId of ['root-mfa-missing', 'root-mfa-off', 'contact-phone-outdated']) {
      expect(findings(checkId), checkId).not.toContain(WITHOUT);
    }
    expect(findings('root-mfa-off')).toEqual(expect.arrayContaining([WITH_PASSWORD, WITH_KEY]));
    expect(findings('contact-phone-outdated')).toEqual(expect.arrayContaining([WITH_PASSWORD, WITH_KEY]));
  });

  it('a NoSuchEntity about the user, not its login profile, is no answer about root: unknown, never false', async () => {
    // moto, for one, answers a GetLoginProfile without a user name this way (test/aws/MOTO.md).
    const { outcome, findings, provenance } = await scanOrganization({
      loginProfileMissing: awsError('NoSuchEntityException', 'The user with name None cannot be found.', 404),
    });
    const audited = outcome.scan.accounts.find((account) => account.accountId === WITHOUT)!;
    expect(audited.rootCredentials).toMatchObject({ status: 'unknown', action: 'iam:GetLoginProfile' });
    expect(provenance(WITHOUT)?.source).toBe('unknown');
    expect(findings('root-mfa-off')).toContain(WITHOUT);
  });

  it('without an audit session (AssumeRoot denied) it stays unknown, and the root keeps its findings', async () => {
    const { outcome, calls, findings, provenance } = await scanOrganization({
      assumeRoot: awsError('AccessDenied', 'not authorized to perform: sts:AssumeRoot', 403),
    });
    const audited = outcome.scan.accounts.find((account) => account.accountId === WITHOUT)!;
    expect(audited.rootCredentials).toMatchObject({
      status: 'unknown',
      reason: 'access-denied',
      action: 'sts:AssumeRoot',
    });
    expect(calls.some((call) => call.operation === 'IAM:GetLoginProfile')).toBe(false);
    expect(provenance(WITHOUT)).toMatchObject({
      source: 'unknown',
      detail: 'access-denied: needs sts:AssumeRoot',
    });
    expect(findings('root-mfa-missing')).toContain(WITHOUT);
  });
});

describe('reconciling the audit with the declaration', () => {
  const declaredMember = (credentials: string): Inventory => {
    const result = parseInventory(
      `version: 1
factors:
  mailboxes:
    - { id: member-mail, address: root@example.com, provider: fastmail }
accounts:
  - id: '${MANAGEMENT}'
    name: management
    organization: management
    root: { email: member-mail }
  - id: '${WITHOUT}'
    name: member
    organization: member
    managementAccount: '${MANAGEMENT}'
    root: { email: member-mail${credentials} }
    payment: { paidBy: management }
`,
      'lockout.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.inventory;
  };
  const audited = (value: { password: boolean; mfaDevices: number; accessKeys: number }) =>
    scanResult({
      accounts: [
        accountFacts(WITHOUT, {
          organizationRole: 'member',
          rootCredentials: seen(value, 'iam:GetLoginProfile'),
        }),
      ],
    });

  it('declared without credentials, seen with a password: a contradiction, and root has credentials', () => {
    const { inventory, contradictions } = reconcile(
      audited({ password: true, mfaDevices: 0, accessKeys: 0 }),
      declaredMember(', credentials: false'),
      '2026-12-03',
    );
    expect(inventory.accounts[1]!.root!.credentials).toBeUndefined();
    expect(contradictions).toContainEqual({
      accountId: WITHOUT,
      field: 'root.credentials',
      message:
        'declared without credentials, AWS shows a password (sts:AssumeRoot audit, iam:GetLoginProfile)',
    });
  });

  it('not declared, seen without any: root.credentials false, and no contradiction', () => {
    const { inventory, contradictions } = reconcile(
      audited({ password: false, mfaDevices: 0, accessKeys: 0 }),
      declaredMember(''),
      '2026-12-03',
    );
    expect(inventory.accounts[1]!.root!.credentials).toBe(false);
    expect(contradictions.filter((c) => c.field === 'root.credentials')).toEqual([]);
  });
});
