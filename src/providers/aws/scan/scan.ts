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
import {
  ClientPool,
  credentialProviderConfig,
  DeadlineError,
  type CallStats,
  type Responder,
} from './clients.js';
import {
  attempt,
  classify,
  MalformedAnswerError,
  required,
  collectBillingPrincipals,
  collectBillingAlarms,
  collectBudgets,
  collectContacts,
  collectDomains,
  collectRecommendedActions,
  collectRootFacts,
  listRootMfaDevices,
  readRootCredentials,
  type AccountContext,
} from './collect.js';
import {
  everyFactUnknown,
  type AccountFacts,
  type OrganizationFacts,
  type ScanResult,
  type UnknownFact,
} from './facts.js';
import { errorLine, unreachable } from './errors.js';
import { missingProfileProblem } from './profiles.js';

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
  /** Most time for one API call, retries and reading the answer included (default 60 s). */
  callTimeoutMs?: number | undefined;
  /** Most time for the whole scan (default 30 min): the facts not read by then are unknown, "timeout". */
  timeoutMs?: number | undefined;
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

/** Default bound of a whole scan: an Organization of a thousand accounts fits well within it. */
export const DEFAULT_SCAN_TIMEOUT_MS = 30 * 60_000;

/**
 * The default bound once the members are listed: 30 minutes, or half a second per member when that is more. A
 * 10,000-member Organization took 30 minutes against moto_server at about 20 calls a member, so a fixed 30 minutes
 * would end a healthy scan of a large Organization with most of it unknown.
 */
export function defaultScanLimitMs(members: number): number {
  return Math.max(DEFAULT_SCAN_TIMEOUT_MS, members * 500);
}

