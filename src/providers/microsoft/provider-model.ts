/**
 * The Microsoft Entra ID model as data: a work or school account's sign-in, who administers a tenant (its
 * Global Administrators, and the emergency access accounts Microsoft recommends), how an administrator gets
 * back in (another Global Administrator resets it; self-service password reset with two methods, on by default
 * for administrators), and what is left when none can (Microsoft support: no documented procedure or duration,
 * so unknown). Each rule and timing carries its sources with the day they were checked; docs/rules.md lists them.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

/** The day the pages below were read (stored copies, through the project's search of public pages). */
export const microsoftChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: microsoftChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: microsoftChecked,
  note,
});

/** Microsoft Learn pages, named once. */
export const microsoftPages = {
  roleBestPractices:
    'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices',
  aboutAdminRoles: 'https://learn.microsoft.com/en-us/microsoft-365/admin/add-users/about-admin-roles',
  emergencyAccess:
    'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access',
  ssprPolicy: 'https://learn.microsoft.com/en-us/entra/identity/authentication/concept-sspr-policy',
  passwordless:
    'https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-passwordless',
  tenantRecoveryAnswer: 'https://learn.microsoft.com/en-us/answers/a/12812857',
} as const;

export const microsoftRules = {
  signIn: {
    id: 'microsoft-sign-in',
    title: 'Microsoft Entra: password and a second method, or a passkey alone',
    summary:
      'A work or school account signs in with its password and one registered method (Authenticator, an SMS or voice code, an OATH code), or with a passkey (FIDO2), which is passwordless and phishing-resistant. Methods not declared are unknown.',
    docs: microsoftPages.passwordless,
    sources: [
      documented(
        microsoftPages.passwordless,
        'passwordless options that integrate with Microsoft Entra ID: Windows Hello for Business, Microsoft Authenticator, passkeys (FIDO2), certificate-based authentication; the password is replaced with something you have',
      ),
    ],
  },
  globalAdmins: {
    id: 'microsoft-entra-global-admins',
    title: 'Microsoft Entra: at least two Global Administrators, fewer than five',
    summary:
      "The tenant is administered by its Global Administrators; only another Global Administrator can reset one's password, so Microsoft recommends at least two, and fewer than five.",
    docs: microsoftPages.roleBestPractices,
    sources: [
      documented(
        microsoftPages.roleBestPractices,
        'Microsoft recommends that you assign the Global Administrator role to fewer than five people in your organization (section 5, limit the number of Global Administrators to less than 5)',
      ),
      documented(
        microsoftPages.aboutAdminRoles,
        "because only another global admin can reset a global admin's password, we recommend that you have at least 2 global admins in case of account lockout (older Microsoft 365 admin page)",
      ),
    ],
  },
  emergencyAccess: {
    id: 'microsoft-entra-emergency-access',
    title: 'Microsoft Entra: two or more emergency access accounts',
    summary:
      'Microsoft recommends two or more cloud-only emergency access ("break glass") accounts permanently assigned Global Administrator, with passwordless authentication not shared with the other admins, for when normal admin accounts cannot be used (federation down, all devices unavailable, the last admin gone).',
    docs: microsoftPages.emergencyAccess,
    sources: [
      documented(
        microsoftPages.emergencyAccess,
        'you can mitigate the impact of accidental lack of administrative access by creating two or more emergency access accounts; cloud-only accounts that use the *.onmicrosoft.com domain',
      ),
    ],
  },
  adminReset: {
    id: 'microsoft-entra-admin-reset',
    title: 'Microsoft Entra: another Global Administrator resets the account',
    summary:
      'A user of the tenant (a Global Administrator included) gets back in when a Global Administrator resets its password and methods; one Global Administrator cannot do it for itself.',
    docs: microsoftPages.aboutAdminRoles,
    sources: [
      documented(
        microsoftPages.aboutAdminRoles,
        "only another global admin can reset a global admin's password",
      ),
    ],
  },
  adminSspr: {
    id: 'microsoft-entra-admin-sspr',
    title: 'Microsoft Entra: administrators reset their password with two methods',
    summary:
      "Self-service password reset is on by default for administrator accounts with a two-gate policy: two pieces of authentication data (an e-mail address, an authenticator app, a phone number); security questions are not allowed. Modelled for the declared Global Administrators and emergency access accounts; for other users SSPR is the tenant's setting, not modelled.",
    docs: microsoftPages.ssprPolicy,
    sources: [
      documented(
        microsoftPages.ssprPolicy,
        'by default, administrator accounts are enabled for self-service password reset, and a strong default two-gate password reset policy is enforced',
      ),
      documented(
        microsoftPages.ssprPolicy,
        'the two-gate policy requires two pieces of authentication data, such as an email address, authenticator app, or a phone number, and it prohibits security questions',
      ),
    ],
  },
  tenantRecovery: {
    id: 'microsoft-entra-tenant-recovery',
    title: 'Microsoft Entra: no documented way back when every Global Administrator is locked out',
    summary:
      'When no Global Administrator or emergency access account can sign in, only Microsoft support can restore access, after identity and ownership verification (domain ownership alone is not enough). Microsoft documents no procedure or duration: Lockout counts this way as unknown, never as one that works.',
    docs: microsoftPages.tenantRecoveryAnswer,
    sources: [
      observed(
        microsoftPages.tenantRecoveryAnswer,
        'Microsoft Q&A answer: Microsoft can restore administrative access only after completing identity and ownership verification; DNS ownership alone is not sufficient',
      ),
    ],
  },
  unknownFacts: {
    id: 'microsoft-unknown',
    title: 'Microsoft Entra: what is not declared is unknown',
    summary:
      'Global Administrators or emergency access accounts not declared, methods not declared, a primary domain not declared: each is an unknown, counted as lost (never as safe) and named in reports.',
    docs: microsoftPages.roleBestPractices,
    sources: [observed("Lockout's rule for every provider: unknown is never safe")],
  },
} as const satisfies Record<string, Rule>;

export const microsoftTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a second method take minutes')],
  },
  adminReset: {
    duration: hours(0.05, 0.5, 24),
    source: 'a Global Administrator resets the password and methods',
    sources: [
      documented(microsoftPages.aboutAdminRoles, "another global admin resets a global admin's password"),
      observed('estimate: a reset takes minutes once an admin is reached; reaching one can take a day'),
    ],
  },
  sspr: {
    duration: hours(0.05, 0.25, 1),
    source: 'self-service password reset with two methods',
    sources: [
      documented(microsoftPages.ssprPolicy, 'the two-gate policy requires two pieces of authentication data'),
      observed('estimate: two codes and a new password take minutes; Microsoft gives no figure'),
    ],
  },
} as const satisfies Record<string, Timing>;
