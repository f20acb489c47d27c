/**
 * The owner's declaration of what they hold (factors) and what they run (accounts), as the rest of Lockout reads
 * it once the inventory file has been loaded and checked.
 */

import { keyedBy } from './keyed-lists.js';

/** A calendar day, `YYYY-MM-DD`, always a real date. */
export type Day = string;
/** A calendar month, `YYYY-MM` (a card's expiry). */
export type Month = string;
/** A factor's id: kebab-case, starting with a letter, unique among all factors. */
export type FactorId = string;
/** An AWS account id: exactly 12 digits, kept as a string so leading zeros survive. */
export type AccountId = string;

/**
 * Whether the owner still has the factor: `lost` (gone), `outdated` (still exists but no longer the owner's,
 * like a phone number given up), `unknown` (a scan saw it, nobody has said it is still theirs: what
 * `lockout init` writes until the question is answered). The analysis counts all three as lost, the last as
 * an unknown. Absent means `ok`.
 */
export type FactorState = 'ok' | 'lost' | 'outdated' | 'unknown';

/** What every factor may say about itself. */
export interface FactorBase {
  id: FactorId;
  /** Human name shown in reports instead of the id. */
  label?: string | undefined;
  state?: FactorState | undefined;
  /** The day the owner last checked that the factor is there and works. */
  verified?: Day | undefined;
  /** Factor ids or account ids this one needs to keep working: an authenticator's phone, a store's laptop. */
  dependsOn?: string[] | undefined;
  notes?: string | undefined;
}

export type DeviceKind = 'phone' | 'laptop' | 'desktop' | 'tablet' | 'security-key' | 'totp-token';

/** Something that can be kept somewhere, and so lost with that place (a fire, a burglary, a lost bag). */
export interface Kept {
  /** The place factor where it is kept. */
  location?: FactorId | undefined;
}

export interface Device extends FactorBase, Kept {
  kind: DeviceKind;
  /** The person who keeps it. */
  holder?: FactorId | undefined;
}

export type PlaceKind = 'safe' | 'home' | 'office' | 'bank-box' | 'data-centre' | 'other';

/** A place things are kept: what is kept there is lost with it. */
export interface Place extends FactorBase {
  kind?: PlaceKind | undefined;
}

/**
 * An account that syncs secrets between devices (iCloud Keychain, Google Password Manager, a password manager):
 * a passkey or TOTP seed synced through it survives the loss of a phone and is lost with the account.
 */
export interface SyncAccount extends FactorBase {
  /** icloud-keychain, google-password-manager, 1password, bitwarden… */
  provider: string;
  holder?: FactorId | undefined;
  /** The outside account it is (outsideAccounts): lost when that account's sign-in is. */
  account?: FactorId | undefined;
}

/** What kind of line a number is: AWS refuses toll-free numbers for the codes of alternative factors. */
export type PhoneLineKind = 'mobile' | 'landline' | 'voip' | 'toll-free';

export interface PhoneNumber extends FactorBase {
  /** In international form (`+81 90-…`); reports mask it unless asked. */
  number?: string | undefined;
  kind?: PhoneLineKind | undefined;
  holder?: FactorId | undefined;
  /** The carrier's name (as before), or its kind and name: getting a lost number back depends on the kind. */
  carrier?: string | PhoneCarrier | undefined;
}

/** How a number is held: how long getting it back takes (a new SIM, a port back) depends on it. */
export type CarrierKind = 'postpaid' | 'prepaid' | 'mvno' | 'voip' | 'unknown';

export interface PhoneCarrier {
  kind: CarrierKind;
  name?: string | undefined;
}

