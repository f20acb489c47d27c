/**
 * Domain registrars as one model with per-registrar facts (data): ICANN's rules are the floor for every gTLD
 * registrar, each registrar adds its own figures where a source was found, and what was not found is unknown.
 * Route 53 Domains (a domain whose registrar is an AWS account of the inventory) takes its facts from here too.
 * docs/rules.md lists the rules (`npm run rules-doc`).
 */

import type { DurationRange } from '../../analysis/graph.js';
import { registrarNames, type Day, type OutsideAccount, type RegistrarName } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });
const days = (n: number): number => n * 24;

export const registrarChecked: Day = '2026-12-04';

const documented = (ref: string, note: string): Source => ({
  kind: 'documented',
  ref,
  checked: registrarChecked,
  note,
});
const observed = (ref: string, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: registrarChecked,
  note,
});

export const registrarPages = {
  errp: 'https://www.icann.org/en/resources/registrars/consensus-policies/errp',
  route53Living: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/living.html',
  route53AutoRenew: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-extend.html',
  route53Restore: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-restore-expired.html',
  cloudflareRenew: 'https://developers.cloudflare.com/registrar/account-options/renew-domains/',
  cloudflareRecovery: 'https://developers.cloudflare.com/fundamentals/user-profiles/account-recovery/',
  cloudflareDocsRepo: 'https://github.com/cloudflare/cloudflare-docs',
  icannTransferPolicy: 'https://www.icann.org/en/resources/registrars/transfers/policy',
  route53TransferLock: 'https://docs.aws.amazon.com/goto/WebAPI/route53domains/EnableDomainTransferLock',
} as const;

/** What a registrar does with a domain and its account, as far as sources say; absent: unknown. */
export interface RegistrarFacts {
  name: string;
  /** Days after expiry during which the registrar still renews at the normal price (its own grace). */
  renewalGraceDays?: number | undefined;
  /** Days of redemption (restore at a fee) after the grace, before the name is released. */
  redemptionDays?: number | undefined;
  /** Whether domains renew by themselves unless turned off. */
  autoRenewDefault?: boolean | undefined;
  /** How long the registrar's own account recovery takes when sign-in is lost, where documented. */
  accountRecovery?: Timing | undefined;
  sources: readonly Source[];
  docs: string;
}

/** ICANN's floor: 30 days of redemption after deletion; deletion can come at expiry (no grace guaranteed). */
export const icannFloor: RegistrarFacts = {
  name: 'ICANN rules (any gTLD registrar)',
  renewalGraceDays: 0,
  redemptionDays: 30,
  sources: [
    documented(
      registrarPages.errp,
      'Expired Registration Recovery Policy: at least two reminders before expiry; a 30-day Redemption Grace Period after deletion (section 3.1 read through quotations on third-party pages)',
    ),
    observed(
      'https://a.osmarks.net/content/serverfault.com_en_all_2022-11/questions/986846/icann-domain-grace-period-for-expired-domains',
      'the redemption period runs after deletion, not after expiry; a registrar may delete at expiry',
    ),
  ],
  docs: registrarPages.errp,
};

