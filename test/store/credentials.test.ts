// The credential guard: nothing shaped like an AWS access key id, a secret access key next to one, or a session
// token is ever written; everything a real scan holds passes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/store/credentials.js';
import { openStore, type Store } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { maskPhone } from '../../src/store/phone.js';
import { listScans, saveScan } from '../../src/store/scans.js';
import { accountFacts, finding, organizationScan, scanResult, seen, unknown } from './scan-builder.js';

// AWS's documented example credentials.
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const temporaryKeyId = 'ASIAIOSFODNN7EXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const sessionToken = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'a1B2c3D4'.repeat(40)}`;

describe('findCredentials', () => {
  it.each([
    ['an access key id in a name', { name: `key ${accessKeyId}` }, 'access-key-id', 'value.name'],
    ['a temporary access key id', [temporaryKeyId], 'access-key-id', 'value[0]'],
    [
      'an access key id as a key',
      { [accessKeyId]: 1 },
      'access-key-id',
      'value.AKIAIOSFODNN7EXAMPLE (the key)',
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
  ])('finds %s', (_, value, kind, path) => {
    expect(findCredentials(value)).toContainEqual({ kind, path });
  });

  it.each([
    ['a realistic Organization scan', organizationScan()],
    [
      'a 40-character hex digest beside the word secret',
      { note: 'secret rotated, sha1 3f786850e387550fdab836ed7e6dc881de23001b' },
    ],
    ['a 40-character random-looking string with no key id or secret near it', { serial: secretAccessKey }],
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
});

describe('saveScan refuses credentials', () => {
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
  ])('%s, writing nothing and naming where, never what', (_, scan, findings, path) => {
    let error: unknown;
    try {
      saveScan(store, scan, findings);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'credential-in-scan' });
    const message = (error as Error).message;
    expect(message).toContain(path);
    for (const secret of [accessKeyId, temporaryKeyId, secretAccessKey, sessionToken])
      expect(message).not.toContain(secret);
    expect(listScans(store)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM account_facts').get()).toEqual({ n: 0 });
  });

  it('stores phone numbers, which are facts', () => {
    const id = saveScan(store, scanResult(), []);
    const row = store.db.prepare('SELECT facts FROM account_facts WHERE scan_id = ?').get(id);
    expect(JSON.stringify(row)).toContain('+81 90-1234-5678');
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