export interface Mailbox extends FactorBase {
  address?: string | undefined;
  /** The domain factor the address lives on, when it is the owner's own domain. */
  domain?: FactorId | undefined;
  /** Who hosts the mailbox (`gmail`, `fastmail`…). */
  provider?: string | undefined;
  /** The person who reads it: the mail is lost with them. */
  holder?: FactorId | undefined;
  /** The people who read a shared address: the mail is lost only when every one of them is. */
  readers?: FactorId[] | undefined;
  /** The outside account that holds the mailbox (outsideAccounts): it is lost when that account's sign-in is. */
  account?: FactorId | undefined;
}

export interface Domain extends FactorBase {
  /** The domain name itself, `example.net`. */
  name: string;
  /**
   * Where it is registered: an account id of this inventory (Route 53 Domains), an outside account's id
   * (outsideAccounts), or a registrar's name.
   */
  registrar: string;
  /** Where its DNS is hosted: an account id of this inventory, an outside account's id, or a provider's name. */
  dns: string;
  expires?: Day | undefined;
  /** Absent: unknown (a scan of Route 53 Domains fills it in). */
  autoRenew?: boolean | undefined;
  /** The registrar's transfer lock (clientTransferProhibited); absent: unknown. */
  transferLock?: OnOffUnknown | undefined;
  /** The card factor the renewal is charged to; for Route 53 the AWS account's card applies. */
  renewsWith?: FactorId | undefined;
}

/** A setting as the owner knows it: `unknown` says the same as leaving it out. */
export type OnOffUnknown = 'on' | 'off' | 'unknown';

/** What the issuer says about a card; a card can be `ok` here and still `lost` by its holder. */
export type CardStatus = 'ok' | 'revoked' | 'expired';

export interface Card extends FactorBase, Kept {
  /** The last four digits: never more (a full number in the inventory is refused). */
  lastFour: string;
  expires: Month;
  status: CardStatus;
  brand?: string | undefined;
  holder?: FactorId | undefined;
}

export interface PasswordStore extends FactorBase, Kept {
  /** The outside account of a hosted password manager (outsideAccounts): lost when its sign-in is. */
  account?: FactorId | undefined;
}

export type IdentityDocumentKind =
  'passport' | 'driving-licence' | 'national-id' | 'residence-card' | 'other';

export interface IdentityDocument extends FactorBase, Kept {
  kind: IdentityDocumentKind;
  expires?: Day | undefined;
  holder?: FactorId | undefined;
  /** Issuing country, e.g. `JP`. */
  country?: string | undefined;
}

export interface Person extends FactorBase {
  name: string;
  team?: string | undefined;
  role?: string | undefined;
}

/** Factors as declared: one list per type. */
export interface Factors {
  people?: Person[] | undefined;
  devices?: Device[] | undefined;
  phoneNumbers?: PhoneNumber[] | undefined;
  mailboxes?: Mailbox[] | undefined;
  domains?: Domain[] | undefined;
  cards?: Card[] | undefined;
  passwordStores?: PasswordStore[] | undefined;
  identityDocuments?: IdentityDocument[] | undefined;
  places?: Place[] | undefined;
  syncAccounts?: SyncAccount[] | undefined;
}

/**
 * One type name per factor list; a `Factor` carries it so code can handle all factors in one pass.
 */
export const factorTypes = {
  people: 'person',
  devices: 'device',
  phoneNumbers: 'phone-number',
  mailboxes: 'mailbox',
  domains: 'domain',
  cards: 'card',
  passwordStores: 'password-store',
  identityDocuments: 'identity-document',
  places: 'place',
  syncAccounts: 'sync-account',
} as const satisfies Record<keyof Factors, string>;

export type FactorSection = keyof typeof factorTypes;

/** The factor lists in the order they are read and reported. */
export const factorSections: readonly FactorSection[] = [
  'people',
  'devices',
  'phoneNumbers',
  'mailboxes',
  'domains',
  'cards',
  'passwordStores',
  'identityDocuments',
  'places',
  'syncAccounts',
];
export type FactorType = (typeof factorTypes)[FactorSection];

