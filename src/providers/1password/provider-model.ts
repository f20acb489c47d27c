/**
 * The 1Password model as data: signing in on a new device takes the account password AND the Secret Key;
 * 1Password holds neither and cannot recover them; recovery is done by another person with the recovery
 * permission (a family organiser, a team admin), never by oneself. docs/rules.md lists the rules.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

export const onePasswordChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: onePasswordChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: onePasswordChecked,
  note,
});

export const onePasswordPages = {
  secretKey: 'https://support.1password.com/secret-key-security/',
  recovery: 'https://support.1password.com/recovery/',
  recoverPermission:
    'https://www.1password.community/kb/secured-success-quickstart/recover-accounts-permission/157310?guideId=guide%3A8',
} as const;

export const onePasswordRules = {
  signIn: {
    id: '1password-sign-in',
    title: '1Password: the account password and the Secret Key',
    summary:
      'Signing in on a new device takes the account password and the Secret Key (kept on the devices used before and in the Emergency Kit), plus a second step when two-factor authentication is on. 1Password has no record of the Secret Key and cannot recover it.',
    docs: onePasswordPages.secretKey,
    sources: [
      documented(
        onePasswordPages.secretKey,
        'your Secret Key was created on your own device; we have no record of your Secret Key and can’t recover it',
      ),
    ],
  },
  recovery: {
    id: '1password-recovery',
    title: '1Password: recovery only by another person with the recovery permission',
    summary:
      'A family organiser or a team member with the Recover Accounts permission begins recovery; the person follows the e-mailed link, gets a new Secret Key and sets a new password. You cannot recover your own account, so 1Password says to make sure at least two people can recover accounts.',
    docs: onePasswordPages.recovery,
    sources: [
      documented(
        onePasswordPages.recovery,
        'you can’t recover your own account, so make sure at least two family or team members can recover accounts',
      ),
      documented(
        onePasswordPages.recoverPermission,
        'by default Owners and Administrators have the Recover Accounts permission; more than one user with it is recommended',
      ),
    ],
  },
} as const satisfies Record<string, Rule>;

export const onePasswordTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins')],
  },
  /** No figure is documented: it takes as long as both people take to act. */
  recovery: {
    duration: hours(0.5, 24, 168),
    source: 'a recoverer begins recovery and the person completes it (no documented duration)',
    sources: [
      documented(
        onePasswordPages.recovery,
        'the recoverer begins recovery, the person follows the e-mailed link',
      ),
      observed('estimate: it takes as long as the two people take to act; 1Password gives no figure'),
    ],
  },
} as const satisfies Record<string, Timing>;
