/**
 * The Apple Account model as data: signing in with two-factor authentication (a code on a trusted device or to
 * a trusted phone number), resetting the password on a trusted device, an account recovery contact, the
 * recovery key (which turns account recovery off), and account recovery's wait of "several days or longer",
 * whose end needs the trusted phone number. iCloud Keychain, which syncs passkeys, is lost with the account's
 * sign-in. Each rule and timing carries its sources with the day they were checked; what Apple gives no
 * figure for is an estimate and says so. docs/rules.md lists them (`npm run rules-doc`).
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });
const days = (n: number): number => n * 24;

/** The day the pages below were read (stored copies, through the project's search of public pages). */
export const appleChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: appleChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: appleChecked,
  note,
});

/** Apple Support pages, named once. */
export const applePages = {
  accountRecovery: 'https://support.apple.com/en-om/118574',
  /** The same page's newer ("Apple Account") wording, read through a proxy copy. */
  accountRecoveryNewer:
    'http://akroncuttingedge.com/pFad/index.php?u=http%3A%2F%2Fsupport.apple.com%2Fen-us%2F118574',
  recoveryKey: 'https://support.apple.com/109345',
  recoveryContact: 'https://support.apple.com/102641',
  keychainEscrow: 'https://support.apple.com/guide/security/sec3e341e75d/web',
} as const;

export const appleRules = {
  twoFactorSignIn: {
    id: 'apple-two-factor-sign-in',
    title: 'Apple: password and a code on a trusted device or to a trusted phone number',
    summary:
      'With two-factor authentication, signing in to an Apple Account on a new device takes the password and a verification code shown on a trusted device or sent by text or call to a trusted phone number.',
    docs: applePages.accountRecovery,
    sources: [
      documented(
        applePages.accountRecovery,
        'account recovery is for when you use two-factor authentication and cannot sign in or reset your password: a trusted device or trusted phone number is the usual way',
      ),
      observed(
        'https://winenfood.com/a-guide-to-the-apple-iforgot-password-tool',
        "a third-party guide: the trusted phone number receives a code by text or call; a trusted device is signed in already (Apple's two-factor page itself was not found in the stored copies)",
      ),
    ],
  },
  trustedDeviceReset: {
    id: 'apple-trusted-device-reset',
    title: 'Apple: reset the password on a trusted device',
    summary:
      'A trusted device (one signed in to the account, unlocked with its passcode) resets the password without the old one; Apple asks to try this before account recovery.',
    docs: applePages.accountRecovery,
    sources: [
      documented(
        applePages.accountRecovery,
        'before you start the account recovery waiting period, try to reset your password on a trusted device',
      ),
    ],
  },
  recoveryContact: {
    id: 'apple-recovery-contact',
    title: 'Apple: an account recovery contact helps reset the password',
    summary:
      'A person set up as account recovery contact gets a code on their own Apple device that lets the owner reset the password; each contact is one more way back, lost with that person.',
    docs: applePages.recoveryContact,
    sources: [
      documented(
        applePages.accountRecovery,
        'if you set up an account recovery contact, they can also help you reset your password',
      ),
      observed(
        'http://gifinvidious.domain.glass/search/?q=apple+account+recovery+without+phone+number',
        'the title and summary of support.apple.com/102641 in a search mirror: an account recovery contact can help make sure you always have access, even if you forgot your password or device passcode',
      ),
    ],
  },
  recoveryKey: {
    id: 'apple-recovery-key',
    title: 'Apple: a recovery key replaces account recovery',
    summary:
      'A recovery key (28 characters, optional) resets the password with a trusted phone number when no trusted device is at hand; turning it on turns account recovery off, so losing the key and every trusted device locks the account for good.',
    docs: applePages.recoveryKey,
    sources: [
      observed(
        'https://luke.lol/search/?q=what+is+a+recovery+key+in+apple+id',
        'the title and summary of support.apple.com/109345 in a search mirror: if you lose access to your account, you can use your recovery key to reset your password and regain access',
      ),
      observed(
        'https://gvaccountbuy.com/recovery-key-for-your-apple-account/',
        "a third-party copy of Apple's wording: a trusted phone number and the 28-character key; the default account recovery is disabled when a recovery key is set up; losing the key and the trusted devices locks you out permanently (Apple's page itself was not found in the stored copies)",
      ),
    ],
  },
  accountRecovery: {
    id: 'apple-account-recovery',
    title: 'Apple: account recovery takes several days or longer and ends with a text to the trusted number',
    summary:
      'When nothing else resets the password, account recovery gives access back after a waiting period of "several days or longer" (no fixed number: Lockout uses a range and says so); an e-mail within 72 hours gives the date, and at the end Apple sends a text or automated call to the trusted phone number. Off while a recovery key is on.',
    docs: applePages.accountRecovery,
    sources: [
      documented(
        applePages.accountRecovery,
        'for security reasons, it might take several days or longer before you can use your account again; an e-mail within 72 hours gives the date and time; when the wait period is over, Apple sends a text or automated phone call with instructions',
      ),
      documented(
        applePages.accountRecoveryNewer,
        'the same page in its newer "Apple Account" wording (proxy copy): several days or longer; use account recovery only as a last resort',
      ),
    ],
  },
  keychain: {
    id: 'apple-icloud-keychain',
    title: "Apple: iCloud Keychain's passkeys are lost with the Apple Account",
    summary:
      "A passkey synced through iCloud Keychain is restored on a new device only through the Apple Account: its sign-in, a text to the registered phone number and the iCloud security code, with 10 attempts before the escrow record is destroyed. Lockout models the passkey as lost with the account's sign-in; the escrow's own text and passcode are not modelled.",
    docs: applePages.keychainEscrow,
    sources: [
      documented(
        applePages.keychainEscrow,
        'to recover a keychain, users must authenticate with their iCloud account and password and respond to an SMS sent to their registered phone number, then enter their iCloud security code; after the 10th failed attempt the escrow record is destroyed (read through a proxy copy of the en-kg page)',
      ),
    ],
  },
} as const satisfies Record<string, Rule>;

