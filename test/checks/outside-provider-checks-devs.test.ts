// Issue 16: the checks on GitHub, registrar and password-manager accounts, and the two that need both AWS
// and an outside provider. Each fires on the fact it names, says an unknown as unknown (low, with what to
// declare), and stays quiet when the fact is safe.
import { describe, expect, it } from 'vitest';
import { bitwardenNoEmergencyAccess } from '../../src/checks/bitwarden-no-emergency-access.js';
import type { Check } from '../../src/checks/check.js';
import { domainAutoRenewOff } from '../../src/checks/domain-auto-renew-off.js';
import { githubOrganization2faNotRequired } from '../../src/checks/github-organization-2fa-not-required.js';
import { githubOrganizationSingleOwner } from '../../src/checks/github-organization-single-owner.js';
import { githubRecoveryCodesUnknown } from '../../src/checks/github-recovery-codes-unknown.js';
import { passwordManagerSingleRecoverer } from '../../src/checks/password-manager-single-recoverer.js';
import { registrar2faOff } from '../../src/checks/registrar-2fa-off.js';
import { rootMailboxDomainRenewsOnExpiringCard } from '../../src/checks/root-mailbox-domain-renews-on-expiring-card.js';
import { rootMailboxNeedsRootMfaPhone } from '../../src/checks/root-mailbox-needs-root-mfa-phone.js';
import { runCheck } from './check-tester.js';

