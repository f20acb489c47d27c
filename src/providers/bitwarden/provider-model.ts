/**
 * The Bitwarden model as data: the master password and two-step login; the two-step recovery code; emergency
 * access, by which a trusted contact gets the vault (view) or takes it over after the wait time the owner
 * chose. Bitwarden cannot recover an account otherwise. docs/rules.md lists the rules.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

export const bitwardenChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: bitwardenChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: bitwardenChecked,
  note,
});

export const bitwardenPages = {
  emergencyAccess: 'https://bitwarden.com/help/emergency-access/',
  recoveryCode: 'https://bitwarden.com/help/two-step-recovery-code/',
  lostTwoStep: 'https://bitwarden.com/help/article/lost-two-step-device/',
} as const;

export const bitwardenRules = {
  signIn: {
    id: 'bitwarden-sign-in',
    title: 'Bitwarden: master password and a two-step login method',
    summary:
      'Signing in takes the master password and, with two-step login on, one of its methods; the two-step recovery code with the master password turns two-step login off. Without them Bitwarden cannot recover the account: only delete it and start over.',
    docs: bitwardenPages.recoveryCode,
    sources: [
      documented(
        bitwardenPages.recoveryCode,
        'a recovery code can be used with your master password to deactivate any enabled two-step login methods',
      ),
      documented(
        bitwardenPages.lostTwoStep,
        'no way for the team to recover the account or the data therein',
      ),
    ],
  },
  emergencyAccess: {
    id: 'bitwarden-emergency-access',
    title: 'Bitwarden: emergency access after the wait time',
    summary:
      'A trusted emergency contact requests access; after the wait time the owner chose (unless the owner rejects it) the contact can view the vault or, with takeover, set a new master password (two-step login removed). The allowed range of wait times was not found.',
    docs: bitwardenPages.emergencyAccess,
    sources: [
      documented(
        bitwardenPages.emergencyAccess,
        'wait time dictates how long your trusted emergency contact must wait to access your vault after initiating an emergency access request',
      ),
      observed('the range and default of the wait time were not found in any stored page'),
    ],
  },
} as const satisfies Record<string, Rule>;

export const bitwardenTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins')],
  },
} as const satisfies Record<string, Timing>;

/** Emergency access takes the declared wait: no shorter (the owner may approve early: not counted on). */
export function emergencyAccessTiming(waitDays: number): Timing {
  const wait = waitDays * 24;
  return {
    duration: hours(wait, wait, wait + 24),
    source: `the wait time the owner chose: ${waitDays} days`,
    sources: [documented(bitwardenPages.emergencyAccess, 'access after the grantor-chosen wait time')],
  };
}
