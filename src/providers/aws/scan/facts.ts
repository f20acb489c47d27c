/**
 * What a live scan learns about AWS accounts, fact by fact. Every fact says where it came from (the API
 * action) or why it is unknown — AccessDenied, an API the endpoint does not offer, throttling past the
 * retries, a timeout, a reset connection, an answer without the fields the fact needs — with the permission
 * that was missing. Unknown is never counted as safe.
 */

/** Why a fact is unknown, each reason once (the store checks stored facts against this list). */
export const unknownReasons = [
  'access-denied',
  /** AWS itself shows the fact through no API a scan may call (declared in the inventory instead). */
  'not-available',
  /**
   * The endpoint does not offer the API (an emulator's missing route or action: NotImplemented, 404/501, an
   * HTML error page): AWS has it, so the fix is the endpoint, not the inventory. Added after the others, so
   * a stored scan's reasons keep their meaning.
   */
  'not-supported',
  'throttled',
  'timeout',
  /** The connection was reset or closed before a whole answer came (ECONNRESET, EPIPE, "socket hang up"). */
  'connection-reset',
  /** A success answer that is not the API's (HTML, garbage) or lacks the fields the fact needs. */
  'malformed-answer',
  'error',
] as const;

export type UnknownReason = (typeof unknownReasons)[number];

export interface UnknownFact {
  status: 'unknown';
  reason: UnknownReason;
  /** The IAM action that was attempted, e.g. "account:GetContactInformation". */
  action: string;
  /** What went wrong, as the API said it (never a credential). */
  message: string;
}

export interface SeenFact<T> {
  status: 'seen';
  value: T;
  /** The IAM action the value came from. */
  action: string;
}

export type Fact<T> = SeenFact<T> | UnknownFact;

export interface RootCredentialReportRow {
  passwordEnabled: boolean;
  passwordLastUsed?: string | undefined;
  mfaActive: boolean;
  accessKey1Active: boolean;
  accessKey2Active: boolean;
}

/**
 * A member root's credentials as its AssumeRoot audit session sees them (IAMAuditRootUserCredentials): a root
 * with none of them was cleared through centralized root access and is reached only through sts:AssumeRoot.
 */
export interface RootCredentialsFact {
  /** iam:GetLoginProfile answered with a login profile (NoSuchEntity: no password). */
  password: boolean;
  /** iam:ListMFADevices, without a user name. */
  mfaDevices: number;
  /** iam:ListAccessKeys, without a user name. */
  accessKeys: number;
}

export type MfaDeviceKind = 'virtual' | 'hardware-totp' | 'fido' | 'unknown';

export interface MfaDeviceFact {
  serialNumber: string;
  kind: MfaDeviceKind;
  enabledAt?: string | undefined;
}

export interface ContactFact {
  name?: string | undefined;
  email?: string | undefined;
  phoneNumber?: string | undefined;
}

export type AlternateContactType = 'BILLING' | 'OPERATIONS' | 'SECURITY';

export interface DomainFact {
  name: string;
  expiresAt?: string | undefined;
  autoRenew?: boolean | undefined;
  transferLock?: boolean | undefined;
  /** Registrant, admin and tech contact emails. */
  contactEmails: string[];
}

export interface HostedZoneFact {
  id: string;
  /** Without the trailing dot. */
  name: string;
  private: boolean;
}

export interface BudgetFact {
  name: string;
  /** Where its notifications go; SNS subscriptions still pending confirmation reach nobody. */
  subscribers: { type: 'EMAIL' | 'SNS'; address: string; confirmed: boolean | 'unknown' }[];
}

/** A CloudWatch alarm on AWS/Billing EstimatedCharges, and whether its alarm actions reach anyone. */
export interface BillingAlarmFact {
  name: string;
  /** ActionsEnabled: a disabled alarm changes state but notifies nobody. Absent in scans stored before. */
  actionsEnabled?: boolean | undefined;
  /**
   * OK, ALARM or INSUFFICIENT_DATA. A billing alarm stuck without data usually means "Receive Billing Alerts"
   * is off, so EstimatedCharges is never published and the alarm never fires (no API shows that preference).
   */
  state?: string | undefined;
  /** SNS topics it notifies (AlarmActions), each with whether the topic has a confirmed subscription. */
  actions: { topicArn: string; confirmed: boolean | 'unknown' }[];
}

