// Issue 11, "What is wrong today": one case per item, each a wrong answer of the model before this change
// (commit 27e92d1) that must now be the true one. Inventories are written inline so each case shows what it
// declares; the two of item 1 are test/fixtures/truth/*.yaml.
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { runChecks } from '../../src/checks/run.js';
import { runPlan } from '../../src/cli/plan-command.js';
import { runWhatIf } from '../../src/cli/whatif-command.js';
import { runCheck } from '../../src/cli/check-command.js';
import { writeInventory } from '../report/inventories.js';
import { loadInventory, parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery, type CapabilityId } from '../../src/providers/aws/analysis.js';
import { untilDeadline } from '../../src/providers/aws/recovery-graph.js';

function inventoryOf(yaml: string): Inventory {
  const result = parseInventory(yaml, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.inventory;
}

async function example(name: string): Promise<Inventory> {
  const result = await loadInventory(`examples/${name}.yaml`);
  if (!result.ok) throw new Error(`examples/${name}.yaml does not load`);
  return result.inventory;
}

function capabilityOf(inventory: Inventory, account: string, capability: CapabilityId) {
  return analyzeRecovery(inventory, { asOf: inventory.asOf! }).capability(account, capability);
}

function findingsOf(
  inventory: Inventory,
): { checkId: string; accountId?: string | undefined; message: string }[] {
  const recovery = analyzeRecovery(inventory, { asOf: inventory.asOf! });
  return runChecks(checks, { inventory, asOf: inventory.asOf!, recovery });
}

/** A standalone account whose root has one security key; the pieces each case changes are parameters. */
function standalone(options: {
  asOf: string;
  mfa?: string;
  contactPhone?: string;
  numbers?: string;
  principals?: string;
  billingAccess?: boolean;
  syncAccounts?: string;
}): Inventory {
  return inventoryOf(`
version: 1
asOf: ${options.asOf}
factors:
  devices:
    - { id: key, kind: security-key }
    - { id: phone, kind: phone }
  phoneNumbers:
    ${options.numbers ?? "- { id: old-number, number: '+81 90-0000-0001', state: outdated }\n    - { id: new-number, number: '+81 80-0000-0002', dependsOn: [phone] }"}
  mailboxes:
    - { id: root-mail, address: root@mail.example, provider: fastmail }
  cards:
    - { id: card, lastFour: '4242', expires: 2030-01, status: ok }
  passwordStores:
    - { id: vault }
  identityDocuments:
    - { id: passport, kind: passport, expires: 2035-01-01 }
  syncAccounts: ${options.syncAccounts ?? '[]'}
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root:
      email: root-mail
      password: { storedIn: vault }
      mfa: ${options.mfa ?? '[{ type: fido, heldBy: key }]'}
    contactPhone: ${options.contactPhone ?? 'old-number'}
    payment: { cards: [card] }
    iamBillingAccess: { activated: ${options.billingAccess ?? true} }
    billingPrincipals: ${options.principals ?? '[]'}
`);
}

describe('what is declared empty is known, not unknown', () => {
  // Found by a fault probe: billingPrincipals: [] (init's "[] if nobody") was asked for again as undeclared.
  it('billingPrincipals: [] is "nobody but root may replace the card", never a fact to declare', async () => {
    const text = (principals: string): string => `version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: key, kind: security-key, verified: 2026-11-20 }
  mailboxes:
    - { id: root-mail, address: aws@example.net, provider: fastmail }
  cards:
    - { id: visa, lastFour: '4242', expires: 2029-01, status: ok }
  passwordStores:
    - { id: vault }
accounts:
  - id: '333333333333'
    name: solo
    organization: standalone
    root: { email: root-mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    payment: { cards: [visa] }
    iamBillingAccess: { activated: true, verified: 2026-11-20 }
${principals}`;
    const unknownsOf = async (principals: string): Promise<string[]> => {
      const { report } = await runCheck(writeInventory('solo.yaml', text(principals)), {
        format: 'json',
        failOn: 'none',
        color: false,
      });
      return report.stillUnknown.map((entry) => entry.fact);
    };
    const principal = 'A principal other than root who may replace the card';
    expect(await unknownsOf('')).toContain(principal);
    expect(await unknownsOf('    billingPrincipals: []\n')).not.toContain(principal);
    const { report } = await runCheck(writeInventory('solo.yaml', text('    billingPrincipals: []\n')), {
      format: 'json',
      failOn: 'none',
      color: false,
    });
    const change = report.accounts[0]!.capabilities.find((c) => c.id === 'change-payment-method')!;
    const delegated = change.ways.find((way) => way.status === 'lost')!;
    expect(delegated.unknownOnly).toBe(false);
    expect(delegated.lostBecause).toContain('No principal other than root may replace the card (declared)');
  });
});

describe('1. time: a failed card is not a suspension today', () => {
  it('the plan FITS before the deadline, names the way and says what the deadline would take', async () => {
    const { plan, output, exitCode } = await runPlan('test/fixtures/truth/dns-in-member.yaml', {
      cardFailed: '2026-11-30',
      lost: ['vault'],
      deadline: '2026-12-19',
      now: '2026-12-01',
      tz: 'Europe/Paris',
    });
    expect(plan.verdict).toBe('fits');
    expect(exitCode).toBe(0);
    expect(plan.escalation).toBeUndefined();
    expect(plan.way).toMatch(/resets its password by mail and signs in with an MFA device/);
    const titles = plan.steps.map((step) => step.title);
    expect(titles[0]).toBe('Reset the root password by mail, then sign in as root');
    expect(titles).toContain('Add a new card and make it the default payment method');
    expect(plan.slack!.worst).toBeGreaterThan(17 * 24);
    // If it is not done by then: suspended the next day, and no way back would remain (the reset mail's domain
    // is hosted in the member that goes with it).
    expect(plan.afterDeadline).toEqual({
      day: '2026-12-20',
      lost: ['Sign in as root', 'Change the payment method', 'Keep the bill paid', 'Receive billing notices'],
      way: undefined,
    });
    expect(output).toContain('If not paid by 2026-12-19: corp-management is suspended on 2026-12-20');
  });

  it('check: root holds now and is lost only at the suspension date', async () => {
    const result = await loadInventory('test/fixtures/truth/dns-in-member-unpaid.yaml');
    if (!result.ok) throw new Error('fixture does not load');
    const recovery = analyzeRecovery(result.inventory, { asOf: result.inventory.asOf! });
    const root = recovery.capability('111111111111', 'root-sign-in');
    expect(root.status).toBe('at-risk');
    expect(root.eventually).toBe('lost');
    expect(root.fastest.duration.typical).toBeLessThan(1);
    expect(root.fastest.race).toBe('won');
  });

  it('a card that expires before the deadline is a loss to come, not one of today', async () => {
    const pendingOf = async (deadline?: string): Promise<{ label: string; day: string }[]> => {
      const text = await runWhatIf(undefined, {
        example: 'small-team',
        lose: ['backup-card'],
        format: 'json',
        ...(deadline ? { deadline } : {}),
      });
      return (JSON.parse(text) as { pending: { label: string; day: string }[] }).pending;
    };
    // The corporate card is valid through 2025-07-31.
    expect(await pendingOf('2025-08-15')).toContainEqual({
      label: 'Corporate card (default) expires',
      day: '2025-07-31',
    });
    expect((await pendingOf('2025-07-15')).map((event) => event.label)).not.toContain(
      'Corporate card (default) expires',
    );
    expect((await pendingOf()).map((event) => event.label)).not.toContain('Corporate card (default) expires');
  });

  it('what still works today is not lost today because it expires before the deadline (bill paid)', () => {
    // The card is fine, so no suspension is coming; only the root mailbox's domain expires before the deadline.
    const inventory = inventoryOf(`
version: 1
asOf: 2026-12-03
factors:
  domains:
    - { id: mail-domain, name: mail.example, registrar: gandi, dns: gandi, expires: 2026-12-10 }
  mailboxes:
    - { id: root-mail, address: root@mail.example, provider: fastmail, domain: mail-domain }
  cards:
    - { id: card, lastFour: '4242', expires: 2030-01, status: ok }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root: { email: root-mail }
    payment: { cards: [card] }
`);
    const recovery = analyzeRecovery(inventory, {
      asOf: '2026-12-03',
      ...untilDeadline('2026-12-03', '2026-12-20'),
    });
    const notices = recovery.capability('111122223333', 'receive-billing-notices');
    expect(notices.status).toBe('at-risk');
    expect(notices.eventually).toBe('lost');
    // Without the deadline the domain's expiry is not in view: the notices simply hold.
    const plain = analyzeRecovery(inventory, { asOf: '2026-12-03' });
    expect(plain.capability('111122223333', 'receive-billing-notices').status).toBe('at-risk');
  });

  it('lockout sets stay the "eventually" answer, and say which bite only after the suspension date', async () => {
    const inventory = await example('small-team');
    const recovery = analyzeRecovery(inventory, { asOf: inventory.asOf! });
    const bill = recovery.capability('444455556666', 'keep-bill-paid');
    // Both cards and the vault: today the reset mail still arrives and root replaces the card; only once the
    // suspension date has passed does the domain (its DNS in production) take the mail with it.
    const labels = bill.lockoutSets.map((set) =>
      set
        .map((factor) => factor.id)
        .sort()
        .join(' + '),
    );
    expect(labels).toContain('backup-card + corporate-card + team-vault');
    expect(bill.lockoutSetsAfterDeadline).toEqual(bill.lockoutSets.map((_, position) => position));
    // The member's root mailbox takes its root today: no deadline in that set.
    const member = recovery.capability('777788889999', 'root-sign-in');
    const mailbox = member.lockoutSets.findIndex(
      (set) => set.length === 1 && set[0]!.id === 'aws-root-mailbox',
    );
    expect(mailbox).toBeGreaterThanOrEqual(0);
    expect(member.lockoutSetsAfterDeadline ?? []).not.toContain(mailbox);
  });

  it('whatif: both cards lost is "keep the bill paid" LOST now with a way back in minutes, no new SPOF now', async () => {
    const text = await runWhatIf(undefined, {
      example: 'small-team',
      lose: ['corporate-card', 'backup-card'],
      format: 'json',
    });
    const report = JSON.parse(text) as {
      capabilities: {
        accountId: string;
        capability: string;
        after: string;
        newSinglePointsOfFailure: string[];
        recovery?: { possible: boolean; duration: { max: number }; race?: string };
        later?: { newSinglePointsOfFailure: string[] };
      }[];
    };
    const management = report.capabilities.filter((c) => c.accountId === '444455556666');
    const bill = management.find((c) => c.capability === 'keep-bill-paid')!;
    expect(bill.after).toBe('lost');
    expect(bill.recovery!.possible).toBe(true);
    expect(bill.recovery!.duration.max).toBeLessThanOrEqual(1);
    expect(bill.recovery!.race).toBe('won');
    const notices = management.find((c) => c.capability === 'receive-billing-notices')!;
    expect(notices.newSinglePointsOfFailure).toEqual([]);
    // The vault becomes one only if the bill is still unpaid at the suspension date.
    expect(notices.later?.newSinglePointsOfFailure).toContain(
      'Team password manager (root passwords, break-glass notes)',
    );
  });
});

describe('2. places are common causes', () => {
  it('whatif --lose office-safe works and shows what the safe takes', async () => {
    const text = await runWhatIf(undefined, { example: 'small-team', lose: ['office-safe'], format: 'text' });
    expect(text).toContain('Assuming lost: Office safe');
    expect(text).toMatch(
      /Account acme-management[^]*?Sign in as root\s+holds\n\s+way lost: Password and an MFA device — taken by Office safe/,
    );
  });

  it('check names the safe that holds both keys', async () => {
    const findings = findingsOf(await example('small-team'));
    const common = findings.filter((finding) => finding.checkId === 'common-cause');
    expect(common.map((finding) => finding.message)).toEqual([
      "Root's 2 MFA devices are all kept at Office safe: losing it takes signing in with MFA, so that root then needs AWS lost-MFA recovery.",
    ]);
  });

  it('a place is a single point of failure where every way passes through it', () => {
    const inventory = standalone({ asOf: '2026-12-01', contactPhone: 'new-number' });
    inventory.factors!.places = [{ id: 'safe', label: 'The safe' }];
    inventory.factors!.devices!.find((device) => device.id === 'key')!.location = 'safe';
    inventory.factors!.passwordStores![0]!.location = 'safe';
    // Keep only MFA sign-in: the password is in the safe, and the reset mail's mailbox is gone.
    inventory.factors!.mailboxes![0]!.state = 'lost';
    const root = capabilityOf(inventory, '111122223333', 'root-sign-in');
    expect(root.singlePointsOfFailure.map((factor) => factor.id)).toContain('safe');
  });
});

describe('3. members paid by the management account', () => {
  it('receive billing notices as the payer does, not "LOST, no way back"', async () => {
    const inventory = await example('small-team');
    const recovery = analyzeRecovery(inventory, { asOf: inventory.asOf! });
    const member = recovery.capability('777788889999', 'receive-billing-notices');
    const payer = recovery.capability('444455556666', 'receive-billing-notices');
    expect(member.status).toBe('at-risk');
    expect(member.status).toBe(payer.status);
    expect(member.singlePointsOfFailure).toEqual(payer.singlePointsOfFailure);
  });

  it("keep their bill paid as the payer does: a dead card on the payer's file is lost now for the member too", async () => {
    const inventory = structuredClone(await example('small-team'));
    for (const card of inventory.factors!.cards!) card.status = 'revoked';
    const recovery = analyzeRecovery(inventory, { asOf: inventory.asOf! });
    const payer = recovery.capability('444455556666', 'keep-bill-paid');
    const member = recovery.capability('777788889999', 'keep-bill-paid');
    expect(payer.status).toBe('lost');
    expect(member.status).toBe('lost');
    expect(member.standingLost).toBe(true);
    expect(member.fastest.duration).toEqual(payer.fastest.duration);
  });
});

describe('4 and 5. centralized root access', () => {
  const organization = (member: string, features: string, principals: string): Inventory =>
    inventoryOf(`
version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: key, kind: security-key }
    - { id: admin-laptop, kind: laptop }
  mailboxes:
    - { id: mgmt-mail, address: mgmt@mail.example, provider: fastmail }
    - { id: member-mail, address: member@mail.example, provider: fastmail }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111111111111'
    name: management
    organization: management
    root: { email: mgmt-mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    ${features}
    principals: ${principals}
  - id: '222222222222'
    name: member
    organization: member
    managementAccount: '111111111111'
    payment: { paidBy: management }
    root: ${member}
`);
  const enabled = 'organizationFeatures: { rootCredentialsManagement: true, rootSessions: true }';
  const admin = "[{ name: admin, signIn: [admin-laptop], permissions: ['sts:AssumeRoot'] }]";

  it('a member without root credentials gets no root MFA or contact-phone findings', () => {
    const inventory = organization('{ email: member-mail, credentials: false }', enabled, admin);
    const ids = findingsOf(inventory)
      .filter((finding) => finding.accountId === '222222222222')
      .map((finding) => finding.checkId);
    for (const id of [
      'root-mfa-missing',
      'root-single-mfa-device',
      'root-mfa-device-unreliable',
      'contact-phone-outdated',
    ]) {
      expect(ids).not.toContain(id);
    }
    const root = capabilityOf(inventory, '222222222222', 'root-sign-in');
    expect(root.ways.map((way) => [way.id, way.status])).toEqual([['central-password-recovery', 'at-risk']]);
    expect(root.fastest.duration.typical).toBeLessThan(1);
  });

  it("AssumeRoot needs a management principal and the member's own mailbox, not the management root", () => {
    const inventory = organization('{ email: member-mail, credentials: false }', enabled, admin);
    const root = capabilityOf(inventory, '222222222222', 'root-sign-in');
    const single = root.singlePointsOfFailure.map((factor) => factor.id);
    expect(single).toEqual(expect.arrayContaining(['member-mail', 'admin-laptop']));
    // The management root's key has nothing to do with it.
    expect(single).not.toContain('key');
  });

  it('unknown when the Organization does not declare it, and never counted as safe', () => {
    const inventory = organization('{ email: member-mail, credentials: false }', '', '[]');
    const root = capabilityOf(inventory, '222222222222', 'root-sign-in');
    expect(root.status).toBe('lost');
    expect(root.ways[0]!.status).toBe('lost');
  });
});

describe('5. AWS rules as they stand, on the day they hold', () => {
  // The incident's inventory judged on another day, its domain renewed meanwhile (it expired in 2023).
  const incidentAt = async (asOf: string) => {
    const inventory = await example('incident-2022');
    inventory.factors!.domains![0]!.expires = '2027-03-14';
    return capabilityOf({ ...inventory, asOf }, '111122223333', 'root-sign-in');
  };

  it('the incident of 2022 still replays: no contact-phone repair without billing access', async () => {
    const root = await incidentAt('2022-06-09');
    expect(root.ways.find((way) => way.id === 'contact-phone-repair')!.status).toBe('lost');
    expect(root.fastest.duration.typical).toBeGreaterThan(24 * 5);
  });

  it("under today's rules the admin repairs the contact phone, and root is back in minutes", async () => {
    const root = await incidentAt('2026-12-03');
    const repair = root.ways.find((way) => way.id === 'contact-phone-repair')!;
    expect(repair.status).toBe('at-risk');
    expect(repair.duration!.duration.max).toBeLessThanOrEqual(2);
    expect(root.fastest.duration.typical).toBeLessThan(1);
  });

  it.each([
    ["['payments:MakePayment']", 'lost'],
    ["['payments:CreatePaymentInstrument', 'payments:UpdatePaymentPreferences']", 'at-risk'],
    ["['payments:*']", 'at-risk'],
    [undefined, 'at-risk'],
  ])('payments permissions are granular: %s can replace the card: %s', (permissions, status) => {
    const principal = `[{ name: finance, signIn: [phone]${permissions ? `, permissions: ${permissions}` : ''} }]`;
    const inventory = standalone({ asOf: '2026-12-01', principals: principal });
    const pay = capabilityOf(inventory, '111122223333', 'change-payment-method');
    expect(pay.ways.find((way) => way.id === 'delegated')!.status).toBe(status);
  });

  it.each([
    ['2022-06-01', "['aws-portal:ModifyPaymentMethods']", 'at-risk'],
    ['2024-06-01', "['aws-portal:ModifyPaymentMethods']", 'lost'],
    ['2022-06-01', "['payments:*']", 'lost'],
  ])('on %s, a principal allowed %s can replace the card: %s', (asOf, permissions, status) => {
    const principal = `[{ name: finance, signIn: [phone], permissions: ${permissions} }]`;
    const inventory = standalone({ asOf, principals: principal });
    const pay = capabilityOf(inventory, '111122223333', 'change-payment-method');
    expect(pay.ways.find((way) => way.id === 'delegated')!.status).toBe(status);
  });

  it.each([
    ['2023-06-01', false],
    ['2024-06-01', false], // enforced for management accounts then, for standalone ones from July 2024
    ['2025-06-01', true],
  ])('root without MFA on %s: the mailbox is needed to sign in (enforced MFA): %s', (asOf, needed) => {
    const inventory = standalone({ asOf, mfa: '[]' });
    const root = capabilityOf(inventory, '111122223333', 'root-sign-in');
    expect(root.ways.map((way) => way.id)).toEqual(['password-sign-in']);
    inventory.factors!.mailboxes![0]!.state = 'lost';
    expect(capabilityOf(inventory, '111122223333', 'root-sign-in').status === 'lost').toBe(needed);
  });

  it('two passkeys synced through one account are one factor, and survive the phone', () => {
    const inventory = standalone({
      asOf: '2026-12-01',
      mfa: '[{ type: fido, heldBy: icloud }, { type: fido, heldBy: icloud }]',
      contactPhone: 'new-number',
      syncAccounts: '[{ id: icloud, provider: icloud-keychain }]',
    });
    const recovery = analyzeRecovery(inventory, { asOf: '2026-12-01' });
    const root = recovery.capability('111122223333', 'root-sign-in');
    expect(root.ways.find((way) => way.id === 'mfa-sign-in')!.status).toBe('at-risk');
    const findings = runChecks(checks, { inventory, asOf: '2026-12-01', recovery });
    expect(findings.find((finding) => finding.checkId === 'common-cause')?.message).toMatch(
      /synced through icloud/,
    );
    // Losing the phone leaves the passkeys.
    inventory.factors!.devices!.find((device) => device.id === 'phone')!.state = 'lost';
    const after = capabilityOf(inventory, '111122223333', 'root-sign-in');
    expect(after.ways.find((way) => way.id === 'mfa-sign-in')!.status).toBe('at-risk');
  });

  it('a toll-free contact number cannot take the code: alternative factors are lost', () => {
    const inventory = standalone({
      asOf: '2026-12-01',
      numbers: "- { id: support-line, number: '+1 800-000-0000', kind: toll-free }",
      contactPhone: 'support-line',
    });
    const root = capabilityOf(inventory, '111122223333', 'root-sign-in');
    expect(root.ways.find((way) => way.id === 'alternative-factors')!.status).toBe('lost');
  });

  it('billing transferred outside the inventory: the payer and its notices are unknown, never safe', () => {
    const inventory = inventoryOf(`
version: 1
asOf: 2026-12-01
factors:
  mailboxes:
    - { id: mgmt-mail, address: mgmt@mail.example, provider: fastmail }
accounts:
  - id: '111111111111'
    name: management
    organization: management
    root: { email: mgmt-mail, mfa: [] }
    payment: { transferredTo: '999999999999' }
`);
    const notices = capabilityOf(inventory, '111111111111', 'receive-billing-notices');
    expect(notices.status).toBe('lost');
    const bill = capabilityOf(inventory, '111111111111', 'keep-bill-paid');
    expect(bill.ways.map((way) => way.id)).toEqual(['outside-payer']);
  });

  it('after closure, the plan shows the domains going within days and deletion on the earlier date', async () => {
    const { plan } = await runPlan(undefined, {
      example: 'incident',
      deadline: '2022-06-30',
      now: '2022-06-17',
      tz: 'Asia/Tokyo',
    });
    const closure = plan.timeline.find((entry) => entry.what.startsWith('closure'))!;
    expect(closure.day).toBe('2022-07-31');
    expect(plan.timeline.find((entry) => entry.what.startsWith('Route 53 domains'))!.day).toBe('2022-08-01');
    expect(plan.timeline.find((entry) => entry.what.startsWith('deletion'))!.day).toBe('2022-09-29');
  });
});