export type Factor =
  | ({ type: 'person' } & Person)
  | ({ type: 'device' } & Device)
  | ({ type: 'phone-number' } & PhoneNumber)
  | ({ type: 'mailbox' } & Mailbox)
  | ({ type: 'domain' } & Domain)
  | ({ type: 'card' } & Card)
  | ({ type: 'password-store' } & PasswordStore)
  | ({ type: 'identity-document' } & IdentityDocument)
  | ({ type: 'place' } & Place)
  | ({ type: 'sync-account' } & SyncAccount);

/** `virtual`: an authenticator app; `hardware-totp`: a code-showing token; `fido`: a security key or passkey. */
export type MfaType = 'virtual' | 'hardware-totp' | 'fido';

export interface RootMfaDevice {
  type: MfaType;
  /**
   * The factor that holds it: the phone for an authenticator app, the key itself for a security key, the sync
   * account (or password manager) for a synced passkey or TOTP seed.
   */
  heldBy: FactorId;
  label?: string | undefined;
  verified?: Day | undefined;
}

export interface RootPassword {
  /** A password store, a device, or a person who remembers it. */
  storedIn?: FactorId | undefined;
  /** Anything else (`written down in the safe`): the analysis treats it as unknown. */
  note?: string | undefined;
  verified?: Day | undefined;
}

export interface Root {
  /**
   * The mailbox factor of the root user's email address. An inventory declares it with root; absent only when a
   * scan saw root's MFA but not its address (account:GetPrimaryEmail answers only in a management account):
   * unknown, counted as lost.
   */
  email?: FactorId | undefined;
  password?: RootPassword | undefined;
  /** Up to 8 devices. Absent means unknown; `[]` means the owner attests root has no MFA. */
  mfa?: RootMfaDevice[] | undefined;
  /**
   * `false`: root has no password, access keys or MFA (deleted through centralized root access); it is reached
   * only through sts:AssumeRoot from the management account. Absent or `true`: it has credentials.
   */
  credentials?: boolean | undefined;
  verified?: Day | undefined;
}

export type OrganizationRole = 'standalone' | 'management' | 'member';

export interface Payment {
  /** Card factors on file, the default first. Not for members, whose management account pays. */
  cards?: FactorId[] | undefined;
  /** For members of an Organization: their management account pays. */
  paidBy?: 'management' | undefined;
  /**
   * For a management account: the Organization's billing is transferred to this account (another Organization's
   * management account), which then pays and receives the billing notices.
   */
  transferredTo?: AccountId | undefined;
  verified?: Day | undefined;
}

/** "IAM user and role access to Billing information": no API shows it, so the owner attests it. */
export interface IamBillingAccess {
  activated: boolean;
  verified?: Day | undefined;
}

export type PrincipalKind = 'iam-user' | 'iam-role' | 'identity-center-user';

/**
 * A principal other than root (an IAM user or role, an Identity Center user) and what it may do. Listed under
 * `billingPrincipals` without `permissions`, it is attested to be allowed to change the payment method; with
 * `permissions`, it may do what they allow. Billing actions work only while IAM billing access is activated.
 */
export interface BillingPrincipal {
  name: string;
  kind?: PrincipalKind | undefined;
  /** The factors needed to sign in as this principal. */
  signIn: FactorId[];
  /**
   * IAM actions it is allowed, wildcards as IAM writes them (`payments:*`, `account:PutContactInformation`,
   * `sts:AssumeRoot`, `*` for AdministratorAccess).
   */
  permissions?: string[] | undefined;
  verified?: Day | undefined;
}

/** Centralized root access of an Organization (IAM, Root access management), declared on its management account. */
export interface OrganizationFeatures {
  /** RootCredentialsManagement: member roots' credentials can be deleted, audited and recovery allowed. */
  rootCredentialsManagement?: boolean | undefined;
  /** RootSessions: privileged tasks in member accounts through sts:AssumeRoot. */
  rootSessions?: boolean | undefined;
  verified?: Day | undefined;
}

