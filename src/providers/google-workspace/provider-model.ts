/**
 * The Google Workspace model as data: who administers an organisation (its super admins), how a super admin
 * gets back in (another super admin, self-recovery where the organisation turned it on, or proving control of
 * the primary domain's DNS), and that its admins reset its users. Each rule and timing carries its sources with
 * the day they were checked; docs/rules.md lists them (`npm run rules-doc`). recovery-graph.ts turns them into
 * ways, and src/providers/google/recovery-graph.ts gives Workspace users the admin-reset way.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

/** The day the pages below were read (stored copies, through the project's search of public pages). */
export const workspaceChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: workspaceChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: workspaceChecked,
  note,
});

/** Google Workspace Admin Help pages, named once. */
export const workspacePages = {
  adminBestPractices: 'https://support.google.com/a/answer/9011373',
  superAdminRecovery: 'https://support.google.com/a/answer/9436964',
  recoverAdminAccess: 'https://support.google.com/a/answer/33561',
  supportAssistedRecovery:
    'https://knowledge.workspace.google.com/kb/recover-administrator-access-using-support-assisted-recovery-000006932',
  cloudBestPractices: 'https://docs.cloud.google.com/docs/security/gcmvsp/authentication-authorization',
} as const;

export const workspaceRules = {
  superAdmins: {
    id: 'google-workspace-super-admins',
    title: 'Google Workspace: more than one super admin, each a separate person',
    summary:
      'The organisation is administered by its super admins: any one of them signed in can reset its users and the other admins. Google recommends more than one super admin account, each managed by a separate person, so that another can act while one account is recovered.',
    docs: workspacePages.adminBestPractices,
    sources: [
      documented(
        workspacePages.adminBestPractices,
        'your organization should have more than one super administrator account, each managed by a separate individual; if one account is lost or compromised, another super admin can perform critical tasks',
      ),
      documented(
        workspacePages.cloudBestPractices,
        "don't have a single super admin: a single super admin or Organization Administrator can result in lockout scenarios",
      ),
    ],
  },
  adminReset: {
    id: 'google-workspace-admin-reset',
    title: "Google Workspace: an admin resets a user's password and 2-Step Verification",
    summary:
      "A user of a Workspace organisation (super admins included) gets back in when another super admin resets the account; with super-admin self-recovery off that is, with Google Support, a super admin's only way back.",
    docs: workspacePages.superAdminRecovery,
    sources: [
      documented(
        workspacePages.superAdminRecovery,
        'turn off account self-recovery: super admins who forgot their passwords must contact another super admin or Google Support to reset their password',
      ),
      documented(
        workspacePages.recoverAdminAccess,
        "the page's scope: an administrator who forgot the password, or a user whose administrator is unreachable",
      ),
    ],
  },
  superAdminSelfRecovery: {
    id: 'google-workspace-super-admin-self-recovery',
    title: 'Google Workspace: super-admin self-recovery only where it is on',
    summary:
      "Where the organisation turned super-admin account recovery on, a super admin recovers through the account's recovery phone or e-mail (a verification code); where it is off, the account's own recovery is closed to its super admins. Off by default for most current and all new customers; on by default for existing customers with fewer than 3 super admins or 500 users. Not declared: unknown, never counted as on.",
    docs: workspacePages.superAdminRecovery,
    sources: [
      documented(
        workspacePages.superAdminRecovery,
        'super admins who added recovery options to their accounts can click Forgot password?; they get a verification code via text, phone, or email',
      ),
      documented(
        workspacePages.superAdminRecovery,
        'for most current and all new customers, super admin account recovery is off by default; existing customers with fewer than 3 super admins or 500 users: on by default',
      ),
    ],
  },
  domainVerification: {
    id: 'google-workspace-domain-verification',
    title: "Google Workspace: locked-out admins prove control of the primary domain's DNS",
    summary:
      "When no admin can get in by other means, Google's recovery asks for a CNAME (or TXT) record in the primary domain's DNS, added at the domain's DNS host: it needs control of that DNS. Google says to wait a few minutes for the automated check; with support-assisted recovery the record can take up to 24 hours to propagate and support then contacts you (no total duration documented; a reseller reports 3-5 business days).",
    docs: workspacePages.recoverAdminAccess,
    sources: [
      documented(
        workspacePages.recoverAdminAccess,
        "recover your password by adding a CNAME record to your domain's DNS settings; if your hosting provider is separate from your registrar, modify the CNAME record with your hosting provider",
      ),
      documented(
        workspacePages.supportAssistedRecovery,
        'add a CNAME record or TXT record to your DNS record at your domain host; the DNS record can take up to 24 hours to propagate',
      ),
    ],
  },
  twoStepEnforced: {
    id: 'google-workspace-two-step-enforced',
    title: 'Google Workspace: 2-Step Verification enforcement is attested, not applied',
    summary:
      "Whether the organisation enforces 2-Step Verification is recorded as declared (or scanned): a user whose own setting is not declared already counts as asking for a second step, so enforcement changes no way; it tells a reader why a user's second steps matter.",
    docs: workspacePages.adminBestPractices,
    sources: [
      documented(
        workspacePages.adminBestPractices,
        'security keys, Google prompt, Google Authenticator and backup codes are 2SV methods; security keys are the most secure form of 2SV',
      ),
    ],
  },
  unknownFacts: {
    id: 'google-workspace-unknown',
    title: 'Google Workspace: what is not declared is unknown',
    summary:
      'Super admins not declared, self-recovery not declared, a primary domain not declared, or a DNS host at which no sign-in is declared: each is an unknown, counted as lost (never as safe) and named in reports.',
    docs: workspacePages.adminBestPractices,
    sources: [observed("Lockout's rule for every provider: unknown is never safe")],
  },
} as const satisfies Record<string, Rule>;

export const workspaceTimings = {
  /** A super admin who can sign in administers at once. */
  adminSignIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a second step take minutes')],
  },
  /** Reaching an admin who resets the account; Google gives no figure. */
  adminReset: {
    duration: hours(0.05, 0.5, 24),
    source: 'an admin resets the password and 2-Step Verification',
    sources: [
      documented(workspacePages.superAdminRecovery, 'another super admin resets the password'),
      observed('estimate: a reset takes minutes once an admin is reached; reaching one can take a day'),
    ],
  },
  selfRecovery: {
    duration: hours(0.05, 0.25, 1),
    source: 'a verification code to the recovery phone or e-mail, then a new password',
    sources: [
      documented(workspacePages.superAdminRecovery, 'they get a verification code via text, phone, or email'),
      observed('estimate: one code and a new password take minutes; Google gives no figure'),
    ],
  },
  /** A few minutes at best; a day of propagation; 3-5 business days observed when support must review. */
  domainVerification: {
    duration: hours(0.1, 24, 168),
    source: 'Google: a few minutes for the automated check, up to 24 hours for the record to propagate',
    sources: [
      documented(
        workspacePages.recoverAdminAccess,
        'after adding the CNAME record, wait a few minutes before clicking Next',
      ),
      documented(
        workspacePages.supportAssistedRecovery,
        'the DNS record can take up to 24 hours to propagate',
      ),
      observed(
        'https://amplifiedlabs.zendesk.com/hc/en-us/articles/45444715768211-Regaining-Super-Admin-Access-to-Google-Workspace',
        'a reseller: waiting for Google to validate and respond, typically within 3-5 business days',
      ),
    ],
  },
} as const satisfies Record<string, Timing>;
