/**
 * The GitHub organisation scanner against recorded responses. The bodies are GitHub's documented examples,
 * shortened to the fields that matter plus a few others, from
 * https://docs.github.com/en/rest/orgs/orgs#get-an-organization (the "organization-full" example) and
 * https://docs.github.com/en/rest/orgs/members#list-organization-members
 * (text checked on its stored Enterprise Server 3.12-3.17 renderings) (a "simple-user" list), checked
 * 2026-12-04. The "field absent" organisation is the unauthenticated answer recorded by @octokit/fixtures
 * (scenarios/api.github.com/get-organization, octokit-fixture-org, recorded 2017-10-10), which has no
 * two_factor_requirement_enabled. Errors follow GitHub's documented error body ({ message, documentation_url }).
 */

import { afterEach, describe, expect, it } from 'vitest';
import { githubCalls, scanGitHubOrganization } from '../../src/providers/github/scan/scan.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const organization = (twoFactor: boolean | null | undefined) => ({
  login: 'github',
  id: 1,
  node_id: 'MDEyOk9yZ2FuaXphdGlvbjE=',
  url: 'https://api.github.com/orgs/github',
  description: 'A great organization',
  name: 'github',
  company: 'GitHub',
  html_url: 'https://github.com/octocat',
  type: 'Organization',
  ...(twoFactor === undefined ? {} : { two_factor_requirement_enabled: twoFactor }),
  members_can_create_repositories: true,
});

/** The unauthenticated answer of @octokit/fixtures' get-organization scenario (abridged). */
const fixtureOrganization = {
  login: 'octokit-fixture-org',
  id: 31898046,
  url: 'https://api.github.com/orgs/octokit-fixture-org',
  repos_url: 'https://api.github.com/orgs/octokit-fixture-org/repos',
  description: null,
  public_repos: 1,
  followers: 0,
  following: 0,
  html_url: 'https://github.com/octokit-fixture-org',
  created_at: '2017-09-21T20:05:04Z',
  type: 'Organization',
};

const user = (login: string, id: number) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjE=',
  avatar_url: 'https://github.com/images/error/octocat_happy.gif',
  gravatar_id: '',
  url: `https://api.github.com/users/${login}`,
  html_url: `https://github.com/${login}`,
  type: 'User',
  site_admin: false,
});

const denied = {
  status: 403,
  body: {
    message: 'Must have admin rights to Repository.',
    documentation_url: 'https://docs.github.com/rest/orgs/members#list-organization-members',
  },
};

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scan = (baseUrl: string) =>
  scanGitHubOrganization({ org: 'github', token: 'test-token', baseUrl, retryAfterBaseMs: 10 });

describe('GitHub organisation scan (recorded responses)', () => {
  it('sees the 2FA requirement, the owners over two pages and which of them have 2FA off', async () => {
    server = await recordedServer({
      'GET /orgs/github/members?filter=2fa_disabled': [{ body: [user('mona', 2)] }],
      'GET /orgs/github/members?role=admin&per_page=100&page=2': [{ body: [user('mona', 2)] }],
      'GET /orgs/github/members?role=admin': [
        (base) => ({
          headers: { link: `<${base}/orgs/github/members?role=admin&per_page=100&page=2>; rel="next"` },
          body: [user('octocat', 1)],
        }),
      ],
      'GET /orgs/github': [{ body: organization(true) }],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.twoStepRequired).toMatchObject({ status: 'seen', value: 'on', action: 'GET /orgs/{org}' });
    expect(facts.admins.status).toBe('seen');
    if (facts.admins.status !== 'seen') return;
    expect(facts.admins.value.map((owner) => [owner.login, owner.twoStepVerification])).toEqual([
      ['octocat', expect.objectContaining({ status: 'seen', value: 'on' })],
      ['mona', expect.objectContaining({ status: 'seen', value: 'off' })],
    ]);
    // Only GET was ever sent, always with the token.
    expect(new Set(server.requests.map((request) => request.method))).toEqual(new Set(['GET']));
    expect(server.requests.every((request) => request.authorized)).toBe(true);
    expect(server.requests.some((request) => request.url.includes('page=2'))).toBe(true);
  });

  it('says the requirement is unknown, never off, when the answer lacks the field (not an owner)', async () => {
    server = await recordedServer({
      'GET /orgs/github/members?filter=2fa_disabled': [{ body: [] }],
      'GET /orgs/github/members?role=admin': [{ body: [user('octocat', 1)] }],
      'GET /orgs/github': [{ body: fixtureOrganization }],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.twoStepRequired).toMatchObject({ status: 'unknown', reason: 'access-denied' });
    // An empty 2FA-disabled list from a non-owner is not "everybody has 2FA".
    expect(facts.admins.status === 'seen' && facts.admins.value[0]!.twoStepVerification.status).toBe(
      'unknown',
    );
  });

  it('says unknown for a null requirement, an empty owner page, and denied for a 403 or 422', async () => {
    server = await recordedServer({
      'GET /orgs/github/members?filter=2fa_disabled': [
        {
          status: 422,
          body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
        },
      ],
      'GET /orgs/github/members?role=admin': [{ body: [] }],
      'GET /orgs/github': [{ body: organization(null) }],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.twoStepRequired?.status).toBe('unknown');
    expect(facts.admins).toMatchObject({ status: 'unknown', reason: 'malformed-answer' });

    await server.close();
    server = await recordedServer({
      'GET /orgs/github/members': [denied],
      'GET /orgs/github': [denied],
    });
    const refused = await scan(server.baseUrl);
    expect(refused.twoStepRequired).toMatchObject({ status: 'unknown', reason: 'access-denied' });
    expect(refused.admins).toMatchObject({
      status: 'unknown',
      reason: 'access-denied',
      scope: githubCalls.owners.scope,
    });
    expect(refused.admins.status === 'unknown' && refused.admins.message).toMatch(
      /^HTTP 403: Must have admin rights/,
    );
  });

  it('waits out a Retry-After and then reads the answer', async () => {
    const limited = {
      status: 429,
      headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
      body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
    };
    server = await recordedServer({
      'GET /orgs/github/members?filter=2fa_disabled': [{ body: [] }],
      'GET /orgs/github/members?role=admin': [limited, { body: [user('octocat', 1)] }],
      'GET /orgs/github': [{ body: organization(false) }],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.twoStepRequired).toMatchObject({ status: 'seen', value: 'off' });
    expect(facts.admins.status).toBe('seen');
    expect(server.requests.filter((request) => request.url.includes('role=admin'))).toHaveLength(2);
  });

  it('gives up on a rate limit that does not lift: the owners are unknown (throttled)', async () => {
    const limited = {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'API rate limit exceeded' },
    };
    server = await recordedServer({
      'GET /orgs/github/members?filter=2fa_disabled': [{ body: [] }],
      'GET /orgs/github/members?role=admin': [limited],
      'GET /orgs/github': [{ body: organization(true) }],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins).toMatchObject({ status: 'unknown', reason: 'throttled' });
  });

  it('makes a stalled answer unknown (timeout) instead of hanging the scan', async () => {
    server = await recordedServer({
      'GET /orgs/github/members': [{ body: [user('octocat', 1)] }],
      'GET /orgs/github': [{ hang: true }],
    });
    const started = Date.now();
    const facts = await scanGitHubOrganization({
      org: 'github',
      token: 'test-token',
      baseUrl: server.baseUrl,
      requestTimeoutMs: 300,
    });
    expect(facts.twoStepRequired).toMatchObject({ status: 'unknown', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
