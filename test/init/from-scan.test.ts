/**
 * The starter from a standalone account's scan, for what the moto fixture cannot show: a public hosted zone whose
 * domain is registered elsewhere, a private zone, a root whose own email no API shows while its MFA devices are
 * seen. The text written loads, and each seen fact is a value or said where it belongs.
 */

import { parseDocument, isMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderStarter, starterFromScan } from '../../src/init/index.js';
import { parseInventory } from '../../src/inventory/load.js';
import { actions, accountFacts, scanOf, seen, unknown } from '../checks/scan-fixtures.js';

const ownEmailUnknown = unknown(
  'not-available',
  actions.primaryEmail,
  "no API shows a standalone or management account's own root email: declare it in the inventory",
);

function written(scan: ReturnType<typeof scanOf>): { text: string; inventory: ReturnType<typeof load> } {
  const text = renderStarter(starterFromScan(scan, '2026-12-03', 'lockout.yaml'));
  return { text, inventory: load(text) };
}

function load(
  text: string,
): NonNullable<Extract<ReturnType<typeof parseInventory>, { ok: true }>['inventory']> {
  const result = parseInventory(text, 'lockout.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return result.inventory;
}

describe('a starter from a standalone account', () => {
  it('makes a public zone of a domain registered elsewhere a domain, asks its registrar, and says the private one', () => {
    const { text, inventory } = written(
      scanOf({
        primaryEmail: ownEmailUnknown,
        hostedZones: seen(
          [
            // Listed before its parent: still a part of shop.example, not a domain of its own.
            { id: '/hostedzone/Z2', name: 'www.shop.example', private: false },
            { id: '/hostedzone/Z1', name: 'shop.example', private: false },
            { id: '/hostedzone/Z4', name: '_acme.invalid_', private: false },
            { id: '/hostedzone/Z3', name: 'corp.internal', private: true },
          ],
          actions.hostedZones,
        ),
      }),
    );
    expect(inventory.factors?.domains).toEqual([
      { id: 'domain-shop-example', name: 'shop.example', registrar: 'unknown', dns: '111122223333' },
    ]);
    // Once loaded, the account lists the domain it hosts: a suspension takes it down.
    expect(inventory.accounts[0]?.domains).toEqual(['domain-shop-example']);
    expect(text).toContain(
      '# Hosted zones seen: www.shop.example, shop.example, _acme.invalid_, corp.internal (private).',
    );
    const document = parseDocument(text);
    const domain = document.getIn(['factors', 'domains', 0], true);
    expect(isMap(domain) && domain.comment).toMatch(
      /Where is shop\.example registered\?[\s\S]*\n registrar: REGISTRAR/,
    );
  });

  // Until 2026-12-05 the devices were only a line to write: without root's address no root was made, and every
  // report said root's MFA was not declared although the scan had seen it.
  it('writes root with the MFA device AWS showed and asks for its email, when no API shows its email', () => {
    const { text, inventory } = written(scanOf({ primaryEmail: ownEmailUnknown }));
    const root = inventory.accounts[0]?.root;
    expect(root?.email).toBeUndefined();
    expect(root?.mfa).toEqual([
      {
        type: 'fido',
        heldBy: expect.any(String) as string,
        label: 'arn:aws:iam::111122223333:u2f/root/key-a',
      },
    ]);
    expect(text).toMatch(/# \? What is root's email address\? Every recovery of root goes through it/);
    expect(text).toMatch(/# \? What is this root MFA device of personal, who holds it/);
    // The contact phone AWS would call is written, with whose it is as a question.
    expect(inventory.factors?.phoneNumbers?.[0]).toMatchObject({ number: '+81 80-0000-0002' });
    expect(inventory.factors?.phoneNumbers?.[0]?.state).toBe('unknown');
    expect(text).toMatch(/# \? Whose phone is this number/);
  });

  it('writes root, its mailbox and its seen MFA device when the scan sees root email, with the questions on them', () => {
    const { text, inventory } = written(scanOf());
    const account = inventory.accounts[0]!;
    expect(inventory.factors?.mailboxes?.find((mailbox) => mailbox.id === account.root?.email)?.address).toBe(
      'root@example.com',
    );
    expect(account.root?.mfa).toEqual([
      {
        type: 'fido',
        heldBy: expect.any(String) as string,
        label: 'arn:aws:iam::111122223333:u2f/root/key-a',
      },
    ]);
    expect(account.billingContact).toEqual({ address: 'billing@example.org' });
    expect(text).toMatch(/# \? Who reads billing@example\.org\?/);
    expect(text).toMatch(/# \? Where is root's password kept/);
    expect(text).toMatch(/# \? What is this root MFA device of personal, who holds it/);
    // Nothing about a card or the billing access setting is a value: both stay questions.
    expect(account.payment).toBeUndefined();
    expect(account.iamBillingAccess).toBeUndefined();
    expect(text).toContain('# iamBillingAccess: { activated: true, verified: YYYY-MM-DD }');
    expect(accountFacts().accountId).toBe(account.id);
  });
});
