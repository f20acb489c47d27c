/**
 * A live, read-only scan: who the credentials are, whether they run an Organization, and then every account —
 * the caller's own and, with `org`, each member reached by assuming a role — read fact by fact. Members are
 * scanned with bounded, adaptive concurrency (halved when AWS throttles, grown back one by one), and one
 * member's failure is that member's unknowns, never the scan's end.
 */

import { DescribeOrganizationCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import { ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRootCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ClientPool, type Responder } from './clients.js';
import {
  attempt,
  classify,
  collectBillingPrincipals,
  collectBillingAlarms,
  collectBudgets,
  collectContacts,
  collectDomains,
  collectRecommendedActions,
  collectRootFacts,
  listRootMfaDevices,
  type AccountContext,
} from './collect.js';
import {
  everyFactUnknown,
  type AccountFacts,
  type OrganizationFacts,
  type ScanResult,
  type UnknownFact,
} from './facts.js';

export interface ScanOptions {
  region: string;
  endpoint?: string | undefined;
  profile?: string | undefined;
  /** Explicit credentials (tests); otherwise the default provider chain, with `profile` when given. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /** Fan out to every member account of the Organization. */
  org: boolean;
  roleName: string;
  externalId?: string | undefined;
  /** Most members scanned at once. */
  concurrency: number;
  /** Attempts per API call, throttling retries included (default 5). */
  maxAttempts?: number | undefined;
  responder?: Responder | undefined;
  onProgress?: ((progress: { done: number; failed: number; total: number }) => void) | undefined;
}

/** The scan could not start: no usable credentials, or --org without an Organization to fan out from. */
export class ScanError extends Error {
  override readonly name = 'ScanError';
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

const AUDIT_TASK_POLICY = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';

export async function scanAws(options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date().toISOString();
  const pool = new ClientPool(
    {
      region: options.region,
      endpoint: options.endpoint,
      credentials:
        options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {}),
      maxAttempts: options.maxAttempts,
    },
    options.responder ? { responder: options.responder } : {},
  );
  try {
    const callerAccountId = await whoAmI(pool);
    const organization = await describeOrganization(pool);
    const role = !organization
      ? 'standalone'
      : organization.managementAccountId === callerAccountId
        ? 'management'
        : 'member';
    const members = options.org ? await listMembers(pool, callerAccountId, organization) : [];
    const rootAudit =
      organization?.enabledFeatures.status === 'seen' &&
      organization.enabledFeatures.value.includes('RootCredentialsManagement');

    const own = await collectAccount({ pool, accountId: callerAccountId }, { organizationRole: role });
    const accounts: AccountFacts[] = [own];
    let failed = 0;
    options.onProgress?.({ done: 0, failed, total: members.length });
    const results = await mapAdaptive(
      members,
      options.concurrency,
      pool,
      async (member) => {
        const facts = await scanMember(pool, member, options, rootAudit);
        if (facts.reached.status !== 'seen') failed += 1;
        return facts;
      },
      (done) => options.onProgress?.({ done, failed, total: members.length }),
    );
    accounts.push(...results);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      callerAccountId,
      region: options.region,
      organization,
      accounts,
      stats: {
        apiCalls: pool.stats.calls,
        retries: pool.stats.retries,
        accountsReached: accounts.filter((account) => account.reached.status === 'seen').length,
        accountsFailed: failed,
      },
    };
  } finally {
    pool.destroy();
  }
}

async function whoAmI(pool: ClientPool): Promise<string> {
  try {
    const identity = await pool.sts().send(new GetCallerIdentityCommand({}));
    return identity.Account ?? '';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScanError(
      `could not authenticate to AWS: ${message}`,
      'configure credentials the usual way (environment, ~/.aws/config, SSO) or pass --profile; --endpoint-url for an emulator',
    );
  }
}

async function describeOrganization(pool: ClientPool): Promise<OrganizationFacts | undefined> {
  try {
    const { Organization } = await pool.organizations().send(new DescribeOrganizationCommand({}));
    if (!Organization) return undefined;
    const enabledFeatures = await attempt('iam:ListOrganizationsFeatures', async () => {
      const result = await pool.iam().send(new ListOrganizationsFeaturesCommand({}));
      return (result.EnabledFeatures ?? []).map(String);
    });
    return {
      id: Organization.Id ?? '',
      managementAccountId: Organization.MasterAccountId ?? '',
      featureSet: Organization.FeatureSet,
      enabledFeatures,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'AWSOrganizationsNotInUseException') return undefined;
    // Not allowed to look: a standalone view, said as such in the account's facts.
    return undefined;
  }
}

interface Member {
  id: string;
  name?: string | undefined;
  state?: string | undefined;
}