export const registrarFacts: Readonly<Record<RegistrarName | 'route53', RegistrarFacts>> = {
  route53: {
    name: 'Amazon Route 53 Domains',
    renewalGraceDays: 44,
    redemptionDays: 30,
    autoRenewDefault: true,
    sources: [
      documented(
        registrarPages.route53Living,
        'generic TLDs (example .living): late renewal until 44 days after expiration; restoration with the registry between 45 and 75 days; deadlines are per TLD (.com not found)',
      ),
      documented(
        registrarPages.route53AutoRenew,
        'registrations and transfers-in are configured to renew automatically',
      ),
      documented(
        registrarPages.route53Restore,
        'restoring an expired domain is an AWS Support case from the AWS account the domain was registered to; in rare cases a week or more',
      ),
    ],
    docs: registrarPages.route53Living,
  },
  cloudflare: {
    name: 'Cloudflare Registrar',
    renewalGraceDays: 0,
    redemptionDays: 30,
    autoRenewDefault: true,
    accountRecovery: {
      duration: hours(days(3), days(4), days(5)),
      source: 'Cloudflare: an e-mail within 3-5 days, cannot be expedited',
      sources: [
        documented(
          registrarPages.cloudflareRecovery,
          'you will receive an email within 3-5 days with instructions to regain access; this process cannot be expedited (cloudflare-docs repository text; page address mapped from its path)',
        ),
      ],
    },
    sources: [
      documented(
        registrarPages.cloudflareRenew,
        'auto-renew by default; not renewed: a Redemption Grace Period of 30 days, no transfers then (cloudflare-docs repository text; page address mapped from its path)',
      ),
    ],
    docs: registrarPages.cloudflareRenew,
  },
  // No source was read for these: ICANN's floor applies and everything else is unknown.
  gandi: unknownRegistrar('Gandi'),
  namecheap: unknownRegistrar('Namecheap'),
  godaddy: unknownRegistrar('GoDaddy'),
  porkbun: unknownRegistrar('Porkbun'),
  other: unknownRegistrar('another registrar'),
};

function unknownRegistrar(name: string): RegistrarFacts {
  return {
    name,
    sources: [observed(`no source read for ${name}: ICANN's floor applies, its own figures are unknown`)],
    docs: registrarPages.errp,
  };
}

/**
 * The days after expiry until a domain not renewed is gone for good at this registrar: its grace and
 * redemption where known, else ICANN's floor (30 days of redemption, deletion possibly at expiry).
 */
export function daysUntilDomainGone(facts: RegistrarFacts): {
  days: number;
  basis: 'registrar' | 'icann-floor';
} {
  if (facts.renewalGraceDays !== undefined && facts.redemptionDays !== undefined) {
    return { days: facts.renewalGraceDays + facts.redemptionDays, basis: 'registrar' };
  }
  return { days: icannFloor.redemptionDays ?? 30, basis: 'icann-floor' };
}

export const registrarRules = {
  manageDomain: {
    id: 'registrar-manage-domain',
    title: "Registrar: the domain is managed through the registrar account's sign-in",
    summary:
      "Renewing, unlocking, transferring or restoring a domain takes the registrar account's sign-in (for Route 53 Domains, the AWS account's): a domain whose registrar account is lost is lost with it, and one not renewed is lost after the registrar's grace and redemption period.",
    docs: registrarPages.errp,
    sources: [...icannFloor.sources, ...registrarFacts.route53.sources.slice(2)],
  },
  expiry: {
    id: 'registrar-domain-expiry',
    title: 'Registrar: a domain not renewed is lost after grace and redemption',
    summary:
      "After expiry a registrar may delete at once (ICANN's floor) and the registry keeps the name 30 days for redemption at a fee; Route 53 renews late until day 44 and restores until day 75 for generic TLDs; Cloudflare gives 30 days of redemption. Other registrars' figures are unknown: ICANN's floor is used.",
    docs: registrarPages.errp,
    sources: [...icannFloor.sources, ...registrarFacts.route53.sources, ...registrarFacts.cloudflare.sources],
  },
  accountRecovery: {
    id: 'registrar-account-recovery',
    title: "Registrar: the account's own recovery",
    summary:
      "Cloudflare recovers an account whose second factor is lost in 3-5 days through the account e-mail and a device used before; other registrars' recovery is not modelled (unknown).",
    docs: registrarPages.cloudflareRecovery,
    sources: registrarFacts.cloudflare.accountRecovery?.sources ?? [],
  },
  transferLock: {
    id: 'registrar-transfer-lock',
    title: 'Registrar: the transfer lock (clientTransferProhibited) keeps the domain at its registrar',
    summary:
      "With the transfer lock on, the registry rejects every request to move the domain to another registrar until the registrar account removes it; with it off, a transfer needs the registrant's (or administrative contact's) approval to the gaining registrar, and whoever can give that through the registrar account or its mail moves the domain, its DNS and the mail on it. How far each registrar checks a transfer beyond that is unknown (not modelled).",
    docs: registrarPages.icannTransferPolicy,
    sources: [
      documented(
        registrarPages.icannTransferPolicy,
        'ICANN Transfer Policy I.A.1.1 and 2.1: the Registered Name Holder and the Administrative Contact are the only parties who may approve a transfer; the gaining registrar must obtain express authorization from one of them',
      ),
      documented(
        registrarPages.route53TransferLock,
        'Route 53 Domains: the transfer lock is the clientTransferProhibited status and prevents domain transfers',
      ),
      observed(
        'https://readforlearn.com/what-is-icann-domain-status-clienttransferprohibited/',
        "ICANN's EPP status page quoted there (icann.org/epp#clientTransferProhibited): it is not possible to transfer the registration, which helps prevent unauthorized transfers resulting from hijacking or fraud",
      ),
    ],
  },
} as const satisfies Record<string, Rule>;

