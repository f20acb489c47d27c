/**
 * Recorded answers the outside scanners' tests share, in the shapes of the providers' documented APIs: a
 * GitHub user as GET /orgs/{org}/members lists it, the GitHub organisation acme, a Directory API users.list
 * page of super admins (the pages are named in github-scan.test.ts and google-workspace-scan.test.ts), and a
 * Google auth client holding a test token, so that no token is ever asked of Google.
 */
import { auth } from '@googleapis/admin';
import type { Responder } from '../../src/providers/aws/scan/clients.js';
import type { Recorded } from './recorded-server.js';

type Routes = Record<string, Recorded[]>;

/** A user as GitHub's member list shows one. */
export const githubUser = (login: string, id: number) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjE=',
  type: 'User',
  site_admin: false,
});

/** The organisation acme as an owner's token sees it: its owners, those with 2FA off, and its requirement. */
export function acmeAnswers(owners: string[], twoFactorOff: string[], required: boolean): Routes {
  const users = (logins: string[]) => logins.map((login, index) => githubUser(login, index + 1));
  return {
    'GET /orgs/acme/members?filter=2fa_disabled': [{ body: users(twoFactorOff) }],
    'GET /orgs/acme/members?role=admin': [{ body: users(owners) }],
    'GET /orgs/acme': [
      { body: { login: 'acme', id: 1, type: 'Organization', two_factor_requirement_enabled: required } },
    ],
  };
}

/** acme declared with two owners, Ana and Ben, both with 2FA on, and 2FA required: YAML lines of an inventory. */
export const acmeDeclared = [
  'outsideAccounts:',
  '  - { id: acme-github, provider: github-organization, login: acme, owners: [gh-ana, gh-ben], twoFactorRequired: on }',
  '  - { id: gh-ana, provider: github, login: ana, twoStepVerification: on }',
  '  - { id: gh-ben, provider: github, login: ben, twoStepVerification: on }',
];

/** users.list with query isAdmin=true answering these super admins, each with its 2SV enrolment and enforcement. */
export function superAdminsAnswer(admins: { email: string; enrolled: boolean; enforced: boolean }[]): Routes {
  return {
    'GET /admin/directory/v1/users?': [
      {
        body: {
          kind: 'admin#directory#users',
          users: admins.map((admin) => ({
            primaryEmail: admin.email,
            isAdmin: true,
            isEnrolledIn2Sv: admin.enrolled,
            isEnforcedIn2Sv: admin.enforced,
          })),
        },
      },
    ],
  };
}

/** A Google auth client with a test access token: the Directory calls carry it, and nothing asks Google for one. */
export function googleTestAuth(): InstanceType<typeof auth.OAuth2> {
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: 'test-token' });
  return client;
}

/**
 * A standalone AWS account (no Organization) as the SDK answers the scan: who calls, then every other call
 * denied. `calls` records the operations asked for, when a test needs them.
 */
export function standaloneAws(account = '111122223333', calls?: string[]): Responder {
  return (operation) => {
    calls?.push(operation);
    if (operation === 'STS:GetCallerIdentity')
      return { Account: account, Arn: `arn:aws:iam::${account}:user/auditor`, UserId: 'AIDAAUDITOR' };
    const name =
      operation === 'Organizations:DescribeOrganization'
        ? 'AWSOrganizationsNotInUseException'
        : 'AccessDeniedException';
    return Object.assign(new Error(`not allowed in this test: ${operation}`), {
      name,
      $metadata: { httpStatusCode: name === 'AccessDeniedException' ? 403 : 400 },
    });
  };
}