/**
 * The alternate billing contact (account settings, Alternate contacts): AWS sends billing mail there as well
 * as to root's address. Named by its mailbox factor, or by its address, which must match a declared mailbox's
 * to count: an address that matches none is an unknown mailbox, never counted as one that works.
 */
export interface BillingContact {
  /** The mailbox factor of its address. */
  mailbox?: FactorId | undefined;
  /** Its address, as AWS shows it (account:GetAlternateContact) or as the owner sees it in the console. */
  address?: string | undefined;
  verified?: Day | undefined;
}

export interface Account {
  id: AccountId;
  name: string;
  organization: OrganizationRole;
  /** For members only: the management account of their Organization. */
  managementAccount?: AccountId | undefined;
  /** Absent means nothing is known about root (typical for members whose root is managed centrally). */
  root?: Root | undefined;
  /** The phone-number factor AWS calls during lost-MFA recovery. */
  contactPhone?: FactorId | undefined;
  /** Where billing mail goes besides root's address; absent when there is none or it is not declared. */
  billingContact?: BillingContact | undefined;
  payment?: Payment | undefined;
  iamBillingAccess?: IamBillingAccess | undefined;
  billingPrincipals?: BillingPrincipal[] | undefined;
  /** Other principals of the account with what they may do (`permissions` required to count for anything). */
  principals?: BillingPrincipal[] | undefined;
  /** For a management account: the Organization's centralized root access. */
  organizationFeatures?: OrganizationFeatures | undefined;
  /**
   * Domain factors registered or hosted (DNS) in this account. May be left out of the file; once loaded it is
   * complete, filled in from each domain's registrar and dns.
   */
  domains?: FactorId[] | undefined;
  /** What the owner runs here, in their words: what a suspension would take down. */
  workloads?: string[] | undefined;
  notes?: string | undefined;
}

/** How an alert reaches the owner: the same kinds `lockout watch` sends through. */
export type AlertChannelKind = 'email' | 'slack' | 'webhook' | 'sns';

/** What every alert channel says: its name, the one `lockout watch` is given, and what it needs beyond its kind. */
export interface AlertChannelBase {
  /** Letters, digits, - and _, at most 40: the NAME of `lockout watch --email/--slack/--webhook/--sns NAME`. */
  name: string;
  /** Factor ids or account ids the channel also needs to reach the owner (the phone the Slack app is on). */
  dependsOn?: string[] | undefined;
  verified?: Day | undefined;
  notes?: string | undefined;
}

/** Mail to an address: lost with its mailbox, and with the domain it is on (and so the account hosting that). */
export interface EmailChannel extends AlertChannelBase {
  kind: 'email';
  address?: string | undefined;
  /** The mailbox factor the alerts land in, when the inventory declares it. */
  mailbox?: FactorId | undefined;
}

/** A Slack incoming webhook: the URL is a secret and stays in the environment; the workspace is declared. */
export interface SlackChannel extends AlertChannelBase {
  kind: 'slack';
  /** The workspace (`acme.slack.com`): something outside the inventory that can be lost. */
  workspace: string;
  /** The person or mailbox factor that administers the workspace: the workspace is lost with them. */
  admin?: FactorId | undefined;
}

/** A JSON webhook: its host's domain may be one of the inventory's, its receiver may run in one of its accounts. */
export interface WebhookChannel extends AlertChannelBase {
  kind: 'webhook';
  /** Without credentials or a query string: those are secrets, kept in the environment. */
  url?: string | undefined;
  /** The account of this inventory the receiver runs in. */
  hostedIn?: AccountId | undefined;
}

/** An Amazon SNS topic: lost with the account that holds it (read from its ARN). */
export interface SnsChannel extends AlertChannelBase {
  kind: 'sns';
  /** The topic's ARN: `arn:aws:sns:REGION:ACCOUNT:NAME`. */
  topic: string;
}

export type AlertChannel = EmailChannel | SlackChannel | WebhookChannel | SnsChannel;

