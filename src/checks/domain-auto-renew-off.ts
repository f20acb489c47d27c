/** A domain at a registrar account that does not renew by itself, or of which that is unknown. */
import {
  registrarFacts,
  daysUntilDomainGone,
  registrarRules,
} from '../providers/registrar/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const domainAutoRenewOff = defineCheck({
  meta: {
    id: 'domain-auto-renew-off',
    severity: 'high',
    title: 'Domain does not renew automatically',
    why:
      "A domain not renewed stops resolving, then is deleted and released after the registrar's grace and " +
      "redemption period: every mailbox on it, root's among them, stops receiving mail.",
    fix: 'Turn on auto-renew at the registrar, with a card that outlives the renewal date; declare autoRenew: true and renewsWith.',
    docs: registrarRules.expiry.docs,
  },
  run({ inventory }) {
    const registrars = new Map(
      (inventory.outsideAccounts ?? []).flatMap((account) =>
        account.provider === 'registrar' ? [[account.id, account] as const] : [],
      ),
    );
    const findings: FindingDraft[] = [];
    (inventory.factors?.domains ?? []).forEach((domain, index) => {
      // Domains at a declared registrar account (issue 16): the others keep their existing checks.
      const registrar = registrars.get(domain.registrar);
      if (registrar === undefined || domain.autoRenew === true) return;
      const facts = registrarFacts[registrar.registrar];
      const gone = daysUntilDomainGone(facts);
      const figure =
        gone.basis === 'registrar'
          ? `${facts.name} releases it about ${gone.days} days after expiry`
          : `ICANN's rules give 30 days of redemption after deletion, which can come at expiry (${facts.name}'s own figures: unknown)`;
      const off = domain.autoRenew === false;
      findings.push({
        path: ['factors', 'domains', index, ...(domain.autoRenew === undefined ? [] : ['autoRenew'])],
        severity: off ? 'high' : 'low',
        factors: [domain.id],
        message: off
          ? `${domain.name} does not renew automatically${domain.expires ? ` and expires on ${domain.expires}` : ''}: ${figure}.`
          : `Unknown whether ${domain.name} renews automatically: declare autoRenew (true or false). ${figure}.`,
      });
    });
    return findings;
  },
});
