// Identity providers in the recovery graph (issue 16): an AWS billing principal signs in through a Google
// Workspace account (IAM Identity Center federated from Workspace), whose organisation's only super admin is
// that same account; Google's last way back for locked-out admins goes through the primary domain's DNS.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { whatIfOverTime } from '../../src/providers/aws/what-if-over-time.js';
import { TimedRecovery } from '../../src/analysis/timed-recovery.js';

type Fields = Record<string, unknown>;

function load(document: Fields): Inventory {
  const result = parseInventory(stringify(document), 'inventory.yaml');
  if (!result.ok) throw new Error(result.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return result.inventory;
}

const asOf = '2026-12-04';

/**
 * Alex's Workspace account signs in with a prompt on Alex's phone; Alex is the organisation's only super admin
 * (self-recovery off); the AWS billing principal signs in through that account. Root's MFA is one security key.
 */
function startup(
  changes: {
    workspace?: Fields;
    extraOutside?: Fields[];
    domain?: Fields;
    people?: Fields[];
    devices?: Fields[];
  } = {},
): Fields {
  return {
    version: 1,
    asOf,
    factors: {
      people: [{ id: 'alex', name: 'Alex' }, ...(changes.people ?? [])],
      devices: [
        { id: 'alex-phone', kind: 'phone', holder: 'alex' },
        { id: 'root-key', kind: 'security-key', location: 'office' },
        ...(changes.devices ?? []),
      ],
      places: [{ id: 'office', kind: 'office' }],
      phoneNumbers: [{ id: 'alex-number', number: '+81 90-0000-0001', holder: 'alex' }],
      mailboxes: [
        { id: 'root-mail', address: 'aws@example.net', domain: 'example-net', account: 'alex-google' },
      ],
      domains: [
        {
          id: 'example-net',
          name: 'example.net',
          registrar: 'gandi',
          dns: 'dns-login',
          ...(changes.domain ?? {}),
        },
      ],
    },
    accounts: [
      {
        id: '111122223333',
        name: 'production',
        organization: 'standalone',
        root: {
          email: 'root-mail',
          password: { storedIn: 'alex' },
          mfa: [{ type: 'fido', heldBy: 'root-key' }],
        },
        contactPhone: 'alex-number',
        payment: { cards: [] },
        iamBillingAccess: { activated: true },
        billingPrincipals: [{ name: 'finance-admin', kind: 'identity-center-user', signIn: ['alex-google'] }],
      },
    ],
    outsideAccounts: [
      {
        id: 'alex-google',
        provider: 'google',
        login: 'alex@example.net',
        holder: 'alex',
        workspace: 'example-org',
        password: { storedIn: 'alex' },
        twoStepVerification: 'on',
        secondFactors: [{ type: 'prompt', heldBy: 'alex-phone' }],
        recovery: { phone: 'alex-number' },
      },
      {
        id: 'example-org',
        provider: 'google-workspace',
        name: 'Example',
        domain: 'example-net',
        superAdmins: ['alex-google'],
        superAdminSelfRecovery: 'off',
        ...(changes.workspace ?? {}),
      },
      // The DNS host's login: password remembered by Alex, a code from the same phone.
      {
        id: 'dns-login',
        provider: 'other',
        holder: 'alex',
        password: { storedIn: 'alex' },
        twoStepVerification: 'on',
        secondFactors: [{ type: 'authenticator', heldBy: 'alex-phone' }],
      },
      ...(changes.extraOutside ?? []),
    ],
  };
}

const ids = (sets: { id: string }[][]): string[] =>
  sets.map((set) =>
    set
      .map((factor) => factor.id)
      .sort()
      .join('+'),
  );

function analysis(document: Fields) {
  return analyzeRecovery(load(document), { asOf, setLimit: 50 });
}

const outside = (result: ReturnType<typeof analysis>, id: string) =>
  result.outsideCapabilities?.find((capability) => capability.account.id === id);

describe('an AWS principal signing in through Google Workspace', () => {
  const result = analysis(startup());

  it("losing the only super admin's phone takes the Workspace account, the organisation, and so the AWS billing principal", () => {
    expect(outside(result, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
    expect(outside(result, 'example-org')?.capability).toBe('administer');
    expect(outside(result, 'example-org')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
    const pay = result.capability('111122223333', 'change-payment-method');
    // The phone and root's one key: the principal is gone with the IdP, root with its key (and the phone
    // that also reads root's mail through the Workspace account).
    expect(ids(result.lockoutSetsUpTo(pay, 2))).toContain('alex-phone+root-key');
  });

  it('a second super admin, another person with another phone, removes that lockout set', () => {
    const safer = analysis(
      startup({
        people: [{ id: 'sam', name: 'Sam' }],
        devices: [{ id: 'sam-phone', kind: 'phone', holder: 'sam' }],
        workspace: { superAdmins: ['alex-google', 'sam-google'] },
        extraOutside: [
          {
            id: 'sam-google',
            provider: 'google',
            holder: 'sam',
            workspace: 'example-org',
            password: { storedIn: 'sam' },
            twoStepVerification: 'on',
            secondFactors: [{ type: 'security-key', heldBy: 'sam-phone' }],
          },
        ],
      }),
    );
    expect(outside(safer, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).not.toContain('alex-phone');
    const pay = safer.capability('111122223333', 'change-payment-method');
    expect(ids(safer.lockoutSetsUpTo(pay, 2))).not.toContain('alex-phone+root-key');
  });

  it('what if the phone is lost: the Workspace account and the organisation are lost, with no way back', () => {
    const recovery = buildRecoveryGraph(load(startup()), asOf);
    const lost = whatIfOverTime(recovery, ['alex-phone']);
    const gate = (name: string) => lost.capabilities.find((c) => c.gate === name);
    expect(gate('alex-google/sign-in')?.now.after).toBe('lost');
    expect(gate('example-org/administer')?.now.after).toBe('lost');
    expect(gate('example-org/administer')?.recovery?.possible).toBe(false);
  });
});

describe("Google's last way back: the primary domain's DNS", () => {
  // The DNS login no longer needs the phone: a security key kept at the office.
  const keyed = startup({
    devices: [{ id: 'dns-key', kind: 'security-key', location: 'office' }],
  });
  const outsideAccounts = keyed.outsideAccounts as Fields[];
  outsideAccounts[2] = {
    ...outsideAccounts[2],
    secondFactors: [{ type: 'security-key', heldBy: 'dns-key' }],
  };

  it('with the DNS host reachable without the phone, the organisation survives the phone through domain verification', () => {
    const result = analysis(keyed);
    expect(outside(result, 'example-org')?.singlePointsOfFailure.map((f) => f.id)).not.toContain(
      'alex-phone',
    );
    // ... and it then waits on the DNS host's own sign-in: the office holds its key.
    expect(ids(outside(result, 'example-org')?.lockoutSets ?? [])).toContain('alex-phone+office');
    const recovery = buildRecoveryGraph(load(keyed), asOf);
    const phone = recovery.graph.findEvent('alex-phone')!.index;
    const times = new TimedRecovery(
      recovery.graph,
      (index) => recovery.graph.events[index]!.lost || index === phone,
    );
    const estimate = times.estimate('example-org/administer');
    expect(estimate.possible).toBe(true);
    expect(estimate.steps.map((step) => step.name)).toContain('example-org/administer/domain-verification');
    // Google: a few minutes for the automated check, up to 24 hours for the record to propagate.
    expect(estimate.duration.min).toBeGreaterThanOrEqual(0.1);
    expect(estimate.duration.typical).toBeGreaterThanOrEqual(24);
  });

  it('a DNS host that is only a name (no sign-in declared) is an unknown: the way never counts as working', () => {
    const result = analysis({
      ...keyed,
      factors: {
        ...(keyed.factors as Fields),
        domains: [{ id: 'example-net', name: 'example.net', registrar: 'gandi', dns: 'cloudflare' }],
      },
    });
    expect(outside(result, 'example-org')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
  });
});

describe('unknown is unknown', () => {
  it('super admins not declared: the organisation is administered by no known way', () => {
    const result = analysis(startup({ workspace: { superAdmins: undefined } }));
    const org = outside(result, 'example-org');
    expect(org?.status).not.toBe('safe');
  });

  it("self-recovery not declared: the super admin's recovery phone waits on an unknown, never counted as on", () => {
    const on = analysis(startup({ workspace: { superAdminSelfRecovery: 'on' } }));
    const unknown = analysis(startup({ workspace: { superAdminSelfRecovery: undefined } }));
    // With self-recovery on, the recovery phone (another factor than the phone) is a way back.
    expect(outside(on, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).not.toContain('alex-phone');
    expect(outside(unknown, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
  });
});

/** A tenant whose Global Administrator is Alex's work account: an authenticator on the phone, SSPR methods. */
function entra(tenant: Fields = {}, extraOutside: Fields[] = [], devices: Fields[] = []): Fields {
  return {
    version: 1,
    asOf,
    factors: {
      people: [{ id: 'alex', name: 'Alex' }],
      devices: [{ id: 'alex-phone', kind: 'phone', holder: 'alex' }, ...devices],
      places: [{ id: 'safe', kind: 'safe' }],
      phoneNumbers: [{ id: 'alex-number', number: '+81 90-0000-0001', holder: 'alex' }],
      mailboxes: [
        { id: 'root-mail', address: 'aws@example.org', provider: 'fastmail' },
        { id: 'personal-mail', address: 'alex@example.org', provider: 'fastmail' },
      ],
      domains: [{ id: 'example-com', name: 'example.com', registrar: 'gandi', dns: 'gandi' }],
    },
    accounts: [
      {
        id: '111122223333',
        name: 'production',
        organization: 'standalone',
        root: { email: 'root-mail' },
        principals: [{ name: 'admin', permissions: ['*'], signIn: ['alex-entra'] }],
      },
    ],
    outsideAccounts: [
      {
        id: 'alex-entra',
        provider: 'microsoft',
        holder: 'alex',
        tenant: 'example-tenant',
        password: { storedIn: 'alex' },
        twoStepVerification: 'on',
        secondFactors: [{ type: 'authenticator', heldBy: 'alex-phone' }],
        recovery: { phone: 'alex-number', email: 'personal-mail' },
      },
      {
        id: 'example-tenant',
        provider: 'microsoft-entra',
        domain: 'example-com',
        globalAdmins: ['alex-entra'],
        emergencyAccessAccounts: [],
        ...tenant,
      },
      ...extraOutside,
    ],
  };
}

describe('Microsoft Entra ID: Global Administrators, emergency access and SSPR', () => {
  it("an administrator's self-service password reset takes two methods: the phone alone is not enough to lose it", () => {
    const result = analysis(entra());
    const account = outside(result, 'alex-entra');
    expect(account?.singlePointsOfFailure.map((f) => f.id)).not.toContain('alex-phone');
    // The phone and the number: the authenticator is gone and SSPR has one method left of the two it needs.
    expect(ids(account?.lockoutSets ?? [])).toContain('alex-number+alex-phone');
    expect(ids(outside(result, 'example-tenant')?.lockoutSets ?? [])).toContain('alex-number+alex-phone');
  });

  it('two emergency access accounts on security keys in the safe remove that lockout set for the tenant', () => {
    const breakGlass = (id: string, key: string): Fields => ({
      id,
      provider: 'microsoft',
      tenant: 'example-tenant',
      twoStepVerification: 'on',
      secondFactors: [{ type: 'passkey', heldBy: key }],
    });
    const result = analysis(
      entra(
        { emergencyAccessAccounts: ['break-glass-1', 'break-glass-2'] },
        [breakGlass('break-glass-1', 'key-1'), breakGlass('break-glass-2', 'key-2')],
        [
          { id: 'key-1', kind: 'security-key', location: 'safe' },
          { id: 'key-2', kind: 'security-key', location: 'safe' },
        ],
      ),
    );
    const tenant = outside(result, 'example-tenant');
    expect(ids(tenant?.lockoutSets ?? [])).not.toContain('alex-number+alex-phone');
    // Through the tenant, another Global Administrator (an emergency account) resets Alex: the phone and the
    // number no longer lock Alex's work account out either.
    expect(ids(outside(result, 'alex-entra')?.lockoutSets ?? [])).not.toContain('alex-number+alex-phone');
  });

  it('no Global Administrator attested: Microsoft support is an unknown, so the tenant is lost now, not safe', () => {
    const result = analysis(entra({ globalAdmins: [] }));
    expect(outside(result, 'example-tenant')?.status).toBe('lost');
  });

  it('Global Administrators not declared: unknown, never safe', () => {
    const result = analysis(entra({ globalAdmins: undefined }));
    expect(outside(result, 'example-tenant')?.status).toBe('lost');
  });
});

describe('cycles through the organisation', () => {
  /** Self-recovery on, and the super admin's recovery e-mail is `email` (no recovery phone). */
  const selfRecovering = (email: string, mailboxes: Fields[] = []): Fields => {
    const document = startup({ workspace: { superAdminSelfRecovery: 'on' } });
    const factors = document.factors as Fields;
    factors.mailboxes = [...(factors.mailboxes as Fields[]), ...mailboxes];
    const accounts = document.outsideAccounts as Fields[];
    accounts[0] = { ...accounts[0], recovery: { email } };
    return document;
  };

  it('a super admin whose recovery e-mail is in the same organisation (its own mailbox) has no way back through it', () => {
    const result = analysis(selfRecovering('root-mail'));
    expect(outside(result, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
    expect(outside(result, 'example-org')?.singlePointsOfFailure.map((f) => f.id)).toContain('alex-phone');
  });

  it('the same admin with a recovery e-mail outside the organisation survives the phone', () => {
    const result = analysis(
      selfRecovering('outside-mail', [
        { id: 'outside-mail', address: 'alex@fastmail.com', provider: 'fastmail' },
      ]),
    );
    expect(outside(result, 'alex-google')?.singlePointsOfFailure.map((f) => f.id)).not.toContain(
      'alex-phone',
    );
  });
});