/** What `lockout watch` alerts through, declared so the model can judge whether the alerts can still arrive. */
export interface Watch {
  channels?: AlertChannel[] | undefined;
}

/**
 * The providers Lockout has a model of for accounts outside AWS; `other` is any provider it has none of,
 * read generically: the declared password and second steps, recovery and timings unknown, never counted as safe.
 */
export const outsideProviders = [
  'google',
  // Identity providers: an organisation or tenant and the accounts in it (issue 16).
  'google-workspace',
  'microsoft',
  'microsoft-entra',
  // GitHub, registrars and password managers (issue 16).
  'github',
  'github-organization',
  'registrar',
  '1password',
  'bitwarden',
  // The Apple Account that syncs passkeys through iCloud Keychain (issue 16).
  'apple',
  'other',
] as const;
export type OutsideProvider = (typeof outsideProviders)[number];

/**
 * A second step of sign-in, in the providers' words: a passkey, a security key, an authenticator app's code, a
 * prompt on a signed-in phone, a code by SMS or voice call, printed backup codes.
 */
export const secondFactorTypes = [
  'passkey',
  'security-key',
  'authenticator',
  'prompt',
  'sms',
  'voice',
  'backup-codes',
] as const;
export type SecondFactorType = (typeof secondFactorTypes)[number];

export interface SecondFactor {
  type: SecondFactorType;
  /**
   * The factor it lives on: the device (security key, phone with the app or the prompt), the phone number (SMS,
   * voice), the sync account (a synced passkey), the place or password store (printed or saved backup codes).
   */
  heldBy: FactorId;
  label?: string | undefined;
  verified?: Day | undefined;
}

/** Where the password of an outside account is kept: as root's password is declared. */
export type OutsidePassword = RootPassword;

/** The recovery phone and recovery e-mail the provider sends codes to when sign-in fails. */
export interface AccountRecovery {
  /** A phone-number factor. */
  phone?: FactorId | undefined;
  /** A mailbox factor. */
  email?: FactorId | undefined;
  verified?: Day | undefined;
}

/** `on`, `off`, or `unknown` (as absent): 2-Step Verification, in Google's words. */
export type TwoStepVerification = 'on' | 'off' | 'unknown';

/**
 * An account at a provider outside AWS (a mail provider, a sync account's provider, a password manager): its
 * own sign-in, expanded through its provider's model, holds the mailboxes, sync accounts and password stores
 * that name it. Undeclared facts are unknown, never safe.
 */
/** What every account at another provider that one signs in to declares: its sign-in and its recovery. */
export interface OutsideSignInAccount {
  /** Kebab-case, unique across factors and outside accounts: factors name it in `account`. */
  id: FactorId;
  /** Human name shown in reports. */
  name?: string | undefined;
  /** What the account signs in with (an address, a user name); never a secret. */
  login?: string | undefined;
  /** The person whose account it is. */
  holder?: FactorId | undefined;
  password?: OutsidePassword | undefined;
  twoStepVerification?: TwoStepVerification | undefined;
  /** Absent: unknown. `[]`: the owner attests there is none. */
  secondFactors?: SecondFactor[] | undefined;
  recovery?: AccountRecovery | undefined;
  verified?: Day | undefined;
  notes?: string | undefined;
}

/** A Google account (Gmail, or a user of a Google Workspace organisation). */
export interface GoogleAccount extends OutsideSignInAccount {
  provider: 'google';
  /**
   * The Google Workspace organisation (a `google-workspace` entry) the account is a user of: its admins can
   * reset its password and 2-Step Verification.
   */
  workspace?: FactorId | undefined;
}

/** A GitHub user account; its recovery codes are a second factor of type `backup-codes`. */
export interface GithubAccount extends OutsideSignInAccount {
  provider: 'github';
}

