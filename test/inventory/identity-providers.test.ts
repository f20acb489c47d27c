// Identity providers in the inventory (issue 16): a Google Workspace organisation and a Microsoft Entra tenant
// with the accounts in them, and AWS principals signing in through such an account. Every new reference is
// checked for the right provider and an existing id, with the file, line, column and field.
import { describe, expect, it } from 'vitest';
import { parseInventory, parseLocated } from '../../src/inventory/load.js';
import type { InventoryIssue } from '../../src/inventory/index.js';

/** A valid inventory; `overrides` replace the lines of the same key. */
function inventory(overrides: Record<string, string> = {}): string {
  const line = (key: string, fallback: string): string => overrides[key] ?? fallback;
  return `${[
    'version: 1',
    'factors:',
    '  people:',
    '    - { id: alex, name: Alex }',
    '  phoneNumbers:',
    "    - { id: alex-number, number: '+81 90-0000-0001', holder: alex }",
    '  mailboxes:',
    '    - { id: root-mail, address: aws@example.net, account: alex-workspace }',
    '  domains:',
    '    - { id: example-net, name: example.net, registrar: gandi, dns: gandi }',
    'accounts:',
    "  - id: '111122223333'",
    '    name: personal',
    '    organization: standalone',
    '    root: { email: root-mail }',
    '    principals:',
    line('signIn', '      - { name: admin, permissions: ["*"], signIn: [alex-workspace] }'),
    'outsideAccounts:',
    '  - id: alex-workspace',
    '    provider: google',
    line('workspace', '    workspace: example-org'),
    '    secondFactors: [{ type: sms, heldBy: alex-number }]',
    '  - id: example-org',
    '    provider: google-workspace',
    '    name: Example',
    line('gdomain', '    domain: example-net'),
    line('superAdmins', '    superAdmins: [alex-workspace]'),
    '    superAdminSelfRecovery: off',
    '    twoStepEnforced: on',
    '  - id: alex-entra',
    '    provider: microsoft',
    line('tenant', '    tenant: example-tenant'),
    '  - id: example-tenant',
    '    provider: microsoft-entra',
    '    domain: example-net',
    line('globalAdmins', '    globalAdmins: [alex-entra]'),
    line('emergency', '    emergencyAccessAccounts: []'),
  ].join('\n')}\n`;
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

describe('identity providers in the inventory', () => {
  it('loads an organisation, a tenant and their accounts, fast and located alike', () => {
    const fast = parseInventory(inventory(), 'inv.yaml');
    const located = parseLocated(inventory(), 'inv.yaml');
    expect(fast.ok && located.ok).toBe(true);
    if (!fast.ok || !located.ok) return;
    expect(fast.inventory).toEqual(located.inventory);
    expect(fast.inventory.outsideAccounts?.[1]).toEqual({
      id: 'example-org',
      provider: 'google-workspace',
      name: 'Example',
      domain: 'example-net',
      superAdmins: ['alex-workspace'],
      superAdminSelfRecovery: 'off',
      twoStepEnforced: 'on',
    });
    expect(fast.inventory.outsideAccounts?.[3]).toEqual({
      id: 'example-tenant',
      provider: 'microsoft-entra',
      domain: 'example-net',
      globalAdmins: ['alex-entra'],
      emergencyAccessAccounts: [],
    });
  });

  it("refuses a Google account's workspace that is another kind of outside account, at its position", () => {
    expect(errorsOf(inventory({ workspace: '    workspace: example-tenant' }))).toEqual([
      {
        code: 'wrong-reference-type',
        line: 21,
        column: 16,
        path: 'outsideAccounts[0].workspace',
        message: "'example-tenant' is a microsoft-entra entry, not a google-workspace entry",
      },
    ]);
  });

  it('refuses a workspace, tenant or admin that is not declared', () => {
    expect(
      errorsOf(
        inventory({
          workspace: '    workspace: exampel-org',
          tenant: '    tenant: no-tenant',
          globalAdmins: '    globalAdmins: [alex-entar]',
        }),
      ),
    ).toEqual([
      {
        code: 'unknown-reference',
        line: 21,
        column: 16,
        path: 'outsideAccounts[0].workspace',
        message: "unknown outside account 'exampel-org'",
      },
      {
        code: 'unknown-reference',
        line: 32,
        column: 13,
        path: 'outsideAccounts[2].tenant',
        message: "unknown outside account 'no-tenant'",
      },
      {
        code: 'unknown-reference',
        line: 36,
        column: 20,
        path: 'outsideAccounts[3].globalAdmins[0]',
        message: "unknown outside account 'alex-entar'",
      },
    ]);
  });

  it('refuses admins of the wrong provider: a Microsoft account as super admin, a Google one as Global Administrator', () => {
    expect(
      errorsOf(
        inventory({
          superAdmins: '    superAdmins: [alex-entra]',
          emergency: '    emergencyAccessAccounts: [alex-workspace]',
        }),
      ),
    ).toEqual([
      {
        code: 'wrong-reference-type',
        line: 27,
        column: 19,
        path: 'outsideAccounts[1].superAdmins[0]',
        message: "'alex-entra' is a microsoft entry, not a google entry",
      },
      {
        code: 'wrong-reference-type',
        line: 37,
        column: 31,
        path: 'outsideAccounts[3].emergencyAccessAccounts[0]',
        message: "'alex-workspace' is a google entry, not a microsoft entry",
      },
    ]);
  });

  it("refuses an organisation's domain that is not a domain factor", () => {
    expect(errorsOf(inventory({ gdomain: '    domain: alex' }))).toEqual([
      {
        code: 'wrong-reference-type',
        line: 26,
        column: 13,
        path: 'outsideAccounts[1].domain',
        message: "'alex' is a person, not a domain",
      },
    ]);
  });

  it('lets an AWS principal sign in through an outside account, but not through an organisation', () => {
    expect(errorsOf(inventory())).toEqual([]);
    expect(
      errorsOf(inventory({ signIn: '      - { name: admin, permissions: ["*"], signIn: [example-org] }' })),
    ).toEqual([
      {
        code: 'wrong-reference-type',
        line: 17,
        column: 53,
        path: 'accounts[0].principals[0].signIn[0]',
        message: "'example-org' is a google-workspace entry, not an account one signs in to",
      },
    ]);
  });

  it('refuses a tenant field on a Google account (each provider declares its own facts)', () => {
    const [issue] = errorsOf(inventory({ workspace: '    tenant: example-tenant' }));
    expect(issue).toMatchObject({ line: 21, path: 'outsideAccounts[0].tenant' });
  });
});
