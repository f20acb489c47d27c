/**
 * The domain of root's mailbox renews on a card that expires (or is already unusable) before the renewal:
 * the renewal fails, the domain lapses and root's reset mail with it. A Route 53 domain without renewsWith
 * is left to payment-card-expiring, which reports the AWS account's card (one fact, one finding).
 */
import { lastDayOfMonth } from './dates.js';
import { registrarRules } from '../providers/registrar/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';
import type { Card, Inventory } from '../model/inventory.js';

export const rootMailboxDomainRenewsOnExpiringCard = defineCheck({
  meta: {
    id: 'root-mailbox-domain-renews-on-expiring-card',
    severity: 'high',
    title: "The domain of root's mailbox renews on a card that expires first",
    why:
      "Root's password reset and AWS's lost-MFA recovery go to root's mailbox. Its domain renews on a card that " +
      'expires (or is revoked) before the renewal: the charge fails, the domain lapses, and the mail to root ' +
      'stops arriving when it is needed most.',
    fix: "Give the registrar a card that outlives the renewal date (or renew now), and declare it in the domain's renewsWith.",
    docs: registrarRules.expiry.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    const mailboxes = new Map((inventory.factors?.mailboxes ?? []).map((m) => [m.id, m]));
    const domains = inventory.factors?.domains ?? [];
    const seen = new Set<string>();
    for (const account of inventory.accounts) {
      const email = account.root?.email;
      const mailbox = email === undefined ? undefined : mailboxes.get(email);
      // One finding per domain: the accounts after the first on it need no search of the domains.
      if (mailbox?.domain === undefined || seen.has(mailbox.domain)) continue;
      const index = domains.findIndex((domain) => domain.id === mailbox.domain);
      const domain = domains[index];
      if (domain === undefined) continue;
      seen.add(domain.id);
      const path = ['factors', 'domains', index];
      const cards = renewalCards(inventory, domain.renewsWith);
      if (cards === undefined) {
        // Only said for a domain at a declared registrar account: other inventories stay as they were.
        if (
          (inventory.outsideAccounts ?? []).some(
            (o) => o.id === domain.registrar && o.provider === 'registrar',
          )
        ) {
          findings.push({
            account,
            path,
            severity: 'low',
            factors: [domain.id],
            message: `Unknown which card renews ${domain.name}, the domain of root's mailbox: declare renewsWith (a card factor).`,
          });
        }
        continue;
      }
      if (domain.expires === undefined) continue;
      const expires = domain.expires;
      const failing = cards.filter((card) => card.status !== 'ok' || lastDayOfMonth(card.expires) < expires);
      if (failing.length === 0 || failing.length < cards.length) continue;
      findings.push({
        account,
        path,
        factors: [domain.id, ...failing.map((card) => card.id)],
        message: `${domain.name}, the domain of root's mailbox of ${account.name}, renews on ${domain.expires} on ${failing.map((card) => `the card ending ${card.lastFour} (${card.status === 'ok' ? `expires ${card.expires}` : card.status})`).join(' and ')}: the renewal fails, and root's mail with the domain.`,
      });
    }
    return findings;
  },
});

/** The cards a renewal is charged to: the declared one; undefined when not declared. */
function renewalCards(inventory: Inventory, renewsWith: string | undefined): Card[] | undefined {
  const cards = inventory.factors?.cards ?? [];
  if (renewsWith !== undefined) return cards.filter((card) => card.id === renewsWith);
  // Route 53 without renewsWith: the AWS account's cards, whose expiry payment-card-expiring already reports
  // (one fact, one finding); declaring renewsWith on the domain makes the renewal this check's.
  return undefined;
}
