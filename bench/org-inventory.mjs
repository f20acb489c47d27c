/**
 * Generates a realistic Organization inventory in Lockout's own YAML format, for the benchmark: one management
 * account and its members (a few legacy accounts outside consolidated billing), a handful of administrators with
 * their phones, laptops and passports, an identity provider and a mail provider, three shared mail domains, shared
 * cards, and per-account root mailboxes and security keys.
 *
 * Usage: node bench/org-inventory.mjs --accounts 10000 [--varied] [-o FILE] (standard output without -o)
 *
 * Nothing in the inventory is lost or expired on its asOf day, and no mailbox depends on a domain hosted in one of
 * its accounts. Its MEF export still carries `lockout-lost` events, for the facts left unknown by design (below, and
 * the management account's undeclared sts:AssumeRoot principal), and a cycle: the providers' administrators reset
 * one another's sign-ins, their own included. SCRAM ignores the first and refuses the second, so the benchmark
 * only times the engine on this graph. The identity provider and the mail provider are the outside accounts they are (issue 16): an
 * Entra ID tenant whose Global Administrators are two of the admins, with a break-glass account, and a Google
 * Workspace tenant whose super admins are the same two; every admin and finance person has an account at each,
 * and the team vault is a 1Password account two admins can recover. Three events are unknowns by design: the
 * tenants' primary domains (the providers' last way back for locked-out admins) are not declared, and Microsoft
 * documents no recovery of a tenant whose admins are all locked out.
 *
 * Root's group addresses are read by the four admins (`readers`), not held by the mail provider (`dependsOn`), and
 * that is a decision, not an accident (issue 16): a platform team's root address is a Google group that delivers
 * each message to every member's inbox, so AWS's mail reaches root as long as one admin can read theirs, and it
 * fails with the domain (declared) or with all four readers. While the mail provider was one opaque factor every
 * group depended on, that one factor was a single point of failure of every account's root, which a Workspace
 * does not make it: its tenant being locked out stops no delivery, and each member's own mailbox has its own ways
 * back. At 10,000 accounts this took the single points of failure from 10,600 to 600 and the lockout sets of
 * order ≤ 2 from 157,135 to 81,735; the figures fell because the model got truer, not because the bench got easier.
 * (A reader is a person: a reader who keeps the job but loses their own Google sign-in still counts as reading;
 * with four readers that matters only for sets of four losses or more, which the bench's listing (order ≤ 2)
 * does not reach.)
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';

const AS_OF = '2025-06-01';
const VERIFIED = '2025-05-20';

/** Administrators of the cloud estate: each has a phone, a laptop and a mobile number; two have passports. */
const ADMINS = ['aiko', 'bruno', 'chen', 'dana'];
/** Finance staff who may pay from the management account. */
const FINANCE = ['emi', 'farid'];
/** Shared mail domains: most root addresses live on the first. */
const MAIL_DOMAINS = [
  { id: 'corp-aws-mail', name: 'aws.corp.example', label: 'AWS root mail domain' },
  { id: 'corp-mail', name: 'corp.example', label: 'Company domain' },
  { id: 'acquired-mail', name: 'acquired.example', label: 'Domain of an acquired company' },
];

/** 12-digit account id of account number `index` (0 is the management account). */
export function accountId(index) {
  return String(100_000_000_000 + index);
}

/**
 * A deterministic pseudo-random generator (a linear congruential one, as glibc's rand): the varied Organization
 * is the same in every run.
 */
function seeded(seed) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  return { next, pick: (list) => list[Math.floor(next() * list.length)] };
}

/**
 * The inventory of an Organization of `accounts` accounts (the management account included), as an object.
 *
 * `varied`: each member's root as whoever created the account set it up, the way a hand-run Organization grows:
 * one to five MFA devices (security keys, TOTP tokens, an authenticator on an admin's phone), each held by any
 * admin, half of the keys in a safe; the contact number any admin's or the office line; root's address any group
 * address or a personal mailbox; one in five with a billing contact. Where the plain generator's 10,000 accounts
 * come in a few dozen shapes, these come in about 2,000: what sharing work between accounts alike cannot spare.
 */