function doc(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** One AWS account whose root mail is on example.net, at the registrar account `cf`; `outside` lines appended. */
function inventory(options: { domain?: string; mfa?: string; cards?: string; outside: string[] }): string {
  return doc(
    'version: 1',
    'asOf: 2026-12-04',
    'factors:',
    '  people:',
    '    - { id: alex, name: Alex }',
    '    - { id: sam, name: Sam }',
    '    - { id: kim, name: Kim }',
    '  devices:',
    '    - { id: phone, kind: phone, holder: alex }',
    '    - { id: key, kind: security-key, holder: alex }',
    '  phoneNumbers:',
    "    - { id: number, number: '+81 90-0000-0001', holder: alex, dependsOn: [phone] }",
    '  mailboxes:',
    '    - { id: root-mail, address: aws@example.net, domain: example-net, provider: fastmail }',
    '  domains:',
    options.domain ??
      '    - { id: example-net, name: example.net, registrar: cf, dns: cf, expires: 2027-06-01 }',
    '  cards:',
    options.cards ?? "    - { id: visa, lastFour: '4242', expires: 2027-01, status: ok }",
    'accounts:',
    "  - id: '111122223333'",
    '    name: personal',
    '    organization: standalone',
    '    root:',
    '      email: root-mail',
    options.mfa ?? '      mfa: [{ type: virtual, heldBy: phone }]',
    'outsideAccounts:',
    ...options.outside,
  );
}

const cf = (extra = 'twoStepVerification: on, secondFactors: [{ type: authenticator, heldBy: key }]') =>
  `  - { id: cf, provider: registrar, registrar: cloudflare, ${extra} }`;

/** A matcher for a message containing `text`, typed as what it stands for. */
const has = (text: string): string => expect.stringContaining(text) as string;

function found(check: Check, text: string): { severity: string | undefined; message: string }[] {
  return runCheck(check, text).map((draft) => ({ severity: draft.severity, message: draft.message }));
}

describe('GitHub checks', () => {
  it('github-recovery-codes-unknown: 2FA on without codes fires; codes declared do not; unknown is low', () => {
    const gh = (steps: string) =>
      inventory({
        outside: [cf(), `  - { id: gh, provider: github, login: alex, twoStepVerification: on, ${steps} }`],
      });
    expect(
      found(githubRecoveryCodesUnknown, gh('secondFactors: [{ type: authenticator, heldBy: phone }]')),
    ).toEqual([{ severity: 'medium', message: has('no recovery codes declared') }]);
    expect(
      found(githubRecoveryCodesUnknown, gh('secondFactors: [{ type: backup-codes, heldBy: key }]')),
    ).toEqual([]);
    expect(found(githubRecoveryCodesUnknown, gh('notes: none'))).toEqual([
      { severity: 'low', message: has('Unknown whether alex has recovery codes') },
    ]);
  });

  it('github-organization-single-owner and -2fa-not-required: one owner, 2FA off; two owners, 2FA on', () => {
    const accounts = [cf(), '  - { id: gh-a, provider: github }', '  - { id: gh-b, provider: github }'];
    const one = inventory({
      outside: [
        ...accounts,
        '  - { id: org, provider: github-organization, login: acme, owners: [gh-a], twoFactorRequired: off }',
      ],
    });
    expect(found(githubOrganizationSingleOwner, one)).toEqual([
      { severity: undefined, message: has('acme has one owner, gh-a') },
    ]);
    expect(found(githubOrganization2faNotRequired, one)).toEqual([
      { severity: 'medium', message: has('does not require') },
    ]);
    const two = inventory({
      outside: [
        ...accounts,
        '  - { id: org, provider: github-organization, owners: [gh-a, gh-b], twoFactorRequired: on }',
      ],
    });
    expect(found(githubOrganizationSingleOwner, two)).toEqual([]);
    expect(found(githubOrganization2faNotRequired, two)).toEqual([]);
    const unknown = inventory({ outside: [...accounts, '  - { id: org, provider: github-organization }'] });
    expect(found(githubOrganizationSingleOwner, unknown).map((f) => f.severity)).toEqual(['low']);
    expect(found(githubOrganization2faNotRequired, unknown).map((f) => f.severity)).toEqual(['low']);
  });
});

describe('registrar checks', () => {
  it('registrar-2fa-off: off fires high, unknown low, on is quiet', () => {
    expect(
      found(registrar2faOff, inventory({ outside: [cf('twoStepVerification: off')] })).map((f) => f.severity),
    ).toEqual(['high']);
    expect(found(registrar2faOff, inventory({ outside: [cf('login: me')] })).map((f) => f.severity)).toEqual([
      'low',
    ]);
    expect(found(registrar2faOff, inventory({ outside: [cf()] }))).toEqual([]);
  });

  it("domain-auto-renew-off: off names Cloudflare's 30 days; unknown says so; on is quiet", () => {
    const withRenew = (renew: string) =>
      inventory({
        domain: `    - { id: example-net, name: example.net, registrar: cf, dns: cf, expires: 2027-06-01${renew} }`,
        outside: [cf()],
      });
    expect(found(domainAutoRenewOff, withRenew(', autoRenew: false'))).toEqual([
      {
        severity: 'high',
        message: has('Cloudflare Registrar releases it about 30 days after expiry'),
      },
    ]);
    expect(found(domainAutoRenewOff, withRenew(''))).toEqual([
      { severity: 'low', message: has('Unknown whether example.net renews') },
    ]);
    expect(found(domainAutoRenewOff, withRenew(', autoRenew: true'))).toEqual([]);
  });
});

describe('password-manager checks', () => {
  it('password-manager-single-recoverer: one other recoverer fires, the holder does not count, two are quiet', () => {
    const op = (recoverers: string) =>
      inventory({ outside: [cf(), `  - { id: op, provider: 1password, holder: alex, ${recoverers} }`] });
    expect(found(passwordManagerSingleRecoverer, op('recoverers: [alex, sam]'))).toEqual([
      { severity: undefined, message: has('Only sam can recover') },
    ]);
    expect(found(passwordManagerSingleRecoverer, op('recoverers: [alex, sam, kim]'))).toEqual([]);
    expect(found(passwordManagerSingleRecoverer, op('notes: x')).map((f) => f.severity)).toEqual(['low']);
  });

  it('bitwarden-no-emergency-access: none attested fires, unknown is low, one contact is quiet', () => {
    const bw = (access: string) =>
      inventory({ outside: [cf(), `  - { id: bw, provider: bitwarden, ${access} }`] });
    expect(found(bitwardenNoEmergencyAccess, bw('emergencyAccess: []')).map((f) => f.severity)).toEqual([
      'medium',
    ]);
    expect(found(bitwardenNoEmergencyAccess, bw('notes: x')).map((f) => f.severity)).toEqual(['low']);
    expect(
      found(bitwardenNoEmergencyAccess, bw('emergencyAccess: [{ grantee: sam, waitDays: 3, access: view }]')),
    ).toEqual([]);
  });
});

describe('checks across AWS and an outside provider', () => {
  it('root-mailbox-domain-renews-on-expiring-card: a card expiring before the renewal fires; a later card does not; none declared is unknown', () => {
    const renewing = (card: string) =>
      inventory({
        domain:
          '    - { id: example-net, name: example.net, registrar: cf, dns: cf, expires: 2027-06-01, renewsWith: visa }',
        cards: card,
        outside: [cf()],
      });
    expect(
      found(
        rootMailboxDomainRenewsOnExpiringCard,
        renewing("    - { id: visa, lastFour: '4242', expires: 2027-01, status: ok }"),
      ),
    ).toEqual([{ severity: undefined, message: has('the card ending 4242 (expires 2027-01)') }]);
    expect(
      found(
        rootMailboxDomainRenewsOnExpiringCard,
        renewing("    - { id: visa, lastFour: '4242', expires: 2029-01, status: ok }"),
      ),
    ).toEqual([]);
    expect(found(rootMailboxDomainRenewsOnExpiringCard, inventory({ outside: [cf()] }))).toEqual([
      { severity: 'low', message: has('Unknown which card renews example.net') },
    ]);
  });

  it("root-mailbox-needs-root-mfa-phone: the registrar's only step is an SMS to the number in root's MFA phone", () => {
    const sms = cf('twoStepVerification: on, secondFactors: [{ type: sms, heldBy: number }]');
    expect(found(rootMailboxNeedsRootMfaPhone, inventory({ outside: [sms] }))).toEqual([
      { severity: undefined, message: has("which is also root's MFA") },
    ]);
    // A second step elsewhere (the key), or root's MFA on the key: no single phone takes both.
    const twoSteps = cf(
      'twoStepVerification: on, secondFactors: [{ type: sms, heldBy: number }, { type: security-key, heldBy: key }]',
    );
    expect(found(rootMailboxNeedsRootMfaPhone, inventory({ outside: [twoSteps] }))).toEqual([]);
    expect(
      found(
        rootMailboxNeedsRootMfaPhone,
        inventory({ outside: [sms], mfa: '      mfa: [{ type: fido, heldBy: key }]' }),
      ),
    ).toEqual([]);
    // Two roots on one mailbox: each is judged by its own MFA, the key's root first, then the phone's.
    const twoRoots = [
      '      mfa: [{ type: fido, heldBy: key }]',
      "  - id: '222233334444'",
      '    name: second',
      '    organization: standalone',
      '    root:',
      '      email: root-mail',
      '      mfa: [{ type: virtual, heldBy: phone }]',
    ].join('\n');
    expect(
      runCheck(rootMailboxNeedsRootMfaPhone, inventory({ outside: [sms], mfa: twoRoots })).map(
        (draft) => draft.account?.id,
      ),
    ).toEqual(['222233334444']);
  });
});
