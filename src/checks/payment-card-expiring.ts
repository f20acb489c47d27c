/** Cards on file that cannot pay the next charge, or will not for long: revoked, lost, expired or expiring. */
import type { Card, Day } from '../model/inventory.js';
import { defineCheck, type FindingDraft, type Severity } from './check.js';
import { daysBetween, lastDayOfMonth } from './dates.js';
import { factorIndexOf, factorName, isGone } from './factor-index.js';

/** A card whose last valid day is at most this many days away is reported as expiring. */
export const expiringWithinDays = 60;

export interface CardTrouble {
  severity: Severity;
  /** What is wrong, as the end of a sentence that starts with the card's name. */
  text: string;
}

/** What keeps a card from paying, now or within `expiringWithinDays` of `asOf`; undefined when nothing does. */
export function cardTrouble(card: Card, asOf: Day): CardTrouble | undefined {
  if (card.status !== 'ok') {
    return { severity: 'critical', text: `is ${card.status} by its issuer: the next charge fails` };
  }
  if (isGone(card)) {
    return { severity: 'critical', text: `is ${card.state ?? 'lost'}: the next charge fails` };
  }
  // Valid through the last day of its expiry month.
  const validThrough = lastDayOfMonth(card.expires);
  const daysLeft = daysBetween(asOf, validThrough);
  if (daysLeft < 0) {
    return {
      severity: 'critical',
      text: `expired at the end of ${card.expires} (valid through ${validThrough}): the next charge fails`,
    };
  }
  if (daysLeft <= expiringWithinDays) {
    return {
      severity: 'high',
      text: `expires at the end of ${card.expires} (valid through ${validThrough}, ${daysLeft} days after ${asOf}): the first charge after that fails`,
    };
  }
  return undefined;
}

export const paymentCardExpiring = defineCheck({
  meta: {
    id: 'payment-card-expiring',
    severity: 'high',
    title: 'A card on file cannot pay, or soon will not',
    why:
      'When the charge fails, AWS sends "past due" notices and, if the bill stays unpaid, suspends the account: ' +
      'everything running in it stops, domains hosted in it stop resolving, and data is at risk. Replacing a card ' +
      'is a two-minute job today and a race against the dunning deadline once the charge has failed.',
    fix:
      'Add a valid card in Payment preferences (or update the expiry of the renewed card), make it the default, ' +
      'remove the dead one, and update the card factor (status, expires, verified).',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html',
  },
  run(context) {
    const { inventory, asOf } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, accountIndex) => {
      // Members paid for by their management account have no cards: nothing to set up for them.
      const cards = account.payment?.cards;
      if (cards === undefined || cards.length === 0) return;
      const seen = new Set<string>();
      cards.forEach((id, index) => {
        if (seen.has(id)) return;
        seen.add(id);
        const card = factors.get(id);
        if (card?.type !== 'card') return;
        const trouble = cardTrouble(card, asOf);
        if (trouble === undefined) return;
        const which = index === 0 ? 'The default card' : 'Card';
        findings.push({
          account,
          severity: trouble.severity,
          path: ['accounts', accountIndex, 'payment', 'cards', index],
          factors: [id],
          message: `${which} ending ${card.lastFour} (${factorName(card)}) ${trouble.text}.`,
        });
      });
    });
    return findings;
  },
});