export function organizationInventory(accounts, { varied = false } = {}) {
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`accounts must be ≥ 1: ${accounts}`);
  const width = String(accounts - 1).length;
  const number = (index) => String(index).padStart(width, '0');
  const people = [
    ...ADMINS.map((id, i) => ({ id, name: `${id[0].toUpperCase()}${id.slice(1)} (cloud admin ${i + 1})` })),
    ...FINANCE.map((id) => ({ id, name: `${id[0].toUpperCase()}${id.slice(1)} (finance)`, team: 'finance' })),
  ];
  const staff = [...ADMINS, ...FINANCE];
  const devices = staff.flatMap((person) => [
    { id: `${person}-phone`, kind: 'phone', holder: person, verified: VERIFIED },
    { id: `${person}-laptop`, kind: 'laptop', holder: person, verified: VERIFIED },
  ]);
  const phoneNumbers = [
    { id: 'office-line', label: 'Office line (reception)', number: '+81 3-0000-0100', verified: VERIFIED },
    ...ADMINS.map((person, i) => ({
      id: `${person}-mobile`,
      number: `+81 90-0000-01${String(i).padStart(2, '0')}`,
      holder: person,
      dependsOn: [`${person}-phone`],
      verified: VERIFIED,
    })),
  ];
  const domains = MAIL_DOMAINS.map((domain) => ({
    id: domain.id,
    name: domain.name,
    label: domain.label,
    registrar: 'gandi',
    dns: 'cloudflare',
    expires: '2027-03-31',
    autoRenew: true,
    verified: VERIFIED,
  }));
  const mailboxes = [
    // One group address per mail domain, plus-addressed per account (aws+NAME@...), delivered to every admin's
    // inbox: lost only when every admin is.
    ...MAIL_DOMAINS.map((domain) => ({
      id: `${domain.id}-root-group`,
      label: `Root group address on ${domain.name}`,
      address: `aws@${domain.name}`,
      domain: domain.id,
      provider: 'google-workspace',
      readers: [...ADMINS],
      verified: VERIFIED,
    })),
    // Finance's own mailboxes and the first admin's (the vault's address), held by their Google Workspace accounts.
    ...[...FINANCE, ADMINS[0]].map((person) => ({
      id: `${person}-mailbox`,
      address: `${person}@corp.example`,
      domain: 'corp-mail',
      provider: 'google-workspace',
      account: `${person}-google`,
    })),
  ];
  const cards = [
    {
      id: 'card-main',
      label: 'Corporate card',
      lastFour: '4242',
      expires: '2027-09',
      status: 'ok',
      holder: 'emi',
    },
    {
      id: 'card-backup',
      label: 'Backup card',
      lastFour: '5100',
      expires: '2028-03',
      status: 'ok',
      holder: 'farid',
    },
    {
      id: 'card-legacy',
      label: 'Legacy team card',
      lastFour: '0007',
      expires: '2026-12',
      status: 'ok',
      holder: 'aiko',
    },
  ];
  const passwordStores = [
    { id: 'team-vault', label: 'Team password manager (root passwords)', account: 'vault-account' },
  ];
  // The break-glass account's security key sleeps in a safe.
  devices.push({ id: 'breakglass-key', kind: 'security-key', location: 'safe-osaka', verified: VERIFIED });
  const outsideAccounts = organizationOutsideAccounts(staff);
  const identityDocuments = ADMINS.slice(0, 2).map((person) => ({
    id: `${person}-passport`,
    kind: 'passport',
    holder: person,
    country: 'JP',
    expires: '2031-01-31',
    verified: VERIFIED,
  }));

  const management = accountId(0);
  const accountList = [];
  const random = seeded(12345);
  for (let index = 0; index < accounts; index++) {
    const id = accountId(index);
    const keeper = ADMINS[index % ADMINS.length];
    const second = ADMINS[(index + 1) % ADMINS.length];
    // Per-account security keys: one for most roots, two for the management account and every tenth member.
    const keys = [
      { id: `key-${number(index)}`, holder: keeper, location: index % 2 === 0 ? 'safe-tokyo' : 'safe-osaka' },
    ];
    if (index === 0 || index % 10 === 0) {
      keys.push({
        id: `key-${number(index)}-b`,
        holder: second,
        location: index % 2 === 0 ? 'safe-osaka' : 'safe-tokyo',
      });
    }
    // A varied root has MFA devices of its own making, in place of the keys.
    const roots = varied && index !== 0 ? variedRoot(number(index), random, devices) : undefined;
    if (!roots) for (const key of keys) devices.push({ kind: 'security-key', ...key, verified: VERIFIED });
    // Most roots use the AWS mail domain's group address; some older accounts the company's or the acquired one's.
    const mailDomain =
      index % 20 === 7 ? MAIL_DOMAINS[2] : index % 5 === 3 ? MAIL_DOMAINS[1] : MAIL_DOMAINS[0];
    // One account in twenty-five sits outside consolidated billing (a legacy or acquired account paying by card).
    const standalone = index !== 0 && index % 25 === 13;
    const account = {
      id,
      name: index === 0 ? 'org-management' : `${standalone ? 'legacy' : 'member'}-${number(index)}`,
      organization: index === 0 ? 'management' : standalone ? 'standalone' : 'member',
      ...(index === 0 || standalone ? {} : { managementAccount: management }),
      root: {
        email: `${mailDomain.id}-root-group`,
        password: { storedIn: 'team-vault', verified: VERIFIED },
        mfa: roots?.mfa ?? keys.map((key) => ({ type: 'fido', heldBy: key.id, verified: VERIFIED })),
        verified: VERIFIED,
      },
      contactPhone: roots?.contactPhone ?? (index % 3 === 0 ? 'office-line' : `${keeper}-mobile`),
    };
    if (roots) {
      account.root.email = roots.email;
      if (roots.billingContact)
        account.billingContact = { mailbox: roots.billingContact, verified: VERIFIED };
    }
    if (index === 0) {
      // Billing mail reaches finance too (Account settings, Alternate contacts), on the company's domain.
      account.billingContact = { mailbox: 'emi-mailbox', verified: VERIFIED };
      account.payment = { cards: ['card-main', 'card-backup'], verified: VERIFIED };
      account.iamBillingAccess = { activated: true, verified: VERIFIED };
      account.billingPrincipals = FINANCE.map((person) => ({
        name: `${person} (BillingAdmin permission set)`,
        kind: 'identity-center-user',
        signIn: [`${person}-entra`, `${person}-laptop`, `${person}-phone`],
        verified: VERIFIED,
      }));
    } else if (standalone) {
      // Half the legacy accounts never set a billing contact: their bills reach root's address only.
      if (index % 2 === 1) account.billingContact = { mailbox: 'farid-mailbox', verified: VERIFIED };
      account.payment = {
        cards: index % 2 === 0 ? ['card-legacy'] : ['card-legacy', 'card-main'],
        verified: VERIFIED,
      };
      account.iamBillingAccess = { activated: true, verified: VERIFIED };
      account.billingPrincipals = [
        { name: `${keeper} (IAM user)`, kind: 'iam-user', signIn: ['team-vault', `${keeper}-phone`] },
      ];
    } else {
      account.payment = { paidBy: 'management' };
    }
    accountList.push(account);
  }
  // A few product domains registered and hosted in workload members: suspension of those accounts takes them down,
  // but no mailbox depends on them, so the graph stays acyclic.
  for (let index = 50; index < accounts; index += 500) {
    domains.push({
      id: `product-${number(index)}`,
      name: `product-${number(index)}.example`,
      registrar: accountId(index),
      dns: accountId(index),
      expires: '2026-11-30',
      autoRenew: true,
    });
  }
  return {
    version: 1,
    owner: `Example Corp (benchmark Organization of ${accounts} accounts)`,
    asOf: AS_OF,
    factors: {
      people,
      devices,
      phoneNumbers,
      mailboxes,
      domains,
      cards,
      passwordStores,
      identityDocuments,
      // The two safes the security keys sleep in: each key is lost with its safe.
      places: [
        { id: 'safe-tokyo', kind: 'safe', label: 'Safe in the Tokyo office' },
        { id: 'safe-osaka', kind: 'safe', label: 'Safe in the Osaka office' },
      ],
    },
    accounts: accountList,
    outsideAccounts,
  };
}

