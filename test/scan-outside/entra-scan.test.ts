/**
 * The Microsoft Entra scanner against recorded responses in Microsoft Graph's documented shapes: the
 * directory role members example of https://learn.microsoft.com/graph/api/directoryrole-list-members
 * (a user with businessPhones, displayName, mail, userPrincipalName…; the page's example is shortened and
 * omits "@odata.type" and "id", which the API returns, so they are added here) and the three-user example of
 * https://learn.microsoft.com/graph/api/authenticationmethodsroot-list-userregistrationdetails
 * (address derived from microsoftgraph/microsoft-graph-docs-contrib's path; the permission table checked on
 * https://learn.microsoft.com/en-us/graph/api/userregistrationdetails-get) (isMfaRegistered,
 * methodsRegistered…), checked 2026-12-04; errors in Graph's error shape ({ error: { code, message } }).
 */

import { afterEach, describe, expect, it } from 'vitest';
import {
  globalAdministratorTemplateId,
  graphCalls,
  scanEntra,
  secondFactorTypesOf,
} from '../../src/providers/microsoft/scan/scan.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const member = (upn: string, name: string) => ({
  '@odata.type': '#microsoft.graph.user',
  id: `${upn.length}0ee3d9-3e1b-4b58-b5c7-3d6e8c9b5f${upn.length}a`,
  businessPhones: ['+1 425 555 0109'],
  displayName: name,
  givenName: name.split(' ')[0],
  jobTitle: 'Retail Manager',
  mail: upn,
  officeLocation: '18/2111',
  preferredLanguage: 'en-US',
  surname: name.split(' ')[1],
  userPrincipalName: upn,
});

const registration = (upn: string, mfa: boolean | undefined, methods: string[] | undefined) => ({
  id: '86462606-fde0-4fc4-9e0c-a20eb73e54c6',
  userPrincipalName: upn,
  userDisplayName: 'Alex Wilber',
  userType: 'member',
  isAdmin: true,
  isSsprRegistered: false,
  isSsprEnabled: false,
  isSsprCapable: false,
  ...(mfa === undefined ? {} : { isMfaRegistered: mfa }),
  isMfaCapable: true,
  isPasswordlessCapable: false,
  ...(methods === undefined ? {} : { methodsRegistered: methods }),
  isSystemPreferredAuthenticationMethodEnabled: true,
  systemPreferredAuthenticationMethods: ['push'],
  userPreferredMethodForSecondaryAuthentication: 'push',
  lastUpdatedDateTime: '2026-11-30T11:58:46.8823016Z',
});

const rolePath = `GET /v1.0/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`;
const registrationPath = 'GET /v1.0/reports/authenticationMethods/userRegistrationDetails';
const page = (value: unknown[], context: string, next?: string) => ({
  body: {
    '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`,
    ...(next ? { '@odata.nextLink': next } : {}),
    value,
  },
});

const denied = {
  status: 403,
  body: {
    error: {
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      innerError: { date: '2026-12-04T06:00:00', 'request-id': 'f3d0a9b2-0000-0000-0000-000000000000' },
    },
  },
};

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scan = (baseUrl: string) => scanEntra({ baseUrl, token: () => Promise.resolve('test-token') });

