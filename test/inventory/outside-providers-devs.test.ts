// Issue 16: GitHub accounts and organisations, registrar accounts, 1Password and Bitwarden accounts, domains'
// renewal facts and phone carriers, declared in the inventory and checked like every other reference, at the
// line, column and field where they are written.
import { describe, expect, it } from 'vitest';
import { parseInventory, parseLocated } from '../../src/inventory/load.js';

function doc(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A valid inventory using every new member; `overrides` replace the marked lines. */
function inventory(overrides: Record<string, string> = {}): string {
  const line = (key: string, fallback: string): string => overrides[key] ?? fallback;
  return doc(
    'version: 1',
    'factors:',
    '  people:',
    '    - { id: alex, name: Alex }',
    '    - { id: sam, name: Sam }',
    '  devices:',
    '    - { id: phone, kind: phone, holder: alex }',
    '  places:',
    '    - { id: safe, kind: safe }',
    '  phoneNumbers:',
    line(
      'number',
      "    - { id: alex-number, number: '+81 90-0000-0001', holder: alex, carrier: { kind: prepaid, name: Povo } }",
    ),
    '  mailboxes:',
    '    - { id: root-mail, address: aws@example.net, domain: example-net }',
    '  domains:',
    line(
      'domain',
      '    - { id: example-net, name: example.net, registrar: cf, dns: cf, expires: 2027-03-01, autoRenew: false, transferLock: on, renewsWith: visa }',
    ),
    '  cards:',
    "    - { id: visa, lastFour: '4242', expires: 2027-01, status: ok }",
    'accounts:',
    "  - id: '111122223333'",
    '    name: personal',
    '    organization: standalone',
    '    root: { email: root-mail }',
    'outsideAccounts:',
    '  - { id: gh-alex, provider: github, login: alex, holder: alex, twoStepVerification: on, secondFactors: [{ type: backup-codes, heldBy: safe }] }',
    line(
      'org',
      '  - { id: acme-org, provider: github-organization, login: acme, owners: [gh-alex], twoFactorRequired: off }',
    ),
    '  - { id: cf, provider: registrar, registrar: cloudflare, login: aws@example.net, twoStepVerification: on }',
    line(
      '1p',
      '  - { id: op, provider: 1password, holder: alex, secretKey: { storedIn: safe }, recoverers: [sam] }',
    ),
    line(
      'bw',
      '  - { id: bw, provider: bitwarden, holder: alex, emergencyAccess: [{ grantee: sam, waitDays: 7, access: takeover }] }',
    ),
  );
}

function errorsOf(text: string): {
  code: string;
  line?: number | undefined;
  column?: number | undefined;
  path?: string | undefined;
  message: string;
}[] {
  const result = parseInventory(text, 'inv.yaml');
  if (result.ok) return [];
  return result.errors.map(({ code, line, column, path, message }) => ({
    code,
    line,
    column,
    path,
    message,
  }));
}

describe('GitHub, registrar and password-manager accounts in the inventory', () => {
  it('loads every new member and field, fast and located alike', () => {
    const text = inventory();
    const fast = parseInventory(text, 'inv.yaml');
    const located = parseLocated(text, 'inv.yaml');
    expect(fast.ok ? [] : fast.errors).toEqual([]);
    expect(located.ok).toBe(true);
    if (!fast.ok || !located.ok) return;
    expect(fast.inventory).toEqual(located.inventory);
    expect(fast.inventory.outsideAccounts?.map((account) => account.provider)).toEqual([
      'github',
      'github-organization',
      'registrar',
      '1password',
      'bitwarden',
    ]);
    expect(fast.inventory.factors?.domains?.[0]).toMatchObject({
      transferLock: 'on',
      renewsWith: 'visa',
      autoRenew: false,
    });
    expect(fast.inventory.factors?.phoneNumbers?.[0]?.carrier).toEqual({ kind: 'prepaid', name: 'Povo' });
  });

  it('still reads a carrier given as a name, as before', () => {
    const text = inventory({
      number: "    - { id: alex-number, number: '+81 90-0000-0001', carrier: docomo }",
    });
    expect(errorsOf(text)).toEqual([]);
  });

  it('refuses an unknown registrar and an unknown carrier kind, at their position', () => {
    expect(
      errorsOf(
        inventory({
          number: '    - { id: alex-number, carrier: { kind: pigeon } }',
        }).replace('registrar: cloudflare', 'registrar: cloudflair'),
      ).map(({ line, path }) => ({ line, path })),
    ).toEqual([
      { line: 11, path: 'factors.phoneNumbers[0].carrier' },
      { line: 26, path: 'outsideAccounts[2].registrar' },
    ]);
  });

  it("checks each new reference: an organisation's owner, 1Password's Secret Key and recoverers, Bitwarden's grantee, a domain's card", () => {
    expect(
      errorsOf(
        inventory({
          org: '  - { id: acme-org, provider: github-organization, owners: [gh-alx] }',
          '1p': '  - { id: op, provider: 1password, secretKey: { storedIn: visa }, recoverers: [root-mail] }',
          bw: '  - { id: bw, provider: bitwarden, emergencyAccess: [{ grantee: phone, waitDays: 7, access: view }] }',
          domain: '    - { id: example-net, name: example.net, registrar: cf, dns: cf, renewsWith: alex }',
        }),
      ),
    ).toEqual([
      {
        code: 'wrong-reference-type',
        line: 15,
        column: 81,
        path: 'factors.domains[0].renewsWith',
        message: "'alex' is a person, not a card",
      },
      {
        code: 'unknown-reference',
        line: 25,
        column: 61,
        path: 'outsideAccounts[1].owners[0]',
        message: "unknown outside account 'gh-alx'",
      },
      {
        code: 'wrong-reference-type',
        line: 27,
        column: 59,
        path: 'outsideAccounts[3].secretKey.storedIn',
        message: "'visa' is a card, not a password store, a device, a person or a place",
      },
      {
        code: 'wrong-reference-type',
        line: 27,
        column: 80,
        path: 'outsideAccounts[3].recoverers[0]',
        message: "'root-mail' is a mailbox, not a person",
      },
      {
        code: 'wrong-reference-type',
        line: 28,
        column: 65,
        path: 'outsideAccounts[4].emergencyAccess[0].grantee',
        message: "'phone' is a device, not a person",
      },
    ]);
  });
});