/** A varied member's root (see organizationInventory): its MFA devices (added to `devices`), number and address. */
function variedRoot(number, random, devices) {
  const mfa = [];
  const count = 1 + Math.floor(random.next() * 5);
  for (let at = 0; at < count; at++) {
    const kind = random.pick(['security-key', 'totp-token', 'phone']);
    if (kind === 'phone') {
      mfa.push({ type: 'virtual', heldBy: `${random.pick(ADMINS)}-phone`, verified: VERIFIED });
      continue;
    }
    const id = `root-${number}-${at}`;
    const place = random.next() < 0.5 ? { location: random.pick(['safe-tokyo', 'safe-osaka']) } : {};
    devices.push({ id, kind, holder: random.pick(ADMINS), ...place, verified: VERIFIED });
    mfa.push({ type: kind === 'security-key' ? 'fido' : 'hardware-totp', heldBy: id, verified: VERIFIED });
  }
  return {
    mfa,
    contactPhone: random.next() < 0.3 ? 'office-line' : `${random.pick(ADMINS)}-mobile`,
    email: random.pick([
      ...MAIL_DOMAINS.map((domain) => `${domain.id}-root-group`),
      `${FINANCE[0]}-mailbox`,
      `${ADMINS[0]}-mailbox`,
    ]),
    billingContact:
      random.next() < 0.2 ? random.pick(FINANCE.map((person) => `${person}-mailbox`)) : undefined,
  };
}

