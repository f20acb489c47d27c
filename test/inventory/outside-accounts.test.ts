// Outside accounts (issue 16): declared beside the AWS accounts, named by the mailboxes, sync accounts and
// password stores they hold, and checked like every other reference, with the file, line, column and field.
import { describe, expect, it } from 'vitest';
import { parseInventory, parseLocated } from '../../src/inventory/load.js';
import type { InventoryIssue } from '../../src/inventory/index.js';

function doc(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A valid inventory with one Google account holding root's mailbox; `extra` lines replace the marked ones. */
function inventory(overrides: Record<string, string> = {}): string {
  const line = (key: string, fallback: string): string => overrides[key] ?? fallback;
  return doc(
    'version: 1',
    'factors:',
    '  people:',
    '    - { id: alex, name: Alex }',
    '  devices:',
    '    - { id: phone, kind: phone, holder: alex }',
    '  phoneNumbers:',
    "    - { id: old-number, number: '+81 90-0000-0001', holder: alex }",
    '  mailboxes:',
    line('mailbox', '    - { id: root-mail, address: aws@gmail.com, account: google-alex }'),
    '  domains:',
    line('domain', '    - { id: example-net, name: example.net, registrar: gandi, dns: gandi }'),
    '  passwordStores:',
    '    - { id: keepass, dependsOn: [phone] }',
    'accounts:',
    "  - id: '111122223333'",
    '    name: personal',
    '    organization: standalone',
    '    root: { email: root-mail }',
    'outsideAccounts:',
    line('id', '  - id: google-alex'),
    line('provider', '    provider: google'),
    '    login: aws@gmail.com',
    '    holder: alex',
    '    password: { storedIn: keepass }',
    '    twoStepVerification: on',
    line('second', '    secondFactors: [{ type: sms, heldBy: old-number }]'),
    line('recovery', '    recovery: { phone: old-number }'),
    '    verified: 2026-12-01',
  );
}

function errorsOf(text: string): Omit<InventoryIssue, 'file' | 'hint'>[] {
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

describe('outsideAccounts in the inventory', () => {
  it('loads, fast and located alike, with the outside account and the references to it', () => {
    const text = inventory();
    const fast = parseInventory(text, 'inv.yaml');
    const located = parseLocated(text, 'inv.yaml');
    expect(fast.ok && located.ok).toBe(true);
    if (!fast.ok || !located.ok) return;
    expect(fast.inventory).toEqual(located.inventory);
    expect(fast.inventory.outsideAccounts).toEqual([
      {
        id: 'google-alex',
        provider: 'google',
        login: 'aws@gmail.com',
        holder: 'alex',
        password: { storedIn: 'keepass' },
        twoStepVerification: 'on',
        secondFactors: [{ type: 'sms', heldBy: 'old-number' }],
        recovery: { phone: 'old-number' },
        verified: '2026-12-01',
      },
    ]);
    expect(fast.inventory.factors?.mailboxes?.[0]?.account).toBe('google-alex');
  });

  it('refuses a mailbox naming an outside account that is not declared, at its position', () => {
    expect(
      errorsOf(inventory({ mailbox: '    - { id: root-mail, address: aws@gmail.com, account: google-al }' })),
    ).toEqual([
      {
        code: 'unknown-reference',
        line: 10,
        column: 57,
        path: 'factors.mailboxes[0].account',
        message: "unknown outside account 'google-al'",
      },
    ]);
  });

  it('refuses a mailbox whose account is a factor, not an outside account', () => {
    expect(
      errorsOf(inventory({ mailbox: '    - { id: root-mail, address: aws@gmail.com, account: alex }' })),
    ).toEqual([
      {
        code: 'wrong-reference-type',
        line: 10,
        column: 57,
        path: 'factors.mailboxes[0].account',
        message: "'alex' is a person, not an outside account",
      },
    ]);
  });

  it("checks the outside account's own references: a recovery phone that is a mailbox, a second step on nothing", () => {
    expect(
      errorsOf(
        inventory({
          recovery: '    recovery: { phone: root-mail }',
          second: '    secondFactors: [{ type: sms, heldBy: no-such-number }]',
        }),
      ),
    ).toEqual([
      {
        code: 'unknown-reference',
        line: 27,
        column: 42,
        path: 'outsideAccounts[0].secondFactors[0].heldBy',
        message: "unknown factor 'no-such-number'",
      },
      {
        code: 'wrong-reference-type',
        line: 28,
        column: 24,
        path: 'outsideAccounts[0].recovery.phone',
        message: "'root-mail' is a mailbox, not a phone number",
      },
    ]);
  });

  it('refuses an outside account id already taken by a factor', () => {
    expect(
      errorsOf(inventory({ id: '  - id: keepass', mailbox: '    - { id: root-mail, provider: gmail }' })),
    ).toEqual([
      {
        code: 'duplicate-id',
        line: 21,
        column: 9,
        path: 'outsideAccounts[0].id',
        message: "duplicate id 'keepass': already declared by factors.passwordStores[0] (line 14)",
      },
    ]);
  });

  it('refuses a provider Lockout does not know, naming the ones it does', () => {
    const [issue] = errorsOf(inventory({ provider: '    provider: gmail' }));
    expect(issue).toMatchObject({
      code: 'invalid-value',
      line: 22,
      column: 15,
      path: 'outsideAccounts[0].provider',
    });
    expect(issue?.message).toBe(
      'expected one of: google, google-workspace, microsoft, microsoft-entra, github, github-organization, registrar, 1password, bitwarden, apple, other',
    );
  });

  it("lets a domain's registrar name an outside account, a provider's name, but not another kind of factor", () => {
    expect(
      errorsOf(
        inventory({
          domain: '    - { id: example-net, name: example.net, registrar: google-alex, dns: gandi }',
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        inventory({ domain: '    - { id: example-net, name: example.net, registrar: alex, dns: gandi }' }),
      ),
    ).toEqual([
      {
        code: 'wrong-reference-type',
        line: 12,
        column: 56,
        path: 'factors.domains[0].registrar',
        message: "'alex' is a person, not an outside account",
      },
    ]);
  });
});