describe('Microsoft Entra scan (recorded responses)', () => {
  it('sees the Global Administrators over two pages, their MFA registration and methods', async () => {
    server = await recordedServer({
      [`${rolePath}?$skiptoken=page2`]: [
        page([member('AdeleV@contoso.com', 'Adele Vance')], 'directoryObjects'),
      ],
      [rolePath]: [
        (base) =>
          page(
            [member('AlexW@contoso.com', 'Alex Wilber')],
            'directoryObjects',
            `${base}/v1.0/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members?$skiptoken=page2`,
          ),
      ],
      [registrationPath]: [
        page(
          [
            registration('AlexW@contoso.com', true, [
              'microsoftAuthenticatorPush',
              'softwareOneTimePasscode',
              'mobilePhone',
            ]),
            registration('AdeleV@contoso.com', false, []),
          ],
          'reports/authenticationMethods/userRegistrationDetails',
        ),
      ],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins).toMatchObject({ status: 'seen', scope: 'RoleManagement.Read.Directory' });
    if (facts.admins.status !== 'seen') return;
    expect(
      facts.admins.value.map((admin) => [admin.login, admin.twoStepVerification, admin.secondFactorTypes]),
    ).toEqual([
      [
        'AlexW@contoso.com',
        expect.objectContaining({ status: 'seen', value: 'on', scope: graphCalls.registration.scope }),
        expect.objectContaining({ value: ['prompt', 'authenticator', 'sms', 'voice'] }),
      ],
      [
        'AdeleV@contoso.com',
        expect.objectContaining({ status: 'seen', value: 'off' }),
        expect.objectContaining({ value: [] }),
      ],
    ]);
    expect(new Set(server.requests.map((request) => request.method))).toEqual(new Set(['GET']));
    expect(server.requests.every((request) => request.authorized)).toBe(true);
    expect(server.requests.some((request) => request.url.includes('$filter=isAdmin eq true'))).toBe(true);
  });

  it('says denied for a 403 (no licence or permission) and unknown for an absent field or an empty role', async () => {
    server = await recordedServer({
      [rolePath]: [page([member('AlexW@contoso.com', 'Alex Wilber')], 'directoryObjects')],
      [registrationPath]: [denied],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins.status === 'seen' && facts.admins.value[0]!.twoStepVerification).toMatchObject({
      status: 'unknown',
      reason: 'access-denied',
      scope: 'AuditLog.Read.All (and an Entra ID P1 or P2 licence)',
    });

    await server.close();
    server = await recordedServer({
      [rolePath]: [page([], 'directoryObjects')],
      [registrationPath]: [page([registration('AlexW@contoso.com', undefined, undefined)], 'x')],
    });
    const empty = await scan(server.baseUrl);
    expect(empty.admins).toMatchObject({ status: 'unknown', reason: 'malformed-answer' });

    await server.close();
    server = await recordedServer({
      [rolePath]: [page([member('AlexW@contoso.com', 'Alex Wilber')], 'directoryObjects')],
      [registrationPath]: [page([registration('AlexW@contoso.com', undefined, undefined)], 'x')],
    });
    const absent = await scan(server.baseUrl);
    expect(absent.admins.status === 'seen' && absent.admins.value[0]!.twoStepVerification.status).toBe(
      'unknown',
    );
  });

  it('waits out a Retry-After on a 429, then reads the answer', async () => {
    server = await recordedServer({
      [rolePath]: [
        {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
        },
        page([member('AlexW@contoso.com', 'Alex Wilber')], 'directoryObjects'),
      ],
      [registrationPath]: [page([registration('AlexW@contoso.com', true, ['fido2SecurityKey'])], 'x')],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins.status).toBe('seen');
    expect(server.requests.filter((request) => request.url.startsWith(rolePath.slice(4)))).toHaveLength(2);
  });

  it('maps only the methods whose second step is clear', () => {
    expect(
      secondFactorTypesOf(['fido2SecurityKey', 'passKeyDeviceBound', 'email', 'securityQuestion']),
    ).toEqual(['security-key', 'passkey']);
  });
});

describe('Microsoft Entra scan: members with limited information', () => {
  it('says unknown when Graph returns users without userPrincipalName (no right to read them)', async () => {
    server = await recordedServer({
      [rolePath]: [page([{ '@odata.type': '#microsoft.graph.user', id: '1' }], 'directoryObjects')],
      [registrationPath]: [page([], 'x')],
    });
    const facts = await scan(server.baseUrl);
    expect(facts.admins).toMatchObject({ status: 'unknown', reason: 'access-denied' });
  });
});
