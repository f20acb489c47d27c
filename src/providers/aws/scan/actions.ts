/**
 * Every AWS API operation the scanner may call, with the IAM action that authorises it and why Lockout needs
 * it. This list, with the credential calls below, is the whole of the scanner's reach: the client pool refuses any other operation, a test
 * checks each action's access level against IAM's catalogue (List or Read; sts:AssumeRole and sts:AssumeRoot
 * are the only exceptions, and only obtain read credentials), and the least-privilege policy shipped with
 * Lockout is generated from it.
 */

export interface ScannerAction {
  /** The SDK client, as its middleware context names it without "Client" (e.g. "IAM"). */
  client: string;
  /** The SDK operation (command name without "Command"). */
  operation: string;
  /** The IAM action checked when the operation is called. */
  iamAction: string;
  why: string;
}

export const scannerActions: readonly ScannerAction[] = [
  {
    client: 'STS',
    operation: 'GetCallerIdentity',
    iamAction: 'sts:GetCallerIdentity',
    why: 'which account the credentials belong to',
  },
  {
    client: 'STS',
    operation: 'AssumeRole',
    iamAction: 'sts:AssumeRole',
    why: 'reach each member account of the Organization (read-only use)',
  },
  {
    client: 'STS',
    operation: 'AssumeRoot',
    iamAction: 'sts:AssumeRoot',
    why: "see a member root's credentials (password, MFA devices, access keys) with the IAMAuditRootUserCredentials task policy",
  },
  {
    client: 'IAM',
    operation: 'GetAccountSummary',
    iamAction: 'iam:GetAccountSummary',
    why: 'root MFA on or off, root access keys present',
  },
  {
    client: 'IAM',
    operation: 'GenerateCredentialReport',
    iamAction: 'iam:GenerateCredentialReport',
    why: "the credential report's <root_account> row",
  },
  {
    client: 'IAM',
    operation: 'GetCredentialReport',
    iamAction: 'iam:GetCredentialReport',
    why: "the credential report's <root_account> row",
  },
  {
    client: 'IAM',
    operation: 'ListVirtualMFADevices',
    iamAction: 'iam:ListVirtualMFADevices',
    why: "root's virtual MFA devices",
  },
  {
    client: 'IAM',
    operation: 'ListMFADevices',
    iamAction: 'iam:ListMFADevices',
    why: "a member root's MFA devices, in an AssumeRoot audit session",
  },
  {
    client: 'IAM',
    operation: 'GetLoginProfile',
    iamAction: 'iam:GetLoginProfile',
    why: 'whether a member root has a password (NoSuchEntity: none), in an AssumeRoot audit session',
  },
  {
    client: 'IAM',
    operation: 'ListAccessKeys',
    iamAction: 'iam:ListAccessKeys',
    why: 'whether a member root has access keys, in an AssumeRoot audit session',
  },
  {
    client: 'IAM',
    operation: 'ListOrganizationsFeatures',
    iamAction: 'iam:ListOrganizationsFeatures',
    why: 'whether centralized root access is enabled',
  },
  {
    client: 'IAM',
    operation: 'ListUsers',
    iamAction: 'iam:ListUsers',
    why: 'principals who might change the payment method',
  },
  {
    client: 'IAM',
    operation: 'ListRoles',
    iamAction: 'iam:ListRoles',
    why: 'principals who might change the payment method',
  },
  {
    client: 'IAM',
    operation: 'SimulatePrincipalPolicy',
    iamAction: 'iam:SimulatePrincipalPolicy',
    why: 'whether a principal is allowed the payments actions',
  },
  {
    client: 'Account',
    operation: 'GetContactInformation',
    iamAction: 'account:GetContactInformation',
    why: 'the phone number AWS calls during lost-MFA recovery',
  },
  {
    client: 'Account',
    operation: 'GetAlternateContact',
    iamAction: 'account:GetAlternateContact',
    why: 'where billing, operations and security mail goes',
  },
  {
    client: 'Account',
    operation: 'GetPrimaryEmail',
    iamAction: 'account:GetPrimaryEmail',
    why: "a member root's email address",
  },
  {
    client: 'Organizations',
    operation: 'DescribeOrganization',
    iamAction: 'organizations:DescribeOrganization',
    why: 'whether the account is in an Organization, and its role',
  },
  {
    client: 'Organizations',
    operation: 'ListAccounts',
    iamAction: 'organizations:ListAccounts',
    why: 'the member accounts and their states (active, suspended)',
  },
  {
    client: 'Route53Domains',
    operation: 'ListDomains',
    iamAction: 'route53domains:ListDomains',
    why: 'domains registered in the account',
  },
  {
    client: 'Route53Domains',
    operation: 'GetDomainDetail',
    iamAction: 'route53domains:GetDomainDetail',
    why: 'expiry, auto-renew, transfer lock and contact emails of each domain',
  },
  {
    client: 'Route53',
    operation: 'ListHostedZones',
    iamAction: 'route53:ListHostedZones',
    why: "whether root's mail domain is served from the account",
  },
  {
    client: 'Budgets',
    operation: 'DescribeBudgets',
    iamAction: 'budgets:ViewBudget',
    why: 'budgets that warn before a bill surprises',
  },
  {
    client: 'Budgets',
    operation: 'DescribeNotificationsForBudget',
    iamAction: 'budgets:ViewBudget',
    why: "a budget's notifications",
  },
  {
    client: 'Budgets',
    operation: 'DescribeSubscribersForNotification',
    iamAction: 'budgets:ViewBudget',
    why: 'where budget notifications go',
  },
  {
    client: 'CloudWatch',
    operation: 'DescribeAlarms',
    iamAction: 'cloudwatch:DescribeAlarms',
    why: 'billing alarms on estimated charges, and where they notify',
  },
  {
    client: 'SNS',
    operation: 'ListSubscriptionsByTopic',
    iamAction: 'sns:ListSubscriptionsByTopic',
    why: 'whether an SNS subscriber has confirmed (pending ones reach nobody)',
  },
  {
    client: 'BCMRecommendedActions',
    operation: 'ListRecommendedActions',
    iamAction: 'bcm-recommended-actions:ListRecommendedActions',
    why: 'the only live signal of payment trouble (expired or invalid payment method, payments due or past due)',
  },
];

