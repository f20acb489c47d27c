/**
 * Root mailboxes on a domain registered or hosted in an AWS account of the inventory: the account's suspension
 * silences the very address AWS writes to about it (a loop when it is the same account).
 */
import type { Domain, Inventory, Mailbox } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf, factorName, type FactorIndex } from './factor-index.js';

export const rootMailDomainInAccount = defineCheck({
  meta: {
    id: 'root-mail-domain-in-account',
    severity: 'high',
    title: "Root's mailbox depends on a domain inside an AWS account",
    why:
      "AWS writes to root's email address about unpaid bills and suspension, and lost-MFA recovery starts with an " +
      'email to it. When that address is on a domain whose DNS or registration lives in the same account, ' +
      'suspending the account stops the domain, so the mail that would get you back in cannot arrive: a loop. ' +
      "When it lives in another account, that account's suspension takes this root's mail with it.",
    fix:
      "Change root's email address to a mailbox that does not depend on the account: another provider's domain, " +
      'or a domain registered and hosted outside the accounts it serves (a dedicated account or another registrar ' +
      'and DNS provider).',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-root-user-email.html',
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const accountIndex = new Map(inventory.accounts.map((account, index) => [account.id, index]));
    // Worked out once per mailbox and per domain: an Organization's roots share a few of each.
    const domainsOf = new Map<string, Domain[]>();
    const holdersOf = new Map<string, string[]>();
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      const email = account.root?.email;
      const mailbox = email === undefined ? undefined : factors.get(email);
      if (mailbox?.type !== 'mailbox') return;
      let domains = domainsOf.get(mailbox.id);
      if (domains === undefined) domainsOf.set(mailbox.id, (domains = mailboxDomains(mailbox, factors)));
      for (const domain of domains) {
        const here = placesIn(domain, account.id);
        if (here !== '') {
          findings.push({
            account,
            path: ['accounts', index, 'root', 'email'],
            factors: [mailbox.id, domain.id],
            message: `${rootMailboxOn(mailbox, domain)}, whose ${here} in this very account: if the account is suspended, the domain stops and the mail AWS sends to get you back in cannot arrive.`,
          });
          continue;
        }
        // Neither its DNS nor its registration is here: every account holding it is another one.
        let elsewhere = holdersOf.get(domain.id);
        if (elsewhere === undefined)
          holdersOf.set(domain.id, (elsewhere = accountsHolding(domain, inventory, accountIndex)));
        if (elsewhere.length > 0) {
          findings.push({
            account,
            severity: 'medium',
            path: ['accounts', index, 'root', 'email'],
            factors: [mailbox.id, domain.id],
            message: `${rootMailboxOn(mailbox, domain)}, whose ${elsewhere.join(' and ')}: if that account is suspended, mail to this root stops arriving.`,
          });
        }
      }
    });
    return findings;
  },
});

function rootMailboxOn(mailbox: Mailbox, domain: Domain): string {
  const address = mailbox.address === undefined ? '' : ` (${mailbox.address})`;
  return `Root's mailbox ${factorName(mailbox)}${address} is on ${domain.name}`;
}

/** The domains a mailbox lives on: its own domain and any domain it declares it depends on. */
function mailboxDomains(mailbox: Mailbox, factors: FactorIndex): Domain[] {
  const ids = new Set([
    ...(mailbox.domain === undefined ? [] : [mailbox.domain]),
    ...(mailbox.dependsOn ?? []),
  ]);
  return [...ids].flatMap((id) => {
    const factor = factors.get(id);
    return factor?.type === 'domain' ? [factor] : [];
  });
}

/** "DNS and registration are", "DNS is", "registration is", or '' when neither is in `accountId`. */
function placesIn(domain: Domain, accountId: string): string {
  const dns = domain.dns === accountId;
  const registrar = domain.registrar === accountId;
  if (dns && registrar) return 'DNS and registration are';
  if (dns) return 'DNS is';
  if (registrar) return 'registration is';
  return '';
}

/**
 * "DNS is in account 777788889999 (acme-production)", for each account of the inventory holding the domain, in
 * the inventory's order. Only the accounts the domain names are looked at: a scan over every account for every
 * root is quadratic in an Organization of thousands.
 */
function accountsHolding(
  domain: Domain,
  inventory: Inventory,
  accountIndex: ReadonlyMap<string, number>,
): string[] {
  const holders = new Set<number>();
  for (const id of [domain.dns, domain.registrar]) {
    const index = accountIndex.get(id);
    if (index !== undefined) holders.add(index);
  }
  return [...holders]
    .sort((a, b) => a - b)
    .map((index) => {
      const other = inventory.accounts[index]!;
      return `${placesIn(domain, other.id)} in account ${other.id} (${other.name})`;
    });
}