/** A GitHub organisation: administered by any of its owners (GitHub accounts of the inventory). */
export interface GithubOrganization {
  provider: 'github-organization';
  id: FactorId;
  name?: string | undefined;
  /** The organisation's name on GitHub. */
  login?: string | undefined;
  /** Outside account ids of the owners' GitHub accounts; absent: unknown. */
  owners?: FactorId[] | undefined;
  /** Whether the organisation requires two-factor authentication of its members. */
  twoFactorRequired?: OnOffUnknown | undefined;
  verified?: Day | undefined;
  notes?: string | undefined;
}

/** The registrars Lockout has per-registrar facts for; `other` is any other. */
export const registrarNames = ['cloudflare', 'gandi', 'namecheap', 'godaddy', 'porkbun', 'other'] as const;
export type RegistrarName = (typeof registrarNames)[number];

/** An account at a domain registrar: the domains naming it as registrar are managed through its sign-in. */
export interface RegistrarAccount extends OutsideSignInAccount {
  provider: 'registrar';
  registrar: RegistrarName;
}

/** A 1Password account: the password and the Secret Key; recovered only by a recoverer. */
export interface OnePasswordAccount extends OutsideSignInAccount {
  provider: '1password';
  /** Where the Secret Key is kept (the Emergency Kit, a signed-in device): the place shape of a password. */
  secretKey?: OutsidePassword | undefined;
  /** Person factors holding the recovery permission (family organiser, team admin); absent: unknown. */
  recoverers?: FactorId[] | undefined;
}

export type EmergencyAccessLevel = 'view' | 'takeover';

/** A Bitwarden emergency contact: after `waitDays` (unless the owner rejects), the grantee gets in. */
export interface EmergencyAccess {
  /** A person factor. */
  grantee: FactorId;
  waitDays: number;
  access: EmergencyAccessLevel;
  verified?: Day | undefined;
}

/** A Bitwarden account: the master password and two-step login; emergency access to trusted contacts. */
export interface BitwardenAccount extends OutsideSignInAccount {
  provider: 'bitwarden';
  /** Absent: unknown. `[]`: the owner attests there is none. */
  emergencyAccess?: EmergencyAccess[] | undefined;
}

/** An Apple Account's recovery key: on, it replaces account recovery; where it is kept. */
export interface AppleRecoveryKey {
  /** on, off, or unknown: with it on, Apple's account recovery is off. */
  enabled: OnOffUnknown;
  /** Where the key is kept (a place, a password store, a person); absent: unknown. */
  storedIn?: FactorId | undefined;
  note?: string | undefined;
  verified?: Day | undefined;
}

/**
 * An Apple Account (iCloud), whose iCloud Keychain syncs passkeys: signed in with the password and a code on a
 * trusted device (second step `prompt`) or to a trusted phone number (`sms`, `voice`); reset on a trusted
 * device, by an account recovery contact, with the recovery key, or through account recovery's wait.
 * `recovery` (a recovery phone or e-mail) is Google's notion: Apple's model does not read it.
 */
export interface AppleAccount extends OutsideSignInAccount {
  provider: 'apple';
  /** Person factors set up as account recovery contacts. Absent: unknown. `[]`: attested none. */
  recoveryContacts?: FactorId[] | undefined;
  /** Absent: unknown whether a recovery key is on. */
  recoveryKey?: AppleRecoveryKey | undefined;
}

/** An account at a provider Lockout has no model of. */
export interface OtherOutsideAccount extends OutsideSignInAccount {
  provider: 'other';
}

/** `on`, `off` or `unknown` (as absent): an organisation's setting as its admin console shows it. */
export type OrganisationSetting = 'on' | 'off' | 'unknown';

/**
 * A Google Workspace organisation: not something one signs in to, but what its super admins administer
 * (reset its users' passwords and 2-Step Verification).
 */