/**
 * The identity provider (an Entra ID tenant), the mail provider (a Google Workspace tenant) and the team vault's
 * 1Password account, with an account for each of `staff` at both tenants: every fact their recovery asks about
 * is declared but the tenants' primary domains (and Microsoft's tenant recovery is undocumented).
 */
function organizationOutsideAccounts(staff) {
  const admins = ADMINS.slice(0, 2);
  const member = (person, provider, extra) => ({
    id: `${person}-${provider === 'microsoft' ? 'entra' : provider}`,
    provider,
    holder: person,
    password: { storedIn: person },
    twoStepVerification: 'on',
    secondFactors: [{ type: 'prompt', heldBy: `${person}-phone` }],
    // Admins have their mobile number as recovery phone; finance the office line.
    recovery: { phone: ADMINS.includes(person) ? `${person}-mobile` : 'office-line' },
    verified: VERIFIED,
    ...extra,
  });
  return [
    {
      id: 'identity-provider',
      provider: 'microsoft-entra',
      name: 'Identity provider tenant (Entra ID: SSO for the console)',
      globalAdmins: admins.map((person) => `${person}-entra`),
      emergencyAccessAccounts: ['breakglass-entra'],
      verified: VERIFIED,
    },
    ...staff.map((person) => member(person, 'microsoft', { tenant: 'identity-provider' })),
    {
      id: 'breakglass-entra',
      provider: 'microsoft',
      name: 'Break-glass account',
      tenant: 'identity-provider',
      password: { storedIn: 'team-vault' },
      twoStepVerification: 'on',
      secondFactors: [{ type: 'security-key', heldBy: 'breakglass-key' }],
      recovery: {},
      verified: VERIFIED,
    },
    {
      id: 'mail-provider',
      provider: 'google-workspace',
      name: 'Mail provider tenant (Google Workspace)',
      superAdmins: admins.map((person) => `${person}-google`),
      superAdminSelfRecovery: 'on',
      twoStepEnforced: 'on',
      verified: VERIFIED,
    },
    ...staff.map((person) => member(person, 'google', { workspace: 'mail-provider' })),
    {
      id: 'vault-account',
      provider: '1password',
      name: 'Team 1Password account',
      holder: ADMINS[0],
      password: { storedIn: ADMINS[0] },
      twoStepVerification: 'off',
      secondFactors: [],
      secretKey: { storedIn: 'safe-tokyo' },
      recovery: { email: `${ADMINS[0]}-mailbox` },
      recoverers: [...admins],
      verified: VERIFIED,
    },
  ];
}

/** The same inventory as YAML text. */
export function organizationInventoryYaml(accounts, options = {}) {
  return stringify(organizationInventory(accounts, options), { lineWidth: 0 });
}

function main(argv) {
  let accounts;
  let output;
  let varied = false;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--accounts') accounts = Number(argv[i + 1]);
    else if (argv[i] === '-o' || argv[i] === '--output') output = argv[i + 1];
    else if (argv[i] === '--varied') {
      // A flag: no value after it.
      varied = true;
      i -= 1;
    } else throw new Error(`unknown option ${argv[i]} (usage: --accounts N [--varied] [-o FILE])`);
  }
  if (accounts === undefined)
    throw new Error('usage: node bench/org-inventory.mjs --accounts N [--varied] [-o FILE]');
  const text = organizationInventoryYaml(accounts, { varied });
  if (output === undefined) process.stdout.write(text);
  else writeFileSync(output, text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