export const appleTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a code take minutes')],
  },
  /** A new password on a device already signed in: minutes; Apple gives no figure. */
  trustedDeviceReset: {
    duration: hours(0.05, 0.1, 0.5),
    source: 'a new password on a trusted device',
    sources: [
      documented(applePages.accountRecovery, 'reset your password on a trusted device'),
      observed('estimate: the device passcode and a new password take minutes; Apple gives no figure'),
    ],
  },
  /** As long as the contact takes to answer; Apple gives no figure. */
  recoveryContact: {
    duration: hours(0.1, 1, 48),
    source: 'an account recovery contact reads a code from their device',
    sources: [
      observed('estimate: as long as the contact takes to be reached and answer; Apple gives no figure'),
    ],
  },
  recoveryKey: {
    duration: hours(0.05, 0.25, 1),
    source: 'the recovery key and a code to the trusted number',
    sources: [observed('estimate: the key, one code and a new password take minutes; Apple gives no figure')],
  },
  /**
   * "Several days or longer": no fixed number is documented. A range, said as such: 3 days at least (the e-mail
   * with the date comes within 72 hours; "several"), a week typical, 30 days as Lockout's bound, not Apple's.
   */
  accountRecovery: {
    duration: hours(days(3), days(7), days(30)),
    source: 'Apple: several days or longer (no fixed number; range estimated)',
    sources: [
      documented(
        applePages.accountRecovery,
        'it might take several days or longer before you can use your account again',
      ),
      observed(
        "Lockout's range: Apple gives no figure; 3 days at least, a week typical and 30 days as a bound are estimates, not Apple's",
      ),
    ],
  },
} as const satisfies Record<string, Timing>;