export interface GoogleWorkspace {
  provider: 'google-workspace';
  id: FactorId;
  name?: string | undefined;
  /** The domain factor of its primary domain: Google's last way back for locked-out admins goes through its DNS. */
  domain?: FactorId | undefined;
  /** Ids of its super admins' `google` accounts. Absent: unknown. `[]`: the owner attests there is none. */
  superAdmins?: FactorId[] | undefined;
  /** Whether super admins may recover their own accounts through their recovery phone or e-mail. */
  superAdminSelfRecovery?: OrganisationSetting | undefined;
  /** Whether 2-Step Verification is enforced for its users. */
  twoStepEnforced?: OrganisationSetting | undefined;
  verified?: Day | undefined;
  notes?: string | undefined;
}

/** A Microsoft Entra ID work or school account (Microsoft 365), signed in to as any other account. */
export interface MicrosoftAccount extends OutsideSignInAccount {
  provider: 'microsoft';
  /** The Entra tenant (a `microsoft-entra` entry) the account is in: its Global Administrators can reset it. */
  tenant?: FactorId | undefined;
}

/** A Microsoft Entra ID tenant: what its Global Administrators administer. */
export interface MicrosoftEntraTenant {
  provider: 'microsoft-entra';
  id: FactorId;
  name?: string | undefined;
  /** The domain factor of its primary (custom) domain. */
  domain?: FactorId | undefined;
  /** Ids of its Global Administrators' `microsoft` accounts. Absent: unknown. `[]`: attested none. */
  globalAdmins?: FactorId[] | undefined;
  /** Ids of its emergency access ("break glass") `microsoft` accounts. Absent: unknown. `[]`: attested none. */
  emergencyAccessAccounts?: FactorId[] | undefined;
  verified?: Day | undefined;
  notes?: string | undefined;
}

/** An identity provider's organisation or tenant: administered by its admins, not signed in to. */
export type IdentityOrganisation = GoogleWorkspace | MicrosoftEntraTenant;

/**
 * An account at a provider outside AWS, told apart by its `provider`: each provider declares the facts its
 * own recovery turns on (a mail account's second steps, an organisation's administrators).
 */
export type OutsideAccount =
  | GoogleAccount
  | GoogleWorkspace
  | MicrosoftAccount
  | MicrosoftEntraTenant
  | GithubAccount
  | GithubOrganization
  | RegistrarAccount
  | OnePasswordAccount
  | BitwardenAccount
  | AppleAccount
  | OtherOutsideAccount;

/** The organisations among outside accounts: administered through their admins' or owners' own sign-ins. */
export type OutsideOrganisation = IdentityOrganisation | GithubOrganization;

/** An outside account one signs in to (not an organisation). */
export type SignInOutsideAccount = Exclude<OutsideAccount, OutsideOrganisation>;

const organisationProviders: ReadonlySet<OutsideProvider> = new Set([
  'google-workspace',
  'microsoft-entra',
  'github-organization',
]);

/** Whether an outside account is one signs in to, rather than an organisation administered through others. */
export function isSignInAccount(account: OutsideAccount): account is SignInOutsideAccount {
  return !organisationProviders.has(account.provider);
}

export interface Inventory {
  version: 1;
  owner?: string | undefined;
  /** The day the declaration describes; the analysis uses it as "today". */
  asOf?: Day | undefined;
  factors?: Factors | undefined;
  accounts: Account[];
  /** Accounts at providers outside AWS, in the same recovery graph. */
  outsideAccounts?: OutsideAccount[] | undefined;
  /** Where alerts go: each channel and what it depends on. */
  watch?: Watch | undefined;
}

/** The account and region of an SNS topic, read from its ARN (`arn:aws:sns:REGION:ACCOUNT:NAME`). */
export function snsTopicPlace(arn: string): { region: string; accountId: AccountId } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[2] !== 'sns') return undefined;
  return { region: parts[3]!, accountId: parts[4]! };
}

/**
 * The declared domain a host name is on (`hooks.example.net` and `example.net` are on `example.net`): the
 * longest declared name it ends with, so a declared subdomain wins over its parent.
 */
