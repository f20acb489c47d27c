/**
 * The Google account model as data: how signing in to a Google account works with 2-Step Verification, which
 * second steps there are, what a passkey and backup codes do, and how account recovery through the recovery
 * phone and recovery e-mail goes and how long it takes. Each rule and timing carries its sources with the day
 * they were checked, as the AWS model does (src/providers/aws/provider-model.ts); docs/rules.md lists them
 * (`npm run rules-doc`) and test/providers/google-model.test.ts checks them. recovery-graph.ts turns them
 * into ways.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

/** The day the pages below were read (stored copies, through the project's search of public pages). */
export const googleChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: googleChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: googleChecked,
  note,
});

/** Google Account Help pages, named once. */
export const googlePages = {
  fixTwoStep: 'https://support.google.com/accounts/answer/185834',
  recoveryInfo: 'https://support.google.com/accounts/answer/183723',
  passkeys: 'https://support.google.com/accounts/answer/13548313',
  backupCodes: 'https://support.google.com/accounts/answer/1187538',
  recover: 'https://accounts.google.com/signin/recovery',
} as const;

export const googleRules = {
  twoStepSignIn: {
    id: 'google-two-step-sign-in',
    title: 'Google: password and any one second step',
    summary:
      'With 2-Step Verification on, signing in takes the password and any one of the second steps added: a prompt on a signed-in phone, a code by SMS or voice call to a number added, an authenticator code, a security key, or a backup code. With it off, the password alone (Google may still ask to verify it is you on an unusual sign-in: not modelled).',
    docs: googlePages.fixTwoStep,
    sources: [
      documented(
        googlePages.fixTwoStep,
        'a lost phone: verify with another phone signed in, another number added in 2-Step Verification, a backup code or a security key',
      ),
    ],
  },
  passkey: {
    id: 'google-passkey',
    title: 'Google: a passkey replaces the password and the second step',
    summary:
      'Signing in with a passkey bypasses the second step of 2-Step Verification, since it shows possession of the device; a passkey synced through an account (Google Password Manager, iCloud Keychain) is lost with that account.',
    docs: googlePages.passkeys,
    sources: [
      documented(
        googlePages.passkeys,
        'if your account has 2-Step Verification, you bypass your second authentication step by signing in with a passkey',
      ),
    ],
  },
  backupCodes: {
    id: 'google-backup-codes',
    title: 'Google: backup codes with the password',
    summary:
      'Backup codes (sets of 10, each used once) sign in with the password when no other second step is at hand; they are only as safe as the place they are kept.',
    docs: googlePages.backupCodes,
    sources: [
      documented(
        googlePages.backupCodes,
        'enter your username and password; when asked for your verification code, enter one of your 8-digit backup codes (archived copy of the page)',
      ),
    ],
  },
  accountRecovery: {
    id: 'google-account-recovery',
    title: 'Google: account recovery through the recovery phone or e-mail',
    summary:
      'A recovery phone number or e-mail address helps reset the password when it is forgotten or the account is locked: Google sends a code there. With 2-Step Verification on and no second step left (or the password forgotten), Google says it can take 3-5 business days to make sure it is you; Google decides, and recovery is never guaranteed.',
    docs: googlePages.recoveryInfo,
    sources: [
      documented(
        googlePages.recoveryInfo,
        'a recovery phone number or email address helps you reset your password if you forget it or are locked out',
      ),
      documented(
        googlePages.fixTwoStep,
        "if you don't have another second step or forgot your password: it can take 3-5 business days for Google to make sure it's you",
      ),
    ],
  },
  unknownFacts: {
    id: 'google-unknown',
    title: 'Google: what is not declared is unknown',
    summary:
      'A password whose place is not declared, 2-Step Verification or second steps not declared, recovery options not declared: each is an unknown, counted as lost (never as safe) and named in reports.',
    docs: googlePages.fixTwoStep,
    sources: [observed("Lockout's rule for every provider: unknown is never safe")],
  },
} as const satisfies Record<string, Rule>;

export const googleTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a second step take minutes')],
  },
  /** With 2-Step Verification off: a code to the recovery phone or e-mail resets the password. */
  recoveryCode: {
    duration: hours(0.05, 0.25, 1),
    source: 'a code to the recovery phone or e-mail, then a new password',
    sources: [
      documented(googlePages.recoveryInfo, 'a recovery phone or email helps you reset your password'),
      observed('estimate: one code by SMS or mail and a new password take minutes; Google gives no figure'),
    ],
  },
  /** 3-5 business days: 72 h at best, 5 business days over a weekend (7 calendar days) at worst. */
  recoveryWithTwoStep: {
    duration: hours(72, 96, 168),
    source: 'Google: it can take 3-5 business days to make sure it is you',
    sources: [
      documented(
        googlePages.fixTwoStep,
        "2-Step Verification requires an extra step to prove you own an account; it can take 3-5 business days for Google to make sure it's you",
      ),
    ],
  },
} as const satisfies Record<string, Timing>;