async function listMembers(
  pool: ClientPool,
  callerAccountId: string,
  organization: OrganizationFacts | undefined,
): Promise<Member[]> {
  if (!organization) {
    throw new ScanError(
      '--org: these credentials are not in an AWS Organization',
      'run from the management account, or drop --org',
    );
  }
  const members: Member[] = [];
  try {
    for await (const page of paginateListAccounts({ client: pool.organizations() }, {})) {
      for (const account of page.Accounts ?? []) {
        if (account.Id && account.Id !== callerAccountId) {
          members.push({ id: account.Id, name: account.Name, state: account.State ?? account.Status });
        }
      }
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ScanError(
      `--org: cannot list the Organization's accounts (${message})`,
      'run from the management account or a delegated administrator',
    );
  }
  return members;
}

async function collectAccount(
  context: AccountContext,
  base: Pick<AccountFacts, 'organizationRole'> & Partial<Pick<AccountFacts, 'name' | 'state'>>,
): Promise<AccountFacts> {
  const root = await collectRootFacts(context);
  const contacts = await collectContacts(context);
  const domains = await collectDomains(context);
  return {
    accountId: context.accountId,
    ...base,
    reached: { status: 'seen', value: true, action: 'sts:GetCallerIdentity' },
    ...root,
    rootMfaDevices: notAudited(),
    ...contacts,
    billingPrincipals: await collectBillingPrincipals(context),
    recommendedActions: await collectRecommendedActions(context),
    ...domains,
    budgets: await collectBudgets(context),
    billingAlarms: await collectBillingAlarms(context),
  };
}

function notAudited(): UnknownFact {
  return {
    status: 'unknown',
    reason: 'not-available',
    action: 'sts:AssumeRoot',
    message: 'root MFA devices are only visible to an AssumeRoot audit session (centralized root access)',
  };
}

async function scanMember(
  pool: ClientPool,
  member: Member,
  options: ScanOptions,
  rootAudit: boolean,
): Promise<AccountFacts> {
  const roleArn = `arn:aws:iam::${member.id}:role/${options.roleName}`;
  let credentials: AwsCredentialIdentity;
  try {
    const assumed = await pool.sts().send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'lockout-scan',
        DurationSeconds: 900,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      }),
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  } catch (error) {
    return unreachedMember(member, error);
  }
  const memberPool = pool.withCredentials(credentials, member.id);
  try {
    const facts = await collectAccount(
      { pool: memberPool, accountId: member.id, management: pool },
      { organizationRole: 'member', name: member.name, state: member.state },
    );
    if (rootAudit) facts.rootMfaDevices = await auditRoot(pool, member.id);
    return facts;
  } finally {
    memberPool.destroy();
  }
}

async function auditRoot(pool: ClientPool, accountId: string): Promise<AccountFacts['rootMfaDevices']> {
  return attempt('sts:AssumeRoot', async () => {
    const session = await pool.sts().send(
      new AssumeRootCommand({
        TargetPrincipal: accountId,
        TaskPolicyArn: { arn: AUDIT_TASK_POLICY },
        DurationSeconds: 900,
      }),
    );
    const c = session.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRoot returned no credentials');
    const rootPool = pool.withCredentials(
      { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
      accountId,
    );
    try {
      return await listRootMfaDevices(rootPool);
    } finally {
      rootPool.destroy();
    }
  });
}

/** A member the scanner could not enter: every fact unknown, with the reason AssumeRole gave. */
function unreachedMember(member: Member, error: unknown): AccountFacts {
  const unknown: UnknownFact = {
    status: 'unknown',
    reason: classify(error),
    action: 'sts:AssumeRole',
    message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error),
  };
  return {
    ...everyFactUnknown(unknown),
    accountId: member.id,
    name: member.name,
    organizationRole: 'member',
    state: member.state,
  };
}

/**
 * Maps with at most `limit` tasks at once, halving the limit whenever the shared pool saw new throttling
 * during a task and adding one back after a task without; results keep the input order.
 */
async function mapAdaptive<T, R>(
  items: readonly T[],
  limit: number,
  pool: ClientPool,
  task: (item: T) => Promise<R>,
  onDone: (done: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let active = 0;
  let done = 0;
  let current = Math.max(1, limit);
  return new Promise((resolve, reject) => {
    const launch = (): void => {
      if (done === items.length) {
        resolve(results);
        return;
      }
      while (active < current && next < items.length) {
        const index = next++;
        active += 1;
        const throttledBefore = pool.stats.throttled;
        task(items[index]!)
          .then((result) => {
            results[index] = result;
            current =
              pool.stats.throttled > throttledBefore
                ? Math.max(1, Math.floor(current / 2))
                : Math.min(limit, current + 1);
            active -= 1;
            done += 1;
            onDone(done);
            launch();
          })
          .catch(reject);
      }
    };
    launch();
  });
}
