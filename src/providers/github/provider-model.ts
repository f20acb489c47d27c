/**
 * The GitHub model as data: signing in with the password and a two-factor method, recovery codes, the
 * account-recovery request and its duration, and an organisation administered by any of its owners. Each rule
 * and timing carries its sources with the day they were checked; docs/rules.md lists them (`npm run rules-doc`).
 * docs.github.com pages are built from the public repository github/docs: where only the repository's text
 * was read, the page address is the one that repository's path maps to, and the note says so.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

export const githubChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: githubChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: githubChecked,
  note,
});

const docsBase = 'https://docs.github.com/en';
export const githubPages = {
  recoverTwoFactor: `${docsBase}/authentication/securing-your-account-with-two-factor-authentication-2fa/recovering-your-account-if-you-lose-your-2fa-credentials`,
  recoveryMethods: `${docsBase}/authentication/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication-recovery-methods`,
  configureTwoFactor: `${docsBase}/authentication/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication`,
  recoveryPolicy: `${docsBase}/site-policy/other-site-policies/github-account-recovery-policy`,
  ownershipContinuity: `${docsBase}/organizations/managing-peoples-access-to-your-organization-with-roles/maintaining-ownership-continuity-for-your-organization`,
  requireTwoFactor: `${docsBase}/organizations/keeping-your-organization-secure/managing-two-factor-authentication-for-your-organization/requiring-two-factor-authentication-in-your-organization`,
  /** The change of the request's duration from "1-3 business days" to "up to three business days". */
  durationChange: 'https://github.com/github/docs/pull/15305',
} as const;

export const githubRules = {
  twoFactorSignIn: {
    id: 'github-two-factor-sign-in',
    title: 'GitHub: password and one two-factor method',
    summary:
      'With two-factor authentication on, signing in takes the password and one method: an authenticator (TOTP) app, SMS, a security key, GitHub Mobile, or a recovery code; a passkey alone satisfies both the password and 2FA. Security keys and GitHub Mobile are secondary to a TOTP app or SMS.',
    docs: githubPages.configureTwoFactor,
    sources: [
      documented(
        githubPages.configureTwoFactor,
        'authentication with a security key is secondary to authentication with a TOTP application or a text message (github/docs text; page address mapped from its path)',
      ),
      documented(
        githubPages.recoverTwoFactor,
        'passkeys satisfy both password and 2FA requirements (github/docs reusable alternative-authentication)',
      ),
    ],
  },
  recoveryCodes: {
    id: 'github-recovery-codes',
    title: 'GitHub: recovery codes with the password',
    summary:
      'Recovery codes (16 single-use codes, downloaded when 2FA is set up) sign in with the password when no two-factor method is at hand; regenerating them invalidates the old ones. In the inventory they are a second factor of type backup-codes.',
    docs: githubPages.recoveryMethods,
    sources: [
      documented(
        githubPages.recoveryMethods,
        'recovery codes: single-use, downloaded at setup; regenerating invalidates the old set (github/docs text; page address mapped from its path)',
      ),
    ],
  },
  noSupportRestore: {
    id: 'github-support-cannot-restore',
    title: 'GitHub: Support will not restore access without 2FA credentials or recovery methods',
    summary:
      'GitHub Support will not restore access to an account with 2FA on when its 2FA credentials and recovery methods are lost, and supports no other means of recovery (no social or ID verification): without a way below, the account is lost.',
    docs: githubPages.recoveryPolicy,
    sources: [
      documented(
        githubPages.recoveryPolicy,
        'GitHub Support will not restore access to accounts with two-factor authentication enabled if you lose your two-factor authentication credentials or lose access to your account recovery methods (quoted in github/docs issue 37993)',
      ),
    ],
  },
  recoveryRequest: {
    id: 'github-account-recovery-request',
    title: 'GitHub: the 2FA account-recovery request',
    summary:
      'Without 2FA credentials: a one-time password to a verified e-mail address, with the account password, and one of a previously verified device (cookies), an SSH key or a personal access token; GitHub Support reviews the request and replies within three business days (earlier texts: 1-3, then 3-5 business days).',
    docs: githubPages.recoverTwoFactor,
    sources: [
      documented(
        githubPages.recoverTwoFactor,
        'a member of GitHub Support will review your request and email you within three business days',
      ),
      documented(
        githubPages.durationChange,
        'github/docs PR 15305 (2022-02-09): "can take 1-3 business days" became "can take up to three business days"',
      ),
      observed(
        'https://github.com/orgs/community/discussions/159676',
        'a user reports about one to two weeks; another got only the policy answer',
      ),
    ],
  },
  organizationOwners: {
    id: 'github-organization-owners',
    title: 'GitHub: an organisation is administered by any owner; at least two recommended',
    summary:
      'Organisation owners have full administrative access; with a single owner who cannot be reached the organisation can become inaccessible, so GitHub recommends that at least two people have the owner role.',
    docs: githubPages.ownershipContinuity,
    sources: [
      documented(
        'https://github.com/github/docs/pull/37393',
        'we recommend that at least two people within each organization have the owner role (github/docs, linking maintaining-ownership-continuity-for-your-organization)',
      ),
      documented(
        'https://docs.github.com/ja/articles/changing-a-persons-role-to-owner',
        'the same recommendation on the rendered page (Japanese edition)',
      ),
    ],
  },
  organizationTwoFactor: {
    id: 'github-organization-2fa-required',
    title: 'GitHub: an organisation can require 2FA of its members',
    summary:
      "An organisation can require two-factor authentication of every member and outside collaborator; those without it are removed. Without the requirement an owner's account may have no second step.",
    docs: githubPages.requireTwoFactor,
    sources: [
      documented(
        githubPages.requireTwoFactor,
        'requiring 2FA removes members without it (github/docs text; page address mapped from its path)',
      ),
    ],
  },
} as const satisfies Record<string, Rule>;

export const githubTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a second step take minutes')],
  },
  /** 2FA off: a password-reset link to a verified e-mail. */
  passwordReset: {
    duration: hours(0.05, 0.25, 1),
    source: 'a password-reset link by e-mail',
    sources: [observed('estimate: one mail and a new password take minutes; GitHub gives no figure')],
  },
  /** "Within three business days": the same day at best, three business days over a weekend at worst. */
  recoveryRequest: {
    duration: hours(4, 72, 120),
    source: 'GitHub Support replies within three business days',
    sources: [
      documented(githubPages.recoverTwoFactor, 'email you within three business days'),
      observed('https://github.com/orgs/community/discussions/159676', 'reported: about one to two weeks'),
    ],
  },
} as const satisfies Record<string, Timing>;
