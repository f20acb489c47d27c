/**
 * A domain past its declared expiry day: every mailbox on it (root's address, the billing contact's) stops
 * receiving mail, and the registrar gives it back only within its grace and redemption. With auto-renew on, a
 * past date most likely went stale when the domain renewed: that is unknown until the owner declares the date.
 */
import type { Domain } from '../model/inventory.js';
import {
  daysUntilDomainGone,
  registrarFactsOf,
  registrarRules,
  type RegistrarFacts,
} from '../providers/registrar/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';
import { addDays, daysBetween } from './dates.js';
import { isGone } from './factor-index.js';

export const domainExpired = defineCheck({
  meta: {
    id: 'domain-expired',
    severity: 'critical',
    title: 'Domain past its expiry date',
    why:
      "A domain not renewed stops resolving: mail to every address on it, root's among them, goes nowhere. The " +
      'registrar gives it back only within its grace and redemption period, then releases the name for anyone ' +
      'to register. With auto-renew on, a date in the past usually means the inventory was not updated after a ' +
      'renewal, which Lockout cannot tell from a failed one.',
    fix:
      'Open the domain at the registrar: renew or restore it now if it expired, and declare the day it now runs ' +
      'to under expires.',
    docs: registrarRules.expiry.docs,
  },
  run({ inventory, asOf }) {
    const awsAccounts = new Map(inventory.accounts.map((account) => [account.id, account]));
    const outsideAccounts = new Map(
      (inventory.outsideAccounts ?? []).map((account) => [account.id, account]),
    );
    const findings: FindingDraft[] = [];
    (inventory.factors?.domains ?? []).forEach((domain, index) => {
      // A domain declared lost is said by the checks of what is lost; one valid through its expiry day is not
      // expired on that day.
      if (domain.expires === undefined || isGone(domain) || domain.expires >= asOf) return;
      const path = ['factors', 'domains', index, 'expires'];
      if (domain.autoRenew === true) {
        findings.push({
          severity: 'medium',
          path,
          factors: [domain.id],
          message:
            `${domain.name}'s declared expiry, ${domain.expires}, has passed; it renews automatically, so it has ` +
            'most likely been renewed, but that is unknown until you declare the day it runs to now (the ' +
            "registrar's page of the domain shows it): until then every mailbox on it counts as lost.",
        });
        return;
      }
      const facts = registrarFactsOf(domain.registrar, awsAccounts, outsideAccounts);
      const since = daysBetween(domain.expires, asOf);
      const renews =
        domain.autoRenew === undefined ? ' (whether it renews automatically is not declared)' : '';
      findings.push({
        path,
        factors: [domain.id],
        message:
          `${domain.name} expired on ${domain.expires}, ${since} days before ${asOf}${renews}: every mailbox on ` +
          `it stops receiving mail. ${whatIsLeft(domain, facts, since)}`,
      });
    });
    return findings;
  },
});

/** Where the domain stands in its registrar's time after expiry, and what to do. */
function whatIsLeft(domain: Domain, facts: RegistrarFacts, since: number): string {
  const expires = domain.expires!;
  const grace = facts.renewalGraceDays ?? 0;
  const gone = daysUntilDomainGone(facts);
  const goneDay = addDays(expires, gone.days);
  const basis =
    gone.basis === 'registrar'
      ? `${facts.name}'s figures`
      : `ICANN's floor; ${facts.name}'s own figures are unknown and may give longer`;
  if (since <= grace) {
    return `${facts.name} still renews it at the normal price until ${addDays(expires, grace)}: renew it now.`;
  }
  if (since <= gone.days) {
    return `It can be restored, at a fee, until about ${goneDay} (${basis}): restore it now.`;
  }
  return gone.basis === 'registrar'
    ? `${facts.name} released it about ${goneDay}: register it again if it is still free, and move the addresses on it to a domain you hold.`
    : `It may have been released since ${goneDay} (${basis}): ask the registrar now whether it can still be restored.`;
}