export interface RecommendedActionFact {
  /** e.g. UPDATE_EXPIRED_PAYMENT_METHOD, PAYMENTS_PAST_DUE, ADD_ALTERNATE_BILLING_CONTACT. */
  type: string;
  severity?: string | undefined;
  lastUpdated?: string | undefined;
}

export interface BillingPrincipalFact {
  arn: string;
  kind: 'iam-user' | 'iam-role';
  /** The payments actions IAM's policy simulator allows it. */
  allowedActions: string[];
}

/** ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED, as the Organization reports it (kept open for new states). */
export type AccountState = string;

export interface AccountFacts {
  accountId: string;
  name?: string | undefined;
  organizationRole: 'standalone' | 'management' | 'member';
  /** Member state from the Organization (ListAccounts). */
  state?: AccountState | undefined;
  /** Whether the scanner could get in at all (assume role into a member). */
  reached: Fact<true>;
  rootMfaEnabled: Fact<boolean>;
  rootAccessKeysPresent: Fact<boolean>;
  rootCredentialReport: Fact<RootCredentialReportRow>;
  /** Root's virtual MFA devices (ListVirtualMFADevices, User.Arn ending in :root). */
  rootVirtualMfaDevices: Fact<MfaDeviceFact[]>;
  /** All root MFA devices, seen through sts:AssumeRoot (centralized root access) for members. */
  rootMfaDevices: Fact<MfaDeviceFact[]>;
  /**
   * Whether a member root has any credentials, read in the same audit session. Members only; optional, so
   * scans stored before it still read back (it is not one of `accountFactKeys`, which drift compares).
   */
  rootCredentials?: Fact<RootCredentialsFact> | undefined;
  contactInformation: Fact<ContactFact>;
  alternateContacts: Fact<Partial<Record<AlternateContactType, ContactFact>>>;
  primaryEmail: Fact<string>;
  billingPrincipals: Fact<BillingPrincipalFact[]>;
  recommendedActions: Fact<RecommendedActionFact[]>;
  domains: Fact<DomainFact[]>;
  hostedZones: Fact<HostedZoneFact[]>;
  budgets: Fact<BudgetFact[]>;
  /** Billing alarms (CloudWatch, us-east-1), the other early warning before a bill goes unpaid. */
  billingAlarms: Fact<BillingAlarmFact[]>;
}

/** The facts of an account, each a `Fact<…>`, in the order reports and drift list them. */
export const accountFactKeys = [
  'reached',
  'rootMfaEnabled',
  'rootAccessKeysPresent',
  'rootCredentialReport',
  'rootVirtualMfaDevices',
  'rootMfaDevices',
  'contactInformation',
  'alternateContacts',
  'primaryEmail',
  'billingPrincipals',
  'recommendedActions',
  'domains',
  'hostedZones',
  'budgets',
  'billingAlarms',
] as const satisfies readonly (keyof AccountFacts)[];

export type AccountFactKey = (typeof accountFactKeys)[number];

/** The keys of AccountFacts whose value is a Fact: each must be in accountFactKeys, or this fails to compile. */
type FactValuedKey = {
  [K in keyof AccountFacts]-?: AccountFacts[K] extends Fact<unknown> ? K : never;
}[keyof AccountFacts];
export const everyFactListed: [Exclude<FactValuedKey, AccountFactKey>] extends [never] ? true : never = true;

/** Every fact of an account unknown for one reason: an account the scanner could not enter. */
export function everyFactUnknown(unknown: UnknownFact): Pick<AccountFacts, AccountFactKey> {
  return Object.fromEntries(accountFactKeys.map((key) => [key, unknown])) as Pick<
    AccountFacts,
    AccountFactKey
  >;
}

export interface OrganizationFacts {
  id: string;
  managementAccountId: string;
  featureSet?: string | undefined;
  /** iam:ListOrganizationsFeatures: RootCredentialsManagement, RootSessions. */
  enabledFeatures: Fact<string[]>;
}

export interface ScanResult {
  startedAt: string;
  finishedAt: string;
  /** The account whose credentials ran the scan. */
  callerAccountId: string;
  region: string;
  organization?: OrganizationFacts | undefined;
  accounts: AccountFacts[];
  stats: {
    apiCalls: number;
    retries: number;
    accountsReached: number;
    accountsFailed: number;
  };
}
