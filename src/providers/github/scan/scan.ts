/**
 * A read-only scan of a GitHub organisation: whether it requires two-factor authentication, its owners, and
 * which members have it off — three GETs, each paged, through Octokit with its throttling plugin (which waits
 * out a Retry-After). The token comes from GITHUB_TOKEN and is never stored or printed.
 *
 * Sources (checked 2026-12-04): GET /orgs/{org} — https://docs.github.com/en/rest/orgs/orgs#get-an-organization
 * ("To see many of the organization response values, you need to be an authenticated organization owner");
 * GET /orgs/{org}/members — https://docs.github.com/en/rest/orgs/members#list-organization-members
 * (text checked on its stored Enterprise Server 3.12-3.17 renderings)
 * (filter "2fa_disabled … only available for organization owners"; role "admin" = owners).
 */

import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import {
  failedCall,
  httpStatus,
  onOff,
  seen,
  unknown,
  type OutsideCall,
  type OutsideFact,
  type OutsideScanFacts,
  type ScanRequestBounds,
  type SeenMember,
} from '../../outside/scan/facts.js';

/**
 * GitHub's page names the fine-grained permission; for a classic token read:org is the read-only scope of
 * organisation membership, which the endpoint's page does not state (checked 2026-12-04).
 */
const membersScope =
  'Members: read (fine-grained token, organization permission); read:org for a classic token';

/** The calls, as the report and the scopes test list them. */
export const githubCalls = {
  organization: {
    call: 'GET /orgs/{org}',
    // two_factor_requirement_enabled is shown to owners only; read:org is what a read-only token asks for.
    scope: `${membersScope}; the field is shown to owners only`,
  },
  owners: { call: 'GET /orgs/{org}/members?role=admin', scope: membersScope },
  twoFactorDisabled: {
    call: 'GET /orgs/{org}/members?filter=2fa_disabled',
    scope: `${membersScope}; answered for owners only`,
  },
} as const satisfies Record<string, OutsideCall>;

export interface GitHubScanOptions extends ScanRequestBounds {
  org: string;
  /** From GITHUB_TOKEN; without one the calls are made anonymously and show only public facts. */
  token?: string | undefined;
  /** https://api.github.com by default; tests point it at 127.0.0.1. */
  baseUrl?: string | undefined;
}

const ThrottledOctokit = Octokit.plugin(throttling);

/**
 * The scanner's Octokit: throttled (Retry-After waited out), each request under a deadline, and refusing
 * anything but GET before it is sent, as the AWS scan's guard middleware does.
 */
export function githubClient(options: Omit<GitHubScanOptions, 'org'>): Octokit {
  const retries = options.rateLimitRetries ?? 2;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: 'lockout-scan',
    // Octokit logs a warning line per throttle and per deprecation: the report says what matters.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: timedFetch(timeoutMs) },
    throttle: {
      retryAfterBaseValue: options.retryAfterBaseMs ?? 1000,
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < retries,
      onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < retries,
    },
  });
  octokit.hook.before('request', (request) => {
    if (request.method !== 'GET')
      throw new Error(`refused ${request.method} ${request.url}: the scan only reads`);
  });
  return octokit;
}

export async function scanGitHubOrganization(options: GitHubScanOptions): Promise<OutsideScanFacts> {
  const octokit = githubClient(options);
  const org = options.org;
  const calls: OutsideCall[] = [];

  // The requirement: a boolean for owners, absent or null for anyone else — unknown then, never "off".
  let ownerRights = false;
  let twoStepRequired: OutsideFact<'on' | 'off'>;
  calls.push(githubCalls.organization);
  try {
    const { data } = await octokit.rest.orgs.get({ org });
    const required = (data as { two_factor_requirement_enabled?: boolean | null })
      .two_factor_requirement_enabled;
    const value = onOff(required);
    if (value === 'unknown') {
      twoStepRequired = unknown(
        githubCalls.organization,
        'access-denied',
        'the answer has no two_factor_requirement_enabled: GitHub shows it to organisation owners only',
      );
    } else {
      ownerRights = true;
      twoStepRequired = seen(githubCalls.organization, value);
    }
  } catch (error) {
    twoStepRequired = failed(githubCalls.organization, error);
  }

  calls.push(githubCalls.twoFactorDisabled);
  let withoutTwoFactor: OutsideFact<Set<string>>;
  try {
    const members = await octokit.paginate(octokit.rest.orgs.listMembers, {
      org,
      filter: '2fa_disabled',
      per_page: 100,
    });
    withoutTwoFactor = ownerRights
      ? seen(githubCalls.twoFactorDisabled, new Set(members.map((member) => member.login)))
      : // Without owner rights the filter is not applied as documented: the list cannot be read as "all others have 2FA".
        unknown(
          githubCalls.twoFactorDisabled,
          'access-denied',
          'the token showed no owner rights (no two_factor_requirement_enabled), and the 2FA filter is for owners only',
        );
  } catch (error) {
    withoutTwoFactor = failed(githubCalls.twoFactorDisabled, error);
  }

  calls.push(githubCalls.owners);
  let admins: OutsideFact<SeenMember[]>;
  try {
    const owners = await octokit.paginate(octokit.rest.orgs.listMembers, {
      org,
      role: 'admin',
      per_page: 100,
    });
    if (owners.length === 0) {
      // Every organisation has an owner: an empty list is what a token that cannot see them gets.
      admins = unknown(
        githubCalls.owners,
        'malformed-answer',
        'no owner listed: every organisation has one, so the token cannot see them',
      );
    } else {
      admins = seen(
        githubCalls.owners,
        owners.map((owner): SeenMember => ({
          login: owner.login,
          twoStepVerification:
            withoutTwoFactor.status === 'seen'
              ? seen(githubCalls.twoFactorDisabled, withoutTwoFactor.value.has(owner.login) ? 'off' : 'on')
              : withoutTwoFactor,
        })),
      );
    }
  } catch (error) {
    admins = failed(githubCalls.owners, error);
  }

  return {
    provider: 'github-organization',
    memberProvider: 'github',
    login: org,
    admins,
    twoStepRequired,
    calls,
  };
}

function failed(call: OutsideCall, error: unknown): OutsideFact<never> {
  const fact = failedCall(call, error);
  // 422 is GitHub's answer to a filter the caller may not use.
  return httpStatus(error) === 422 && fact.status === 'unknown'
    ? unknown(call, 'access-denied', fact.message)
    : fact;
}

/** fetch with a deadline per request, so one stalled answer makes its facts unknown instead of hanging the scan. */
function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}