export function domainOfHost(inventory: Inventory, host: string): Domain | undefined {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  let best: Domain | undefined;
  for (const domain of inventory.factors?.domains ?? []) {
    const on = wanted === domain.name || wanted.endsWith(`.${domain.name}`);
    if (on && (best === undefined || domain.name.length > best.name.length)) best = domain;
  }
  return best;
}

/**
 * Whether root has credentials to lose: false for a member whose root password, keys and MFA were deleted
 * through centralized root access (reached only through sts:AssumeRoot, so no MFA or contact phone applies).
 */
export function hasRootCredentials(account: Account): boolean {
  return account.root?.credentials !== false;
}

/** Every factor of the inventory, each tagged with its type, in declaration order (section by section). */
export function listFactors(inventory: Inventory): Factor[] {
  const factors = inventory.factors ?? {};
  return [
    ...(factors.people ?? []).map((f) => ({ type: 'person' as const, ...f })),
    ...(factors.devices ?? []).map((f) => ({ type: 'device' as const, ...f })),
    ...(factors.phoneNumbers ?? []).map((f) => ({ type: 'phone-number' as const, ...f })),
    ...(factors.mailboxes ?? []).map((f) => ({ type: 'mailbox' as const, ...f })),
    ...(factors.domains ?? []).map((f) => ({ type: 'domain' as const, ...f })),
    ...(factors.cards ?? []).map((f) => ({ type: 'card' as const, ...f })),
    ...(factors.passwordStores ?? []).map((f) => ({ type: 'password-store' as const, ...f })),
    ...(factors.identityDocuments ?? []).map((f) => ({ type: 'identity-document' as const, ...f })),
    ...(factors.places ?? []).map((f) => ({ type: 'place' as const, ...f })),
    ...(factors.syncAccounts ?? []).map((f) => ({ type: 'sync-account' as const, ...f })),
  ];
}

/** The declared mailbox with this address; addresses compare case-insensitively, as mail systems do in practice. */
export function mailboxWithAddress(inventory: Inventory, address: string): Mailbox | undefined {
  const mailboxes = inventory.factors?.mailboxes;
  return mailboxes && keyedBy(mailboxes, addressOf).first(address.toLowerCase());
}

const addressOf = (mailbox: Mailbox): string | undefined => mailbox.address?.toLowerCase();

/** The name an outside account goes by in reports: its name, else its login, else its id. */
export function outsideAccountLabel(account: OutsideAccount): string {
  return account.name ?? ('login' in account ? account.login : undefined) ?? account.id;
}

/** The name a factor goes by in reports: its label, else what it naturally is called, else its id. */
export function factorLabel(factor: Factor | { id: string; label?: string | undefined }): string {
  if (factor.label) return factor.label;
  if (!('type' in factor)) return factor.id;
  switch (factor.type) {
    case 'person':
      return factor.name;
    case 'domain':
      return factor.name;
    case 'mailbox':
      return factor.address ?? factor.id;
    case 'card':
      return `card ending ${factor.lastFour}`;
    case 'identity-document':
      return identityDocumentNames[factor.kind];
    case 'phone-number':
      // The last digits only: reports may end up in CI logs; the calendar, the owner's own, shows the number.
      return factor.number === undefined
        ? factor.id
        : `number ending ${factor.number.replace(/\D/g, '').slice(-2)}`;
    default:
      return factor.id;
  }
}

const identityDocumentNames: Record<IdentityDocumentKind, string> = {
  passport: 'passport',
  'driving-licence': 'driving licence',
  'national-id': 'national ID card',
  'residence-card': 'residence card',
  other: 'identity document',
};

/** "card ending 1234 (Corporate card)": a thing's name, then its label when it has a different one. */
export function namedWithLabel(name: string, factor: { label?: string | undefined }): string {
  return factor.label === undefined || factor.label === name ? name : `${name} (${factor.label})`;
}
