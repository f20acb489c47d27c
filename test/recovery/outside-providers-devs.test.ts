// Issue 16: GitHub, a registrar, 1Password and Bitwarden in the same recovery graph as AWS. Root's mailbox is
// on a domain whose registrar account (Cloudflare) signs in with an authenticator on the phone that is also
// root's MFA: the graph must see that one phone takes both.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';

function doc(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const base = doc(
  'version: 1',
  'asOf: 2026-12-04',
  'factors:',
  '  people:',
  '    - { id: alex, name: Alex }',
  '    - { id: sam, name: Sam }',
  '  devices:',
  '    - { id: phone, kind: phone, holder: alex }',
  '    - { id: key, kind: security-key, holder: sam }',
  '  places:',
  '    - { id: safe, kind: safe }',
  '  phoneNumbers:',
  "    - { id: number, number: '+81 90-0000-0001', holder: alex }",
  '  mailboxes:',
  '    - { id: root-mail, address: aws@example.net, domain: example-net, provider: fastmail }',
  '  domains:',
  '    - { id: example-net, name: example.net, registrar: cf, dns: cf }',
  '  passwordStores:',
  '    - { id: vault, location: safe }',
  '    - { id: paper, location: safe }',
  'accounts:',
  "  - id: '111122223333'",
  '    name: personal',
  '    organization: standalone',
  '    contactPhone: number',
  '    root:',
  '      email: root-mail',
  '      password: { storedIn: vault }',
  '      mfa: [{ type: virtual, heldBy: phone }]',
  'outsideAccounts:',
  '  - id: cf',
  '    provider: registrar',
  '    registrar: cloudflare',
  '    password: { storedIn: vault }',
  '    twoStepVerification: on',
  '    secondFactors: [{ type: authenticator, heldBy: phone }]',
  '  - { id: gh-alex, provider: github, holder: alex, password: { storedIn: vault }, twoStepVerification: on, secondFactors: [{ type: authenticator, heldBy: phone }, { type: backup-codes, heldBy: safe }] }',
  '  - { id: gh-sam, provider: github, holder: sam, password: { storedIn: vault }, twoStepVerification: on, secondFactors: [{ type: security-key, heldBy: key }] }',
  '  - { id: acme, provider: github-organization, owners: [gh-alex] }',
  '  - { id: op, provider: 1password, holder: alex, password: { storedIn: paper }, secretKey: { storedIn: phone }, twoStepVerification: off, recoverers: [alex, sam] }',
  '  - { id: bw, provider: bitwarden, holder: alex, password: { storedIn: paper }, twoStepVerification: off, emergencyAccess: [{ grantee: sam, waitDays: 7, access: takeover }] }',
);

function load(text: string): Inventory {
  const result = parseInventory(text, 'inventory.yaml');
  if (!result.ok) throw new Error(result.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return result.inventory;
}

function analysis(text: string) {
  return analyzeRecovery(load(text), { asOf: '2026-12-04', setLimit: 50 });
}

const outside = (result: ReturnType<typeof analysis>, id: string) =>
  result.outsideCapabilities!.find((capability) => capability.account.id === id)!;

describe('lockout sets cross AWS and the registrar', () => {
  it("the phone alone locks root out: its MFA, and through the registrar account the domain of root's mailbox", () => {
    const linked = analysis(base);
    const root = linked.capability('111122223333', 'root-sign-in');
    expect(root.singlePointsOfFailure.map((factor) => factor.id)).toContain('phone');
    // With the domain at a registrar only named (no account in the graph), the mail and the contact phone
    // still recover root: the phone is no single point. The difference is the cross-provider link.
    const bare = analysis(base.replace('registrar: cf, dns: cf', 'registrar: gandi, dns: gandi'));
    const bareRoot = bare.capability('111122223333', 'root-sign-in');
    expect(bareRoot.singlePointsOfFailure.map((factor) => factor.id)).not.toContain('phone');
  });

  it("Cloudflare's own account recovery is a way of 3-5 days that waits on the undeclared e-mail and device", () => {
    const cf = outside(analysis(base), 'cf');
    const recovery = cf.ways.find((way) => way.id === 'account-recovery')!;
    expect(recovery.status).toBe('lost');
    expect(cf.ways.map((way) => way.id)).toEqual(['second-step-1', 'account-recovery']);
  });
});

describe('GitHub', () => {
  it('signs in with the password and the authenticator, or the recovery codes, or the account-recovery request', () => {
    const gh = outside(analysis(base), 'gh-alex');
    expect(gh.ways.map((way) => way.id)).toEqual([
      'second-step-1',
      'backup-codes-2',
      'account-recovery-request',
    ]);
    expect(gh.ways[1]!.label).toContain('recovery codes');
  });

  it('an organisation with one owner is lost with that owner; a second owner on another key keeps it', () => {
    const single = analysis(base);
    const org = outside(single, 'acme');
    expect(org.capability).toBe('administer');
    expect(org.singlePointsOfFailure.map((factor) => factor.id)).toContain('vault');
    const two = analysis(base.replace('owners: [gh-alex]', 'owners: [gh-alex, gh-sam]'));
    const org2 = outside(two, 'acme');
    expect(org2.ways.map((way) => way.id)).toEqual(['owner-gh-alex', 'owner-gh-sam']);
    expect(org2.singlePointsOfFailure.map((factor) => factor.id)).not.toContain('phone');
  });
});

describe('password managers', () => {
  it('1Password needs the Secret Key: the phone it is on is lost, and Sam (not Alex herself) recovers', () => {
    const op = outside(analysis(base), 'op');
    expect(op.ways.map((way) => way.id)).toEqual(['password', 'recovery-by-sam']);
    const noSam = analysis(base.replace('recoverers: [alex, sam]', 'recoverers: [alex]'));
    expect(outside(noSam, 'op').singlePointsOfFailure.map((factor) => factor.id)).toContain('phone');
  });

  it("Bitwarden's emergency access is Sam's way, taking the declared 7 days", () => {
    const bw = outside(analysis(base), 'bw');
    const emergency = bw.ways.find((way) => way.id === 'emergency-access-sam')!;
    expect(emergency.status).not.toBe('lost');
    expect(bw.ways.map((way) => way.id)).toEqual(['password', 'emergency-access-sam']);
  });
});
