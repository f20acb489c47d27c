/**
 * `lockout init` against moto_server: an Organization with members, centralized root access, alternate
 * contacts, hosted zones and a domain registered in a member. The file it writes holds what AWS showed as values
 * and the owner's facts as commented questions at their place; it loads as written, and `lockout check` on it
 * names what is still unknown.
 *
 * moto 5.2.1 lacks some APIs (test/aws/MOTO.md); the scanner's recorded-response hook answers those with
 * responses shaped like AWS's, each named below with the API moto lacks.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { runInit, type InitCommandOptions } from '../../src/cli/init-command.js';
import { loadInventory } from '../../src/inventory/load.js';
import { factorLabel, type Inventory } from '../../src/model/inventory.js';
import type { CheckReport } from '../../src/report/check-report.js';
import type { Responder } from '../../src/providers/aws/scan/clients.js';
import { allowedOperations } from '../../src/providers/aws/scan/actions.js';
import { buildOrganization, ORGANIZATION_ROLE, type BuiltOrganization } from '../aws/organization-fixture.js';
import { resetMoto, startMotoServer, type MotoServer } from '../aws/moto-server.js';
import { OperationRecorder, recordAllClients } from '../aws/recorder.js';

/** Five members: member 2 registers a domain, member 5 hosts a zone, members 1, 3 and 4 have alternate contacts. */
const MEMBERS = 5;
let moto: MotoServer;
let organization: BuiltOrganization;
let dir: string;

beforeAll(async () => {
  moto = await startMotoServer();
  await resetMoto(moto.url);
  organization = await buildOrganization(moto.url, { members: MEMBERS });
  dir = mkdtempSync(path.join(tmpdir(), 'lockout-init-'));
}, 120_000);

afterAll(async () => {
  await moto.stop();
});

const contactPhone = (accountId: string): string => `+1 206 555 ${accountId.slice(-4)}`;

/** Member roots seen through AssumeRoot: those whose id ends in a multiple of 3 have no MFA, the others one device. */
const rootDevices = (accountId: string): { SerialNumber: string; EnableDate: Date }[] =>
  Number(accountId.slice(-2)) % 3 === 0
    ? []
    : [
        {
          SerialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
          EnableDate: new Date('2024-01-02'),
        },
      ];

function recordedResponses(): Responder {
  const management = organization.managementAccountId;
  return (operation, input, accountId) => {
    const account = accountId ?? management;
    const request = input as Record<string, unknown>;
    switch (operation) {
      case 'Account:GetContactInformation': // moto 5.2.1 lacks account:GetContactInformation
        return {
          ContactInformation: {
            FullName: 'Example Owner',
            AddressLine1: '410 Terry Ave N',
            City: 'Seattle',
            CountryCode: 'US',
            PostalCode: '98109',
            PhoneNumber: contactPhone(typeof request.AccountId === 'string' ? request.AccountId : account),
          },
        };
      case 'Account:GetPrimaryEmail': // moto 5.2.1 lacks account:GetPrimaryEmail
        return { PrimaryEmail: organization.accounts.find((a) => a.id === request.AccountId)?.email };
      case 'IAM:ListOrganizationsFeatures': // moto 5.2.1 lacks iam:ListOrganizationsFeatures
        return {
          OrganizationId: organization.id,
          EnabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        };
      case 'STS:AssumeRoot': // moto 5.2.1 lacks sts:AssumeRoot
        return {
          Credentials: {
            AccessKeyId: `ASIAROOT${String(request.TargetPrincipal).slice(-8)}`,
            SecretAccessKey: 'x'.repeat(40),
            SessionToken: 'audit-session',
            Expiration: new Date(Date.now() + 900_000),
          },
          SourceIdentity: 'lockout',
        };
      case 'IAM:ListMFADevices': // only asked in an AssumeRoot session, which moto cannot open
        return { MFADevices: rootDevices(account), IsTruncated: false };
      case 'IAM:SimulatePrincipalPolicy': {
        // moto 5.2.1 lacks iam:SimulatePrincipalPolicy: the fixture's own policies decide.
        const arn = String(request.PolicySourceArn);
        const user = organization.accounts.flatMap((a) => a.users).find((u) => u.arn === arn);
        const allowed = user ? user.canPay : arn.endsWith(`:role/${ORGANIZATION_ROLE}`);
        return {
          EvaluationResults: (request.ActionNames as string[]).map((action) => ({
            EvalActionName: action,
            EvalResourceName: '*',
            EvalDecision: allowed ? 'allowed' : 'implicitDeny',
          })),
          IsTruncated: false,
        };
      }
      case 'Budgets:DescribeSubscribersForNotification': // moto 5.2.1 stores subscribers but cannot read them
        return { Subscribers: [] };
      case 'BCMRecommendedActions:ListRecommendedActions': // moto 5.2.1 lacks bcm-recommended-actions
        return { recommendedActions: [] };
      default:
        return undefined;
    }
  };
}