export const registrarTimings = {
  signIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [observed('estimate from ordinary sign-ins: a password and a second step take minutes')],
  },
  /** Within the registrar's own grace after expiry: renewing at the normal price, through its account. */
  lateRenewal: {
    duration: hours(0.1, 1, 24),
    source: "a late renewal within the registrar's grace",
    sources: [
      documented(registrarPages.route53Living, 'late renewal until 44 days after expiration (generic TLDs)'),
      observed('estimate: a renewal and the DNS coming back take an hour or so; registrars give no figure'),
    ],
  },
  /** In the redemption period: a restore through the registrar (and its registry), at a fee. */
  redemptionRestore: {
    duration: hours(days(1), days(3), days(30)),
    source: 'a restore from the redemption period',
    sources: [
      documented(
        registrarPages.route53Restore,
        'restoring an expired domain is an AWS Support case; in rare cases a week or more',
      ),
      observed('estimate: a restore from redemption at a registrar, days'),
    ],
  },
} as const satisfies Record<string, Timing>;

/**
 * The facts of the registrar a domain names: Route 53 Domains for an AWS account of the inventory, the
 * registrar of a registrar account, a registrar named directly (gandi); anything else is unknown (ICANN's
 * floor applies through `daysUntilDomainGone`).
 */
export function registrarFactsOf(
  registrar: string,
  awsAccounts: ReadonlyMap<string, unknown>,
  outsideAccounts: ReadonlyMap<string, OutsideAccount>,
): RegistrarFacts {
  if (awsAccounts.has(registrar)) return registrarFacts.route53;
  const outside = outsideAccounts.get(registrar);
  if (outside?.provider === 'registrar') return registrarFacts[outside.registrar];
  const named = registrarNames.find((name) => name === registrar.toLowerCase());
  return named === undefined ? registrarFacts.other : registrarFacts[named];
}

/**
 * How long getting an expired domain back takes, `daysSinceExpiry` after it expired, at this registrar: a late
 * renewal within its grace, a restore within redemption, nothing once both have passed (released: gone for
 * good). Unknown figures fall back on ICANN's floor: deletion possibly at expiry, then 30 days of redemption.
 */
export function domainRestoreAfterExpiry(facts: RegistrarFacts, daysSinceExpiry: number): Timing | undefined {
  const grace = facts.renewalGraceDays ?? icannFloor.renewalGraceDays ?? 0;
  const gone = daysUntilDomainGone(facts).days;
  if (daysSinceExpiry <= grace && grace > 0) return registrarTimings.lateRenewal;
  if (daysSinceExpiry <= gone) return registrarTimings.redemptionRestore;
  return undefined;
}
