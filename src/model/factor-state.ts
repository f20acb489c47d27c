/**
 * Whether a factor counts as lost on a given day: declared lost or outdated, or past its date (a card past
 * its expiry month or revoked, an identity document or a domain past its expiry day).
 */

import type { Day, Factor, Month } from './inventory.js';

export interface LossState {
  lost: boolean;
  /** Why it counts as lost, in words for reports. */
  reason?: string | undefined;
}

/** The last day a card expiring in this month can be charged (cards run to the end of their month). */
export function lastDayOfMonth(month: Month): Day {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a factor seen (by a scan) but never confirmed by its owner counts as lost: to confirm, not to declare. */
export const UNCONFIRMED_REASON = 'unknown: nobody has confirmed it';

export function factorLossState(factor: Factor, asOf: Day): LossState {
  if (factor.state === 'lost') return { lost: true, reason: 'declared lost' };
  if (factor.state === 'outdated') return { lost: true, reason: 'declared outdated' };
  // Seen by a scan or written by init, never confirmed by the owner: counted as lost, as an unknown.
  if (factor.state === 'unknown') return { lost: true, reason: UNCONFIRMED_REASON };
  switch (factor.type) {
    case 'card':
      if (factor.status === 'revoked') return { lost: true, reason: 'revoked' };
      if (factor.status === 'expired' || lastDayOfMonth(factor.expires) < asOf) {
        return { lost: true, reason: `expired ${factor.expires}` };
      }
      return { lost: false };
    case 'domain':
      if (factor.expires !== undefined && factor.expires < asOf) {
        // Renewing by itself, a domain past the date declared has most likely renewed (the date went stale) or
        // failed to (a card refused): which, Lockout cannot see.
        return factor.autoRenew === true
          ? {
              lost: true,
              reason: `unknown: its declared expiry ${factor.expires} has passed and it renews automatically; declare the day it runs to now`,
            }
          : { lost: true, reason: `expired ${factor.expires}` };
      }
      return { lost: false };
    case 'identity-document':
      if (factor.expires !== undefined && factor.expires < asOf) {
        return { lost: true, reason: `expired ${factor.expires}` };
      }
      return { lost: false };
    default:
      return { lost: false };
  }
}