function initOptions(file: string, overrides: Partial<InitCommandOptions> = {}): InitCommandOptions {
  return {
    output: file,
    force: false,
    offline: false,
    template: false,
    endpointUrl: moto.url,
    region: 'us-east-1',
    org: true,
    roleName: ORGANIZATION_ROLE,
    concurrency: 4,
    maxAttempts: 1,
    responder: recordedResponses(),
    ...overrides,
  };
}

async function loaded(file: string): Promise<Inventory> {
  const result = await loadInventory(file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return result.inventory;
}

/**
 * The comment inside the map at `path`, after its fields, where init puts the questions about it: the lines
 * without their "#", one commented line to write per line.
 */
function questionsAt(document: Document, path: (string | number)[]): string {
  const node = document.getIn(path, true);
  if (!isMap(node)) throw new Error(`no map at ${path.join('.')}`);
  return node.comment ?? '';
}

/** Every fact a capability of the account counts as lost only because it is unknown, as check reports it. */
function unknownsOf(report: CheckReport, accountId: string): Set<string> {
  const account = report.accounts.find((candidate) => candidate.id === accountId);
  return new Set(
    account?.capabilities.flatMap((capability) =>
      capability.ways.filter((way) => way.unknownOnly).flatMap((way) => way.lostBecause),
    ),
  );
}

describe('lockout init against moto_server', () => {
  let file: string;
  let text: string;
  let inventory: Inventory;
  let said: string;
  let operations: string[];

  beforeAll(async () => {
    file = path.join(dir, 'lockout.yaml');
    const recorder = new OperationRecorder();
    const uninstall = recordAllClients(recorder);
    try {
      said = await runInit(initOptions(file), () => undefined);
    } finally {
      uninstall();
    }
    operations = [...recorder.operations()];
    text = readFileSync(file, 'utf8');
    inventory = await loaded(file);
  }, 60_000);

  it('writes what AWS showed: the accounts, the Organization and its features, member root emails', () => {
    const management = organization.management;
    expect(said).toMatch(/^Wrote .*lockout\.yaml from what the scan saw: 6 accounts, \d+ questions/);
    expect(inventory.accounts.map((account) => account.id)).toEqual(organization.accounts.map((a) => a.id));
    const written = inventory.accounts.find((account) => account.id === management.id)!;
    expect(written.organization).toBe('management');
    // Its name in the Organization's listing, as each member's (it was its bare id).
    expect(written.name).toBe(management.name);
    expect(written.organizationFeatures).toEqual({ rootCredentialsManagement: true, rootSessions: true });
    for (const member of organization.members) {
      const account = inventory.accounts.find((candidate) => candidate.id === member.id)!;
      expect(account).toMatchObject({
        name: member.name,
        organization: 'member',
        managementAccount: management.id,
        payment: { paidBy: 'management' },
      });
      const mailbox = inventory.factors?.mailboxes?.find((candidate) => candidate.id === account.root?.email);
      expect(mailbox?.address).toBe(member.email);
      // The root mail domain is registered in the management account: the mailbox lives on it.
      expect(mailbox?.domain).toBe('domain-example-com');
    }
    // Read-only: nothing was sent that is not on the scan's list.
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((operation) => !allowedOperations.has(operation))).toEqual([]);
  });

  it('writes the alternate contacts, root MFA devices seen, domains, hosted zones and billing principals', () => {
    for (const account of organization.accounts) {
      const written = inventory.accounts.find((candidate) => candidate.id === account.id)!;
      const billing = account.alternateContacts.BILLING;
      expect(written.billingContact?.address).toBe(billing?.emailAddress);
      for (const contact of Object.values(account.alternateContacts))
        expect(text).toContain(contact.emailAddress);
      // Roots seen through sts:AssumeRoot: ids ending in a multiple of 3 have none, the others one device.
      if (account.role === 'member') {
        const devices = rootDevices(account.id).map((device) => device.SerialNumber);
        expect(written.root?.mfa?.map((device) => device.label)).toEqual(devices);
      }
      const payers = written.billingPrincipals?.map((principal) => principal.name) ?? [];
      for (const user of account.payers) expect(payers).toContain(user);
    }
    const domains = inventory.factors?.domains ?? [];
    const registered = organization.accounts.flatMap((account) =>
      account.domains.map((name) => ({ name, registrar: account.id })),
    );
    expect(registered.length).toBeGreaterThan(1);
    for (const { name, registrar } of registered) {
      expect(domains.find((domain) => domain.name === name)).toMatchObject({ registrar, dns: registrar });
    }
    // A zone under a registered domain (member-05.example.com) is said on its account, not made a domain.
    for (const zone of organization.accounts.flatMap((account) => account.hostedZones)) {
      expect(text).toContain(zone.name.replace(/\.$/, ''));
    }
    expect(domains.map((domain) => domain.name)).not.toContain('member-05.example.com');
  });

  it('asks, at its place, every fact only the owner can attest, as comments', () => {
    const document = parseDocument(text);
    const managementIndex = inventory.accounts.findIndex((account) => account.organization === 'management');
    const management = questionsAt(document, ['accounts', managementIndex]);
    expect(management).toContain('\n payment: { cards: [CARD-ID], verified: YYYY-MM-DD }');
    expect(management).toContain('\n iamBillingAccess: { activated: true, verified: YYYY-MM-DD }');
    // No API shows the management account's own root email: root is written with the MFA state seen (none),
    // and its email is a question.
    expect(inventory.accounts[managementIndex]!.root).toEqual({ mfa: [] });
    expect(questionsAt(document, ['accounts', managementIndex, 'root'])).toMatch(
      /\? What is root's email address/,
    );
    for (const [index, device] of (inventory.factors?.devices ?? []).entries()) {
      expect(device.holder).toBeUndefined();
      expect(questionsAt(document, ['factors', 'devices', index])).toMatch(
        /who holds it, and where is it kept/,
      );
    }
    for (const [index] of (inventory.factors?.phoneNumbers ?? []).entries()) {
      expect(questionsAt(document, ['factors', 'phoneNumbers', index])).toMatch(/Whose phone is this number/);
    }
    for (const [index, account] of inventory.accounts.entries()) {
      if (account.root === undefined) continue;
      expect(questionsAt(document, ['accounts', index, 'root'])).toMatch(/Where is root's password kept/);
    }
    // Inside factors (two spaces in), before the accounts: uncommented, the line declares the list there.
    const factors = text.slice(text.indexOf('\nfactors:'), text.indexOf('\naccounts:'));
    expect(factors).toMatch(/\n {2}# \? Which valid photo ID would you show a notary/);
    expect(factors).toMatch(/\n {2}# identityDocuments: \[/);
  });

  it("writes the contact phones and root MFA devices seen as unknown: seen, not yet confirmed as the owner's", () => {
    // Not outdated (nothing declared says a number is not the owner's), not ok (nobody said it is).
    for (const phone of inventory.factors?.phoneNumbers ?? []) expect(phone.state).toBe('unknown');
    for (const device of inventory.factors?.devices ?? []) expect(device.state).toBe('unknown');
    expect(inventory.factors?.devices?.length).toBeGreaterThan(0);
  });

  it('round-trips: check on the file lists what is still unknown, and an answered question leaves the list', async () => {
    const management = organization.managementAccountId;
    const before = (await runCheck(file, { format: 'json', failOn: 'none', color: false })).report;
    // What the capabilities of the management account count as lost for an unknown (one explanation each)…
    const deciding = unknownsOf(before, management);
    // (Not a photo ID: root has no MFA, as the scan saw, so no lost-MFA recovery is needed to sign in.)
    for (const fact of [
      "Root's email address (not declared)",
      'IAM access to billing (not declared)',
      'A payment card on file (none declared)',
    ])
      expect(deciding).toContain(fact);
    // …is among the open questions the report lists.
    const listed = new Set(before.stillUnknown.map((entry) => entry.fact));
    for (const fact of deciding) expect(listed).toContain(fact);
    // Every open question of the file, whether or not it decides a capability today, is listed once.
    const open = new Map(before.stillUnknown.map((entry) => [entry.fact, entry]));
    expect(open.get("Root's email address (not declared)")?.accounts.map((a) => a.id)).toContain(management);
    for (const device of inventory.factors?.devices ?? [])
      expect(open.get(factorLabel({ type: 'device', ...device }))?.because).toBe('nobody has confirmed it');
    // Every number seen is an open question, used today or not (a root without MFA does not need it now).
    for (const phone of inventory.factors?.phoneNumbers ?? [])
      expect(open.get(factorLabel({ type: 'phone-number', ...phone }))?.because).toBe(
        'nobody has confirmed it',
      );
    const withRoot = inventory.accounts.filter((account) => account.root?.password === undefined);
    expect(withRoot.length).toBeGreaterThan(0);
    expect(
      open
        .get('Root password location (not declared)')
        ?.accounts.map((a) => a.id)
        .sort(),
    ).toEqual(withRoot.map((account) => account.id).sort());
    const answered = path.join(dir, 'answered.yaml');
    writeFileSync(
      answered,
      text.replace(
        '# iamBillingAccess: { activated: true, verified: YYYY-MM-DD }',
        'iamBillingAccess: { activated: true, verified: 2026-12-01 }',
      ),
    );
    const after = (await runCheck(answered, { format: 'json', failOn: 'none', color: false })).report;
    expect(unknownsOf(after, management)).not.toContain('IAM access to billing (not declared)');
    expect(unknownsOf(after, management)).toContain('A payment card on file (none declared)');
    expect(after.stillUnknown.map((entry) => entry.fact)).not.toContain(
      'IAM access to billing (not declared)',
    );
  });

  it('refuses to replace the file, before any AWS call, and replaces it with --force', async () => {
    writeFileSync(file, 'mine\n');
    const recorder = new OperationRecorder();
    const uninstall = recordAllClients(recorder);
    try {
      await expect(runInit(initOptions(file), () => undefined)).rejects.toThrow(
        `${file} already exists: lockout init does not replace it`,
      );
      expect([...recorder.operations()]).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe('mine\n');
      await runInit(initOptions(file, { force: true }), () => undefined);
    } finally {
      uninstall();
    }
    expect(readFileSync(file, 'utf8')).toContain('# Lockout inventory, started by `lockout init`');
  });

  it('without --org, writes the account it runs in and says how to add the members', async () => {
    const single = path.join(dir, 'management-only.yaml');
    const said = await runInit(initOptions(single, { org: false }), () => undefined);
    expect(said).toContain('from what the scan saw: 1 account,');
    const written = await loaded(single);
    expect(written.accounts.map((account) => [account.id, account.organization])).toEqual([
      [organization.managementAccountId, 'management'],
    ]);
    expect(readFileSync(single, 'utf8')).toContain('run lockout init --org --force to add them');
  });
});
