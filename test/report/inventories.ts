/**
 * Inventories the Markdown and HTML tests make on the fly: the incident with hostile labels (markup and
 * ampersands, as an inventory may hold), and an Organization of any size, written to a temporary folder.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { examplePath } from '../../src/cli/inventory-input.js';

/** Labels no report may turn into markup. */
export const hostile = {
  card: `<script>alert('card')</script> & Co "card"`,
  account: '1. personal <b>&amp;</b>',
  workload: '<img src=x onerror=alert(1)> | *bold* [link](javascript:alert(1))',
  phone: '# 1. Mobile number of 2016 `tick` $x$',
} as const;

/** Writes an inventory to a fresh temporary folder and returns its path. */
export function writeInventory(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lockout-report-')), name);
  writeFileSync(file, text);
  return file;
}

/** The incident, with a card label, an account name, a workload and a phone label that are markup. */
export function hostileIncident(): string {
  const yaml = readFileSync(examplePath('incident'), 'utf8');
  const replaced = yaml
    .replace('label: The only card on file', `label: ${JSON.stringify(hostile.card)}`)
    .replace('name: personal', `name: ${JSON.stringify(hostile.account)}`)
    .replace('- S3 buckets with photos and backups', `- ${JSON.stringify(hostile.workload)}`)
    .replace('label: Mobile number of 2016', `label: ${JSON.stringify(hostile.phone)}`);
  if (replaced === yaml) throw new Error('the incident example changed: update hostileIncident()');
  return replaced;
}

/** A 12-digit account id for the n-th account. */
const accountId = (n: number): string => String(100000000000 + n);

/**
 * An Organization: a management account that pays, and `members` member accounts whose roots share one
 * mailbox and hold one of a few security keys each; every fifth member has no declared password and every
 * seventh no contact phone, so that accounts differ in how bad they are.
 */
export function organizationInventory(members: number): string {
  const people = ['mika', 'ren', 'sora', 'aoi'].map((id) => ({ id, name: `${id} (platform)` }));
  const keys = people.map((person) => ({
    id: `key-${person.id}`,
    kind: 'security-key',
    holder: person.id,
    verified: '2025-05-12',
  }));
  const management = {
    id: accountId(0),
    name: 'org-management',
    organization: 'management',
    root: {
      email: 'root-mailbox',
      password: { storedIn: 'vault', verified: '2025-05-12' },
      mfa: [
        { type: 'fido', heldBy: 'key-mika', verified: '2025-05-12' },
        { type: 'fido', heldBy: 'key-ren', verified: '2025-05-12' },
      ],
    },
    contactPhone: 'office-number',
    payment: { cards: ['corporate-card'], verified: '2025-05-30' },
    iamBillingAccess: { activated: false, verified: '2025-05-30' },
  };
  const memberAccounts = Array.from({ length: members }, (_, index) => {
    const n = index + 1;
    return {
      id: accountId(n),
      name: `member-${String(n).padStart(3, '0')}`,
      organization: 'member',
      managementAccount: accountId(0),
      root: {
        email: 'root-mailbox',
        ...(n % 5 === 0 ? {} : { password: { storedIn: 'vault', verified: '2025-05-12' } }),
        mfa: [{ type: 'fido', heldBy: keys[n % keys.length]!.id, verified: '2025-05-12' }],
      },
      ...(n % 7 === 0 ? {} : { contactPhone: 'office-number' }),
      payment: { paidBy: 'management' },
      workloads: [`Service ${n}`],
    };
  });
  return stringify({
    version: 1,
    owner: 'Example Org',
    asOf: '2025-06-01',
    factors: {
      people,
      devices: keys,
      phoneNumbers: [{ id: 'office-number', number: '+81 3-0000-0003', verified: '2025-04-01' }],
      domains: [
        {
          id: 'org-domain',
          name: 'org.example',
          registrar: 'gandi',
          dns: accountId(1),
          expires: '2026-02-01',
          autoRenew: true,
          verified: '2025-05-01',
        },
      ],
      mailboxes: [
        {
          id: 'root-mailbox',
          address: 'aws-root@org.example',
          domain: 'org-domain',
          provider: 'google-workspace',
          verified: '2025-05-30',
        },
      ],
      cards: [
        {
          id: 'corporate-card',
          lastFour: '1881',
          expires: '2027-07',
          status: 'ok',
          holder: 'sora',
          verified: '2025-05-30',
        },
      ],
      passwordStores: [{ id: 'vault', verified: '2025-05-30' }],
      identityDocuments: [
        { id: 'mika-passport', kind: 'passport', holder: 'mika', country: 'JP', expires: '2031-01-31' },
      ],
    },
    accounts: [management, ...memberAccounts],
  });
}
