/** Accounts that hold domains and also run workloads: whatever gets the account suspended takes the domains too. */
import { listFactors, type Domain, type Factor } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorName } from './factor-index.js';

export const domainsInWorkloadAccount = defineCheck({
  meta: {
    id: 'domains-in-workload-account',
    severity: 'medium',
    title: 'Domains live in an account that also runs workloads',
    why:
      'Workloads bring bills that can go unpaid and usage that can be reported as abuse; either can get the account ' +
      'suspended. A suspended account takes the domains registered or hosted in it down with it, and with them ' +
      'mail, websites, sign-in links and every service reached through those names, including accounts elsewhere.',
    fix:
      'Move the domains (registration and hosted zones) to an account that runs nothing else and whose bill is ' +
      'tiny, or to a registrar and DNS provider outside AWS; Route 53 can transfer a domain between accounts.',
    docs: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-transfer-between-aws-accounts.html',
  },
  run({ inventory }) {
    const factors = listFactors(inventory);
    const domains = inventory.factors?.domains ?? [];
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      const held = domains.filter((domain) => domain.dns === account.id || domain.registrar === account.id);
      if (held.length === 0) return;
      const names = held.map((domain) => domain.name).join(', ');
      const dependents = dependentsOf(held, factors);
      const involved = [...held.map((domain) => domain.id), ...dependents.map((factor) => factor.id)];
      const takes =
        dependents.length === 0
          ? 'takes the domains down with everything that depends on them'
          : `takes the domains down with everything that depends on them, including ${dependents.map(factorName).join(', ')}`;
      if (account.workloads === undefined) {
        findings.push({
          account,
          severity: 'low',
          path: ['accounts', index],
          factors: involved,
          message: `This account holds ${names}, and what else runs here is not declared (workloads): if anything does, a suspension ${takes}.`,
        });
        return;
      }
      if (account.workloads.length === 0) return;
      const count = account.workloads.length;
      findings.push({
        account,
        path: ['accounts', index, 'workloads'],
        factors: involved,
        message: `This account holds ${names} and also runs ${count} workload${count === 1 ? '' : 's'}: a suspension over any of them ${takes}.`,
      });
    });
    return findings;
  },
});

/** The factors that need one of `domains` to work: mailboxes on them, and factors that declare they depend on them. */
function dependentsOf(domains: readonly Domain[], factors: readonly Factor[]): Factor[] {
  const ids = new Set(domains.map((domain) => domain.id));
  return factors.filter(
    (factor) =>
      !ids.has(factor.id) &&
      ((factor.type === 'mailbox' && factor.domain !== undefined && ids.has(factor.domain)) ||
        (factor.dependsOn ?? []).some((id) => ids.has(id))),
  );
}
