// The credential guard: nothing shaped like an AWS access key id, a secret access key next to one, or a session
// token is ever written; everything a real scan holds passes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScan } from '../../src/cli/scan-command.js';
import { findCredentials } from '../../src/store/credentials.js';
import { openStore, type Store } from '../../src/store/database.js';
import { maskPhone } from '../../src/store/phone.js';
import { loadScan, saveScan } from '../../src/store/scans.js';
import { accountFacts, finding, organizationScan, scanResult, seen, unknown } from './scan-builder.js';
import { offlineScan } from '../support/offline-scan.js';

// AWS's documented example credentials.
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const temporaryKeyId = 'ASIAIOSFODNN7EXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const githubBody = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const sessionToken = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'a1B2c3D4'.repeat(40)}`;

describe('findCredentials', () => {
  it.each([
    ['an access key id in a name', { name: `key ${accessKeyId}` }, 'access-key-id', 'value.name'],
    ['a temporary access key id', [temporaryKeyId], 'access-key-id', 'value[0]'],
    [
      'an access key id as a key',
      { [accessKeyId]: 1 },
      'access-key-id',
      'value["[access-key-id removed]"] (the key)',
    ],
    [
      'a secret next to its key id',
      { id: accessKeyId, key: secretAccessKey },
      'secret-access-key',
      'value.key',
    ],
    [
      'a secret under a secret-ish key',
      { SecretAccessKey: secretAccessKey },
      'secret-access-key',
      'value.SecretAccessKey',
    ],
    [
      'a secret in a shared-credentials line',
      { note: `aws_secret_access_key = ${secretAccessKey}` },
      'secret-access-key',
      'value.note',
    ],
    ['a session token by its prefix', { message: `token ${sessionToken}` }, 'session-token', 'value.message'],
    [
      'a session token under its key',
      { 'aws-session-token': 'FwoGZXIvYXdzEXAMPLETOKEN' },
      'session-token',
      'value["aws-session-token"]',
    ],
    ['a long base64 run', { blob: 'Ab1+'.repeat(80) }, 'session-token', 'value.blob'],
    [
      'a secret access key with no key id or secret near it',
      { serial: secretAccessKey },
      'secret-access-key',
      'value.serial',
    ],
    [
      'a secret access key in a sentence',
      { name: `ci ${secretAccessKey} prod` },
      'secret-access-key',
      'value.name',
    ],
    ['a lowercase access key id', { name: accessKeyId.toLowerCase() }, 'access-key-id', 'value.name'],
    [
      'a lowercase temporary key id',
      { name: `key=${temporaryKeyId.toLowerCase()}` },
      'access-key-id',
      'value.name',
    ],
    ...['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((prefix): [string, unknown, string, string] => [
      `a GitHub ${prefix}_ token`,
      { label: `token ${prefix}_${githubBody}` },
      'github-token',
      'value.label',
    ]),
    [
      'a fine-grained GitHub token',
      { notes: `github_pat_11ABCDEFG0${githubBody}_xyz` },
      'github-token',
      'value.notes',
    ],
    [
      'an RSA private key',
      { notes: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow' },
      'private-key',
      'value.notes',
    ],
    ['an OpenSSH private key', ['-----BEGIN OPENSSH PRIVATE KEY-----'], 'private-key', 'value[0]'],
    ['a PKCS#8 private key', { key: '-----BEGIN PRIVATE KEY-----' }, 'private-key', 'value.key'],
    ['a password field', { password: 'hunter22' }, 'password', 'value.password'],
    ['a password field by another name', { dbPassphrase: 'x' }, 'password', 'value.dbPassphrase'],
    ['a password written in a note', { notes: 'root password: Hunter2!' }, 'password', 'value.notes'],
    ['a password written with =', { notes: 'pwd=s3cr3t-Value' }, 'password', 'value.notes'],
    // Each service's documented example URL: the path is the key that lets anyone post to the channel.
    [
      'a Slack incoming webhook URL',
      { workspace: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' },
      'webhook-url',
      'value.workspace',
    ],
    [
      'a Slack workflow webhook URL in a note',
      { notes: 'alerts go to https://hooks.slack.com/triggers/T0001/1234567890/abcdef0123456789 now' },
      'webhook-url',
      'value.notes',
    ],
    [
      'a Discord webhook URL',
      { url: 'https://discord.com/api/webhooks/123456789012345678/AbCdEf-gHiJkL_mNoPqRsTuVwXyZ0123456789' },
      'webhook-url',
      'value.url',
    ],
  ])('finds %s', (_, value, kind, path) => {
    expect(findCredentials(value)).toContainEqual({ kind, path });
  });

  it.each([
    ['a realistic Organization scan', organizationScan()],
    [
      'a 40-character hex digest beside the word secret',
      { note: 'secret rotated, sha1 3f786850e387550fdab836ed7e6dc881de23001b' },
    ],
    [
      '40-character role names',
      { roles: ['OrganizationAccountAccessRoleForAuditing', 'ProductionDeploymentRoleForGitHubActions'] },
    ],
    ['a word that starts like a key id', { region: 'AsiaPacificHeadquart', team: 'akiaStudioOfTokyoABC' }],
    ['a note on where a password is kept', { notes: 'root password: in the vault, see the runbook' }],
    ['password managers named after a password', { notes: 'root password: KeePass; pwd: 1Password' }],
    ['a GitHub-like prefix alone', { name: 'ghp_test', other: 'github_pat_' }],
    ['a public key', { notes: '-----BEGIN PUBLIC KEY-----' }],
    [
      'Slack named without a webhook',
      { workspace: 'https://acme.slack.com', notes: 'see hooks.slack.com docs' },
    ],
    ['a long name of one letter', { name: 'x'.repeat(100_000) }],
    ['a long name of a few letters', { name: 'ab'.repeat(200) }],
    ['role and user unique ids', { ids: ['AROAEXAMPLEID1234567', 'AIDAEXAMPLEID1234567'] }],
    ['a key id with too few characters', { name: 'AKIA1234' }],
    ['a key id inside a longer word', { name: `X${accessKeyId}9` }],
    [
      'an ARN and a hosted zone id',
      { arn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', zone: 'Z0123456789ABCDEFGHIJ' },
    ],
  ])('lets through %s', (_, value) => {
    expect(findCredentials(value)).toEqual([]);
  });

  it('finds a secret or a long base64 run at the very end of a large text of words and runs one too short', () => {
    // The runs of base64's alphabet are looked for by skipping ahead: one character short is nothing.
    const words = `${'a word or two, '.repeat(2000)}${'b'.repeat(39)} ${'c'.repeat(255)} `;
    expect(findCredentials({ note: words })).toEqual([]);
    expect(findCredentials({ note: `${words}${secretAccessKey}` })).toEqual([
      { kind: 'secret-access-key', path: 'value.note' },
    ]);
    expect(findCredentials({ note: `${words}${'Ab1+'.repeat(64)}` })).toEqual([
      { kind: 'session-token', path: 'value.note' },
    ]);
  });
});

describe('saveScan stores a copy with credentials removed', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => {
    store.close();
  });

  it.each([
    [
      'in an account fact',
      scanResult({ accounts: [accountFacts('111111111111', { name: `ci ${accessKeyId}` })] }),
      [],
      'scan.accounts[0].name',
    ],
    [
      'in an unknown fact message',
      scanResult({
        accounts: [
          accountFacts('111111111111', {
            budgets: unknown('budgets:ViewBudget', 'error', `signature mismatch for ${temporaryKeyId}`),
          }),
        ],
      }),
      [],
      'scan.accounts[0].budgets.message',
    ],
    [
      'in a nested value',
      scanResult({
        accounts: [
          accountFacts('111111111111', {
            contactInformation: seen(
              { name: 'x', phoneNumber: '+1 555 0100', email: sessionToken },
              'account:GetContactInformation',
            ),
          }),
        ],
      }),
      [],
      'scan.accounts[0].contactInformation.value.email',
    ],
    [
      'in a finding',
      scanResult(),
      [finding({ message: `aws_secret_access_key=${secretAccessKey}` })],
      'findings[0].message',
    ],
  ])('%s, saying where, never what', (_, scan, findings, path) => {
    const warnings: string[] = [];
    const id = saveScan(store, scan, findings, { onRedacted: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
    expect(warnings[0]).not.toMatch(/bug/i);
    const everything = JSON.stringify(dump(store));
    for (const secret of [accessKeyId, temporaryKeyId, secretAccessKey, sessionToken]) {
      expect(warnings[0]).not.toContain(secret);
      expect(everything).not.toContain(secret);
    }
    // The rest of the scan is kept as it was, the credential replaced in place.
    const stored = loadScan(store, id);
    expect(stored.scan!.accounts).toHaveLength(scan.accounts.length);
    expect(stored.findings).toHaveLength(findings.length);
    const [root, ...rest] = path.match(/[^.[\]]+/g) ?? [];
    const value = rest.reduce<unknown>(
      (at, part) => (at as Record<string, unknown>)[part],
      root === 'scan' ? stored.scan : stored.findings,
    );
    expect(value).toMatch(/\[[a-z-]+ removed\]/);
  });

  it('stores phone numbers, which are facts', () => {
    const id = saveScan(store, scanResult(), []);
    const row = store.db.prepare('SELECT facts FROM account_facts WHERE scan_id = ?').get(id);
    expect(JSON.stringify(row)).toContain('+81 90-1234-5678');
  });
});

describe('lockout scan with a credential in what AWS answers', () => {
  it('prints the report, warns where without blaming, and stores a copy without it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lockout-credential-scan-'));
    const storeFile = path.join(folder, 'lockout.db');
    const stderr: string[] = [];
    try {
      const outcome = await runScan(
        offlineScan({
          store: storeFile,
          progressOut: (text) => stderr.push(text),
          responder: (operation) => {
            switch (operation) {
              case 'STS:GetCallerIdentity':
                return {
                  Account: '111111111111',
                  Arn: 'arn:aws:iam::111111111111:user/scanner',
                  UserId: 'AIDAEXAMPLE',
                };
              case 'Account:GetContactInformation':
                return {
                  ContactInformation: {
                    FullName: `Ops ${secretAccessKey}`,
                    AddressLine1: '410 Terry Ave N',
                    City: 'Seattle',
                    CountryCode: 'US',
                    PostalCode: '98109',
                    PhoneNumber: '+1 206 555 0100',
                  },
                };
              default:
                return Object.assign(new Error('denied'), {
                  name: 'AccessDeniedException',
                  $metadata: { httpStatusCode: 403 },
                });
            }
          },
        }),
      );
      expect(outcome.output).toContain('Summary:');
      const warning = stderr.join('');
      expect(warning).toContain('scan.accounts[0].contactInformation.value.name');
      expect(warning).not.toMatch(/bug/i);
      expect(warning).not.toContain(secretAccessKey);
      // The database and whatever journal it left.
      for (const file of readdirSync(folder))
        expect(readFileSync(path.join(folder, file)).toString('latin1')).not.toContain(secretAccessKey);
      expect(readdirSync(folder)).toContain('lockout.db');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('maskPhone', () => {
  it.each([
    ['+81 90-1234-5678', '+** **-****-**78'],
    ['+1 (555) 010-0199', '+* (***) ***-**99'],
    ['0312345678', '********78'],
    ['12', '**'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

/** Every row of every table of the store. */
function dump(store: Store): unknown[] {
  const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  return tables.map(({ name }) => store.db.prepare(`SELECT * FROM "${name}"`).all());
}
