/** Accounts that hold domains and also run workloads: whatever gets the account suspended takes the domains too. */
import type { Domain, Factor } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf, factorName } from './factor-index.js';

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
  run(context) {
    const { inventory } = context;
    const domains = inventory.factors?.domains ?? [];
    if (domains.length === 0) return [];
    const heldBy = domainsByAccount(domains);
    // What each holding account's domains are matched against: the few factors that need a domain at all.
    const domainIds = new Set(domains.map((domain) => domain.id));
    const needingDomain: Factor[] = [];
    for (const factor of factorIndexOf(context).all()) {
      if (needsDomainOf(factor, domainIds)) needingDomain.push(factor);
    }
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      const held = heldBy.get(account.id);
      if (held === undefined) return;
      const names = held.map((domain) => domain.name).join(', ');
      const dependents = dependentsOf(held, needingDomain);
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

/**
 * The domains each account holds (registers or hosts), in declaration order: looked up per account, where a
 * search of every domain for each of an Organization's accounts was most of this check's time.
 */
function domainsByAccount(domains: readonly Domain[]): Map<string, Domain[]> {
  const byAccount = new Map<string, Domain[]>();
  for (const domain of domains) {
    for (const id of new Set([domain.dns, domain.registrar])) {
      const held = byAccount.get(id);
      if (held === undefined) byAccount.set(id, [domain]);
      else held.push(domain);
    }
  }
  return byAccount;
}

/** The factors that need one of `domains` to work: mailboxes on them, and factors that declare they depend on them. */
function dependentsOf(domains: readonly Domain[], factors: readonly Factor[]): Factor[] {
  const ids = new Set(domains.map((domain) => domain.id));
  return factors.filter((factor) => !ids.has(factor.id) && needsDomainOf(factor, ids));
}

/** Whether the factor is a mailbox on one of the domains `ids` has, or declares it depends on one. */
function needsDomainOf(factor: Factor, ids: ReadonlySet<string>): boolean {
  return (
    (factor.type === 'mailbox' && factor.domain !== undefined && ids.has(factor.domain)) ||
    (factor.dependsOn ?? []).some((id) => ids.has(id))
  );
}
