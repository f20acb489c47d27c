/**
 * The domain of an AWS root mailbox with its registrar transfer lock off: whoever gets into the registrar
 * account, or gets a transfer approved through its mail, can move the domain to another registrar and take
 * root's mail with its DNS. Low: a transfer still needs the registrant's approval; the lock is one barrier
 * more. Undeclared, it is an unknown and said so.
 */
import { idOf, keyedBy } from '../model/keyed-lists.js';
import {
  outsideAccountLabel,
  type Account,
  type Domain,
  type Inventory,
  type Mailbox,
} from '../model/inventory.js';
import { registrarPages } from '../providers/registrar/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const rootMailDomainTransferUnlocked = defineCheck({
  meta: {
    id: 'root-mail-domain-transfer-unlocked',
    severity: 'low',
    title: "Root's mail domain has no transfer lock",
    why:
      "AWS sends root's password resets and lost-MFA recovery to root's address. With the registrar's transfer " +
      "lock off, a transfer to another registrar needs only the registrant's approval: whoever gets into the " +
      'registrar account or its mail (or talks its support into it) can move the domain, point its DNS elsewhere ' +
      "and receive root's mail.",
    fix: 'Turn the transfer lock on at the registrar (Route 53: enable-domain-transfer-lock) and declare transferLock: on with the day you checked it.',
    // AWS's page (reports link AWS's docs); the rule's own sources are on docs/rules.md (registrar-transfer-lock).
    docs: registrarPages.route53TransferLock,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    // One finding per domain: an Organization's roots often share one mail domain.
    for (const { domain, index, mailboxes, accounts } of rootMailDomains(inventory)) {
      if (domain.transferLock === 'on') continue;
      const off = domain.transferLock === 'off';
      const whose =
        accounts.length === 1
          ? `root's mail (${mailboxes.map(mailboxName).join(', ')})`
          : `the root mail of ${accounts.length} accounts (${mailboxes.map(mailboxName).join(', ')})`;
      findings.push({
        // Reports place a finding under an account: the first whose root is on the domain (the message counts all).
        account: accounts[0],
        path: ['factors', 'domains', index, ...(domain.transferLock === undefined ? [] : ['transferLock'])],
        severity: off ? 'low' : 'info',
        factors: [domain.id, ...mailboxes.map((mailbox) => mailbox.id)],
        message: off
          ? `The transfer lock of ${domain.name} is off: whoever gets into ${registrarName(inventory, domain)} can move the domain to another registrar and with its DNS take ${whose}.`
          : `Unknown whether ${domain.name}, the domain of ${whose}, has its registrar's transfer lock on: declare transferLock (on or off) as the registrar shows it.`,
      });
    }
    return findings;
  },
});

interface RootMailDomain {
  domain: Domain;
  index: number;
  mailboxes: Mailbox[];
  accounts: Account[];
}

/** The domains AWS root mailboxes are on, each with its mailboxes and the accounts whose root they are. */
function rootMailDomains(inventory: Inventory): RootMailDomain[] {
  const domains = inventory.factors?.domains ?? [];
  const mailboxes = new Map((inventory.factors?.mailboxes ?? []).map((mailbox) => [mailbox.id, mailbox]));
  const byDomain = new Map<string, RootMailDomain>();
  for (const account of inventory.accounts) {
    const email = account.root?.email;
    const mailbox = email === undefined ? undefined : mailboxes.get(email);
    if (mailbox?.domain === undefined) continue;
    let entry = byDomain.get(mailbox.domain);
    if (entry === undefined) {
      const index = domains.findIndex((domain) => domain.id === mailbox.domain);
      const domain = domains[index];
      if (domain === undefined) continue;
      entry = { domain, index, mailboxes: [], accounts: [] };
      byDomain.set(mailbox.domain, entry);
    }
    if (!entry.mailboxes.includes(mailbox)) entry.mailboxes.push(mailbox);
    entry.accounts.push(account);
  }
  return [...byDomain.values()];
}

/** The registrar account's name, an AWS account's (Route 53), or the registrar named. */
function registrarName(inventory: Inventory, domain: Domain): string {
  const outside = inventory.outsideAccounts?.find((account) => account.id === domain.registrar);
  if (outside !== undefined) return outsideAccountLabel(outside);
  const aws = keyedBy(inventory.accounts, idOf).first(domain.registrar);
  if (aws !== undefined) return `the AWS account ${aws.name} (Route 53 Domains)`;
  return `the account at ${domain.registrar}`;
}

function mailboxName(mailbox: Mailbox): string {
  return mailbox.address ?? mailbox.id;
}