/**
 * The calls the SDK's credential providers make before the scan can start, depending on how the user's
 * credentials are configured: each only obtains the credentials the user set up, and each is counted in the
 * scan's calls. `iamAction` is the action that authorises it, when IAM has one (IAM Identity Center's portal
 * and token calls are authorised by the user's sign-in, not by an IAM policy). They are not in the
 * least-privilege policy: a role's trust policy or the user's sign-in allows them, not the scanner's policy.
 */
export interface CredentialCall {
  client: string;
  operation: string;
  iamAction: string;
  inIamCatalogue: boolean;
  why: string;
}

export const credentialCalls: readonly CredentialCall[] = [
  {
    client: 'STS',
    operation: 'AssumeRoleWithWebIdentity',
    iamAction: 'sts:AssumeRoleWithWebIdentity',
    inIamCatalogue: true,
    why: 'credentials from a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, a profile with web_identity_token_file)',
  },
  {
    client: 'STS',
    operation: 'AssumeRole',
    iamAction: 'sts:AssumeRole',
    inIamCatalogue: true,
    why: 'credentials of a profile with role_arn (source_profile or credential_source)',
  },
  {
    client: 'SSO',
    operation: 'GetRoleCredentials',
    iamAction: 'sso:GetRoleCredentials',
    inIamCatalogue: false,
    why: 'credentials of an IAM Identity Center (SSO) profile',
  },
  {
    client: 'SSOOIDC',
    operation: 'CreateToken',
    iamAction: 'sso-oauth:CreateToken',
    inIamCatalogue: false,
    why: "refreshes an IAM Identity Center session's token (sso_session profiles)",
  },
  {
    client: 'Signin',
    operation: 'CreateOAuth2Token',
    iamAction: 'signin:CreateOAuth2Token',
    inIamCatalogue: true,
    why: 'refreshes the credentials of `aws login`',
  },
];

/** The credential calls, as "Client:Operation": the only operations the providers' own clients may send. */
export const credentialOperations: ReadonlySet<string> = new Set(
  credentialCalls.map((call) => `${call.client}:${call.operation}`),
);

/** The operations allowed, as "Client:Operation". */
export const allowedOperations: ReadonlySet<string> = new Set(
  scannerActions.map((action) => `${action.client}:${action.operation}`),
);

/** The actions outside List and Read that the scanner needs, and why that is still read-only. */
export const nonReadExceptions: Readonly<Record<string, string>> = {
  'sts:AssumeRole': 'obtains credentials in a member account; the scanner only reads with them',
  'sts:AssumeRoot':
    'obtains a root session limited by the IAMAuditRootUserCredentials task policy, which only reads',
};

/** The least-privilege IAM policy for a scan: exactly the scanner's actions. */
export function leastPrivilegePolicy(): {
  Version: string;
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
} {
  const actions = [...new Set(scannerActions.map((action) => action.iamAction))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LockoutReadOnlyScan',
        Effect: 'Allow',
        Action: actions.filter((a) => !(a in nonReadExceptions)),
        Resource: '*',
      },
      {
        Sid: 'LockoutReachMembers',
        Effect: 'Allow',
        Action: actions.filter((a) => a in nonReadExceptions),
        Resource: '*',
      },
    ],
  };
}