export async function scanAws(options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date().toISOString();
  const started = Date.now();
  const scanTime = new AbortController();
  let scanTimer: NodeJS.Timeout | undefined;
  const limitScan = (limitMs: number): void => {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(
      () => {
        scanTime.abort(
          new DeadlineError(
            `the scan's time limit of ${seconds(limitMs)} was reached before this call finished`,
          ),
        );
      },
      Math.max(0, limitMs - (Date.now() - started)),
    );
  };
  limitScan(options.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS);
  const stats: CallStats = { calls: 0, retries: 0, throttled: 0, byOperation: new Map() };
  const pool = new ClientPool(
    {
      region: options.region,
      endpoint: options.endpoint,
      credentials:
        options.credentials ??
        fromNodeProviderChain({
          ...(options.profile ? { profile: options.profile } : {}),
          // The providers' own calls (AssumeRoleWithWebIdentity, a profile's AssumeRole) go where the scan's go,
          // within the same bounds, and are counted as the scan's.
          ...credentialProviderConfig({
            endpoint: options.endpoint,
            maxAttempts: options.maxAttempts,
            callTimeoutMs: options.callTimeoutMs,
            stats,
          }),
        }),
      maxAttempts: options.maxAttempts,
      callTimeoutMs: options.callTimeoutMs,
      signal: scanTime.signal,
    },
    { stats, ...(options.responder ? { responder: options.responder } : {}) },
  );
  try {
    const callerAccountId = await whoAmI(pool, options);
    const view = await describeOrganization(pool);
    const organization = view.kind === 'organization' ? view.facts : undefined;
    const role = !organization
      ? 'standalone'
      : organization.managementAccountId === callerAccountId
        ? 'management'
        : 'member';
    const listing = options.org ? await listMembers(pool, callerAccountId, view) : undefined;
    const members = listing?.members ?? [];
    if (options.timeoutMs === undefined) limitScan(defaultScanLimitMs(members.length));
    const rootAudit =
      organization?.enabledFeatures.status === 'seen' &&
      organization.enabledFeatures.value.includes('RootCredentialsManagement');

    // Named as the listing names it, as the members are; without --org no API names it.
    const own = await collectAccount(
      { pool, accountId: callerAccountId },
      { organizationRole: role, name: listing?.callerName },
    );
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
    clearTimeout(scanTimer);
    pool.destroy();
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

async function whoAmI(pool: ClientPool, options: ScanOptions): Promise<string> {
  let account: string | undefined;
  try {
    account = (await pool.sts().send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw await startFailure(error, options);
  }
  // Every fact and every saved scan hangs on this id: an answer without one is not a scan of anything.
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw new ScanError(
      `sts:GetCallerIdentity answered without a 12-digit account id (${account === undefined ? 'no Account field' : `Account ${JSON.stringify(account.slice(0, 40))}`}): nothing was scanned or saved`,
      'check --endpoint-url: the endpoint did not answer as AWS STS does',
    );
  }
  return account;
}

/** Why the first call failed, by cause: a profile that does not exist, AWS out of reach, or credentials. */
async function startFailure(error: unknown, options: ScanOptions): Promise<ScanError> {
  if (options.profile !== undefined && options.credentials === undefined) {
    const problem = await missingProfileProblem(options.profile);
    if (problem !== undefined) return new ScanError(problem.message, problem.hint);
  }
  const cause = unreachable(error);
  if (cause !== undefined) {
    const where = options.endpoint ?? 'its public endpoint';
    return new ScanError(
      `could not reach AWS at ${where}: ${cause}`,
      options.endpoint
        ? 'is the emulator or proxy at --endpoint-url running, and is the address right?'
        : 'check the network connection, a proxy (HTTPS_PROXY) or a firewall',
    );
  }
  return new ScanError(
    `could not authenticate to AWS: ${errorLine(error)}`,
    'configure credentials the usual way (environment, ~/.aws/config, SSO) or pass --profile; --endpoint-url for an emulator',
  );
}

/** The caller's Organization; none when it is in none; unknown (with why) when the answer cannot tell. */
type OrganizationView =
  { kind: 'organization'; facts: OrganizationFacts } | { kind: 'none' } | { kind: 'unknown'; reason: string };

async function describeOrganization(pool: ClientPool): Promise<OrganizationView> {
  let organization;
  try {
    organization = (await pool.organizations().send(new DescribeOrganizationCommand({}))).Organization;
  } catch (error) {
    if (error instanceof Error && error.name === 'AWSOrganizationsNotInUseException') return { kind: 'none' };
    return { kind: 'unknown', reason: `${classify(error)}: ${errorLine(error)}` };
  }
  // An answer without the Organization's id and management account says nothing about it.
  if (!organization?.Id || !organization.MasterAccountId || !/^\d{12}$/.test(organization.MasterAccountId)) {
    return {
      kind: 'unknown',
      reason:
        "malformed-answer: organizations:DescribeOrganization answered without the Organization's id and management account",
    };
  }
  const enabledFeatures = await attempt('iam:ListOrganizationsFeatures', async () => {
    const result = await pool.iam().send(new ListOrganizationsFeaturesCommand({}));
    return required(result.EnabledFeatures, 'EnabledFeatures').map(String);
  });
  return {
    kind: 'organization',
    facts: {
      id: organization.Id,
      managementAccountId: organization.MasterAccountId,
      featureSet: organization.FeatureSet,
      enabledFeatures,
    },
  };
}

interface Member {
  id: string;
  name?: string | undefined;
  state?: string | undefined;
}

/** The Organization's accounts but the caller's, and the caller's name there. */
async function listMembers(
  pool: ClientPool,
  callerAccountId: string,
  organization: OrganizationView,
): Promise<{ members: Member[]; callerName: string | undefined }> {
  if (organization.kind === 'none') {
    throw new ScanError(
      '--org: these credentials are not in an AWS Organization',
      'run from the management account, or drop --org',
    );
  }
  if (organization.kind === 'unknown') {
    throw new ScanError(
      `--org: cannot tell which Organization these credentials are in (${organization.reason})`,
      'allow organizations:DescribeOrganization, run from the management account or a delegated administrator',
    );
  }
  const members: Member[] = [];
  let callerListed = false;
  let callerName: string | undefined;
  try {
    for await (const page of paginateListAccounts({ client: pool.organizations() }, {})) {
      // A page without its list, or an account without an id, is not a listing: scanning what it happens to
      // name would report a part of the Organization as the whole.
      for (const account of required(page.Accounts, 'Accounts')) {
        const id = required(account.Id, 'an account Id');
        if (!/^\d{12}$/.test(id))
          throw new MalformedAnswerError(
            `an account id that is not 12 digits (${JSON.stringify(id.slice(0, 40))})`,
          );
        if (id === callerAccountId) {
          callerListed = true;
          callerName = account.Name;
        } else members.push({ id, name: account.Name, state: account.State ?? account.Status });
      }
    }
    // ListAccounts lists every account, the caller's included: a listing without it is cut short or not one.
    if (!callerListed) {
      throw new MalformedAnswerError(
        `a listing of ${members.length} account(s) without this account (${callerAccountId})`,
      );
    }
  } catch (error) {
    throw new ScanError(
      `--org: cannot list the Organization's accounts (${classify(error)}: ${errorLine(error)}); nothing was scanned`,
      'run from the management account or a delegated administrator, and check --endpoint-url if you gave one',
    );
  }
  return { members, callerName };
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

function credentialsNotAudited(): UnknownFact {
  return {
    status: 'unknown',
    reason: 'not-available',
    action: 'sts:AssumeRoot',
    message:
      "whether a member root has credentials is only visible to an AssumeRoot audit session (centralized root access's RootCredentialsManagement)",
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
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new MalformedAnswerError('no Credentials');
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
    Object.assign(
      facts,
      rootAudit
        ? await auditRoot(pool, member.id)
        : { rootMfaDevices: notAudited(), rootCredentials: credentialsNotAudited() },
    );
    return facts;
  } finally {
    memberPool.destroy();
  }
}

/**
 * A member root as its audit session sees it: sts:AssumeRoot with the IAMAuditRootUserCredentials task policy,
 * which allows only reading root's credentials (iam:ListMFADevices, GetLoginProfile, ListAccessKeys and a few
 * more, on root alone); then its MFA devices and whether it has any credentials at all.
 */
async function auditRoot(
  pool: ClientPool,
  accountId: string,
): Promise<Pick<AccountFacts, 'rootMfaDevices' | 'rootCredentials'>> {
  const session = await attempt('sts:AssumeRoot', async () => {
    const c = (
      await pool.sts().send(
        new AssumeRootCommand({
          TargetPrincipal: accountId,
          TaskPolicyArn: { arn: AUDIT_TASK_POLICY },
          DurationSeconds: 900,
        }),
      )
    ).Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new MalformedAnswerError('no Credentials');
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  });
  if (session.status !== 'seen') return { rootMfaDevices: session, rootCredentials: session };
  const rootPool = pool.withCredentials(session.value, accountId);
  try {
    const rootMfaDevices = await attempt('sts:AssumeRoot', () => listRootMfaDevices(rootPool));
    return { rootMfaDevices, rootCredentials: await readRootCredentials(rootPool, rootMfaDevices) };
  } finally {
    rootPool.destroy();
  }
}

/** A member the scanner could not enter: every fact unknown, with the reason AssumeRole gave. */
function unreachedMember(member: Member, error: unknown): AccountFacts {
  const unknown: UnknownFact = {
    status: 'unknown',
    reason: classify(error),
    action: 'sts:AssumeRole',
    message: errorLine(error),
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
