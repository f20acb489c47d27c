/**
 * Getting a lost phone number back (a replacement SIM, a port back) by the kind of carrier, as data with its
 * sources. No carrier documents how long a SIM replacement or a port takes: each duration here is an
 * observed estimate, said so, and a kind with nothing to go on (`unknown`) has no duration. What is documented
 * is how long a number survives before it may go to someone else (US rules and carriers' own pages).
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { CarrierKind, Day, PhoneNumber } from '../../model/inventory.js';
import type { Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

export const phoneChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: phoneChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: phoneChecked,
  note,
});

export const phonePages = {
  simChangeRules: 'https://regulations.justia.com/regulations/fedreg/2023/12/08/2023-26338.html',
  aging: 'https://regulations.justia.com/regulations/fedreg/2019/03/26/2019-05620.html',
  verizonPrepaid: 'https://www.verizon.com/support/prepaid-billing-payment-faqs',
  ultraMobile: 'https://www.ultramobile.com/ufaqs/what-happens-if-i-forget-to-make-a-payment/',
} as const;

/** What every kind shares: the carrier must authenticate the customer before a SIM change or a port (US). */
const authentication = documented(
  phonePages.simChangeRules,
  'FCC 23-95: wireless providers (prepaid, postpaid, resellers) must authenticate the customer before a SIM change or port-out; no duration is set',
);
const noDuration = observed(
  'no carrier page with the duration of a SIM replacement or a port was found (2026-12-04)',
);

/** How long getting the number back takes, by kind; undefined: unknown. */
export const numberRestore: Readonly<Record<CarrierKind, Timing | undefined>> = {
  postpaid: {
    duration: hours(2, 24, 120),
    source: 'a replacement SIM from the carrier (observed estimate: no documented duration)',
    sources: [authentication, noDuration, observed('estimate: the same day in a shop, days by post')],
  },
  prepaid: {
    duration: hours(2, 48, 168),
    source: 'a replacement SIM for a prepaid line (observed estimate: no documented duration)',
    sources: [
      authentication,
      noDuration,
      documented(
        phonePages.verizonPrepaid,
        'Verizon prepaid: the account stays active if renewed within 60 days',
      ),
    ],
  },
  mvno: {
    duration: hours(24, 72, 336),
    source: 'a replacement SIM from a reseller, often by post (observed estimate: no documented duration)',
    sources: [
      authentication,
      noDuration,
      documented(
        phonePages.ultraMobile,
        'Ultra Mobile: after 30 days unpaid the number is deleted and no longer retrievable',
      ),
    ],
  },
  voip: {
    duration: hours(0.25, 1, 24),
    source: "signing in to the VoIP provider's account (observed estimate: no SIM involved)",
    sources: [observed('estimate: a VoIP number is reached through an account sign-in, not a SIM')],
  },
  unknown: undefined,
};

/** The kind a number's carrier is declared as; a carrier given only by name is of unknown kind. */
export function carrierKind(number: PhoneNumber): CarrierKind | undefined {
  return typeof number.carrier === 'object' ? number.carrier.kind : undefined;
}
