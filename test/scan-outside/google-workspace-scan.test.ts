/**
 * The Google Workspace scanner against recorded responses in the Directory API's documented shapes:
 * users.list's response ({ kind: "admin#directory#users", etag, users: [User], nextPageToken }) from
 * https://developers.google.cn/admin-sdk/directory/v1/reference/users/list.html and the User fields
 * (primaryEmail, isAdmin, isEnrolledIn2Sv, isEnforcedIn2Sv, …) as Google's discovery document names them
 * (https://pub.dev/documentation/googleapis/latest/admin_directory_v1/User-class.html), checked 2026-12-04;
 * errors in Google's JSON error shape ({ error: { code, message, errors: [{ domain, reason, message }] } }).
 * The credentials are an OAuth2 client holding a fixed access token: nothing reaches Google's token service.
 */

import { auth } from '@googleapis/admin';
import { afterEach, describe, expect, it } from 'vitest';
import {
  directoryUserReadonlyScope,
  scanGoogleWorkspace,
} from '../../src/providers/google-workspace/scan/scan.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const user = (email: string, enrolled: boolean | undefined, enforced: boolean | undefined) => ({
  kind: 'admin#directory#user',
  id: String(100000000000000000000 + email.length),
  etag: '"abc"',
  primaryEmail: email,
  name: { givenName: 'Liz', familyName: 'Smith', fullName: 'Liz Smith' },
  isAdmin: true,
  isDelegatedAdmin: false,
  lastLoginTime: '2026-11-30T10:00:00.000Z',
  creationTime: '2019-03-01T09:00:00.000Z',
  agreedToTerms: true,
  suspended: false,
  archived: false,
  changePasswordAtNextLogin: false,
  ipWhitelisted: false,
  emails: [{ address: email, primary: true }],
  customerId: 'C03az79cb',
  orgUnitPath: '/',
  isMailboxSetup: true,
  ...(enrolled === undefined ? {} : { isEnrolledIn2Sv: enrolled }),
  ...(enforced === undefined ? {} : { isEnforcedIn2Sv: enforced }),
  includeInGlobalAddressList: true,
});

const list = (users: unknown[], nextPageToken?: string) => ({
  body: { kind: 'admin#directory#users', etag: '"page"', users, ...(nextPageToken ? { nextPageToken } : {}) },
});

const testAuth = () => {
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: 'test-token' });
  return client;
};

const usersPath = 'GET /admin/directory/v1/users?';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scan = (rootUrl: string) => scanGoogleWorkspace({ rootUrl, auth: testAuth(), retryAfterBaseMs: 10 });

describe('Google Workspace scan (recorded responses)', () => {
  it('sees the super admins over two pages, each 2-Step Verification and its enforcement', async () => {
    server = await recordedServer({
      [`${usersPath}customer=my_customer&query=isAdmin=true&maxResults=500&pageToken=next1`]: [
        list([user('bo@example.com', false, true)]),
      ],
      [usersPath]: [list([user('liz@example.com', true, true)], 'next1')],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins.status).toBe('seen');
    if (facts.admins.status !== 'seen') return;
    expect(facts.admins.value.map((admin) => [admin.login, admin.twoStepVerification])).toEqual([
      [
        'liz@example.com',
        expect.objectContaining({ status: 'seen', value: 'on', scope: directoryUserReadonlyScope }),
      ],
      ['bo@example.com', expect.objectContaining({ status: 'seen', value: 'off' })],
    ]);
    expect(facts.twoStepRequired).toMatchObject({ status: 'seen', value: 'on' });
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
    expect(server.requests.every((request) => request.authorized)).toBe(true);
    expect(server.requests[0]!.url).toContain('customer=my_customer');
    expect(server.requests[0]!.url).toContain('query=isAdmin=true');
  });

  it('says unknown, never off, for a missing isEnrolledIn2Sv or isEnforcedIn2Sv, and for an empty page', async () => {
    server = await recordedServer({ [usersPath]: [list([user('liz@example.com', undefined, undefined)])] });
    const facts = await scan(server.baseUrl);
    expect(facts.admins.status === 'seen' && facts.admins.value[0]!.twoStepVerification).toMatchObject({
      status: 'unknown',
      reason: 'malformed-answer',
    });
    expect(facts.twoStepRequired?.status).toBe('unknown');

    await server.close();
    server = await recordedServer({ [usersPath]: [list([])] });
    const empty = await scan(server.baseUrl);
    expect(empty.admins).toMatchObject({ status: 'unknown', reason: 'malformed-answer' });
  });

  it('says denied for a 403, with the scope the call needs', async () => {
    server = await recordedServer({
      [usersPath]: [
        {
          status: 403,
          body: {
            error: {
              code: 403,
              message: 'Not Authorized to access this resource/api',
              errors: [
                {
                  message: 'Not Authorized to access this resource/api',
                  domain: 'global',
                  reason: 'forbidden',
                },
              ],
            },
          },
        },
      ],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins).toMatchObject({
      status: 'unknown',
      reason: 'access-denied',
      scope: directoryUserReadonlyScope,
    });
    expect(facts.admins.status === 'unknown' && facts.admins.message).toMatch(/^HTTP 403: Not Authorized/);
    expect(facts.twoStepRequired?.status).toBe('unknown');
  });

  it('waits out a Retry-After on a 429, then reads the answer', async () => {
    server = await recordedServer({
      [usersPath]: [
        {
          status: 429,
          headers: { 'retry-after': '1' },
          body: {
            error: { code: 429, message: 'Quota exceeded', errors: [{ reason: 'rateLimitExceeded' }] },
          },
        },
        list([user('liz@example.com', true, true)]),
      ],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins.status).toBe('seen');
    expect(server.requests).toHaveLength(2);
  });
});
