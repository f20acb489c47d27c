// The identity-provider checks (issue 16): each fires, each stays quiet, and an undeclared admin list is an
// unknown with what to declare, never counted as safe and never an emergency.
import { stringify } from 'yaml';
import { entraEmergencyAccessMissing } from '../../src/checks/entra-emergency-access-missing.js';
import { entraGlobalAdminCount } from '../../src/checks/entra-global-admin-count.js';
import { idpAdminOnlyBillingPrincipal } from '../../src/checks/idp-admin-only-billing-principal.js';
import { idpAdminsOnePerson } from '../../src/checks/idp-admins-one-person.js';
import { workspaceSuperAdminCount } from '../../src/checks/workspace-super-admin-count.js';
import { account, accountId, checkTable } from './check-tester.js';

type Fields = Record<string, unknown>;

const people = [
  { id: 'alex', name: 'Alex' },
  { id: 'sam', name: 'Sam' },
];

/** An inventory whose one AWS account has `principals`, with Alex's and Sam's accounts at Google and Microsoft. */
function idp(org: Fields, principals: { billingPrincipals?: Fields[]; principals?: Fields[] } = {}): string {
  const user = (id: string, provider: string, holder: string, extra: Fields): Fields => ({
    id,
    provider,
    holder,
    ...extra,
  });
  return stringify({
    version: 1,
    asOf: '2026-12-04',
    factors: {
      people,
      mailboxes: [{ id: 'root-mail', address: 'aws@example.net', provider: 'gmail' }],
    },
    accounts: [account({ iamBillingAccess: { activated: true }, ...principals })],
    outsideAccounts: [
      user('alex-google', 'google', 'alex', { workspace: 'example-org' }),
      user('alex-admin', 'google', 'alex', { workspace: 'example-org' }),
      user('sam-google', 'google', 'sam', { workspace: 'example-org' }),
      user('alex-entra', 'microsoft', 'alex', { tenant: 'example-tenant' }),
      user('sam-entra', 'microsoft', 'sam', { tenant: 'example-tenant' }),
      user('break-glass-1', 'microsoft', 'alex', { tenant: 'example-tenant' }),
      user('break-glass-2', 'microsoft', 'sam', { tenant: 'example-tenant' }),
      user('alex-entra-2', 'microsoft', 'alex', { tenant: 'example-tenant' }),
      { id: 'example-org', provider: 'google-workspace', name: 'Example', ...pick(org, googleFields) },
      {
        id: 'example-tenant',
        provider: 'microsoft-entra',
        name: 'Example tenant',
        ...pick(org, entraFields),
      },
    ],
  });
}

const googleFields = ['superAdmins', 'superAdminSelfRecovery'];
const entraFields = ['globalAdmins', 'emergencyAccessAccounts'];
/** The admin facts of `org` that belong to one provider's entry: the Workspace's or the tenant's. */
const pick = (org: Fields, keys: string[]): Fields =>
  Object.fromEntries(Object.entries(org).filter(([key]) => keys.includes(key)));

checkTable(workspaceSuperAdminCount, {
  valid: [
    { name: 'two super admins, two people', yaml: idp({ superAdmins: ['alex-google', 'sam-google'] }) },
  ],
  invalid: [
    {
      name: 'one super admin',
      yaml: idp({ superAdmins: ['alex-google'] }),
      findings: [{ severity: 'high', messageIncludes: 'Example has one super admin, alex-google' }],
    },
    {
      name: 'none attested',
      yaml: idp({ superAdmins: [] }),
      findings: [{ severity: 'high', messageIncludes: "only Google's domain-verification recovery" }],
    },
    {
      name: 'two super admin accounts held by one person',
      yaml: idp({ superAdmins: ['alex-google', 'alex-admin'] }),
      findings: [
        {
          severity: 'high',
          factors: ['alex'],
          messageIncludes: 'Every super admin of Example is held by Alex',
        },
      ],
    },
    {
      name: 'super admins not declared: an unknown, not an emergency',
      yaml: idp({}),
      findings: [{ severity: 'medium', messageIncludes: ['not declared: unknown', 'Declare superAdmins'] }],
    },
  ],
});

checkTable(entraGlobalAdminCount, {
  valid: [{ name: 'two Global Administrators', yaml: idp({ globalAdmins: ['alex-entra', 'sam-entra'] }) }],
  invalid: [
    {
      name: 'one Global Administrator',
      yaml: idp({ globalAdmins: ['alex-entra'] }),
      findings: [
        { severity: 'high', messageIncludes: 'Example tenant has one Global Administrator, alex-entra' },
      ],
    },
    {
      name: 'five Global Administrators',
      yaml: idp({
        globalAdmins: ['alex-entra', 'sam-entra', 'break-glass-1', 'break-glass-2', 'alex-entra-2'],
      }),
      findings: [{ severity: 'medium', messageIncludes: 'Microsoft recommends fewer than five' }],
    },
    {
      name: 'Global Administrators not declared',
      yaml: idp({}),
      findings: [{ severity: 'medium', messageIncludes: ['not declared: unknown', 'Declare globalAdmins'] }],
    },
  ],
});

checkTable(entraEmergencyAccessMissing, {
  valid: [
    {
      name: 'two emergency access accounts',
      yaml: idp({ emergencyAccessAccounts: ['break-glass-1', 'break-glass-2'] }),
    },
  ],
  invalid: [
    {
      name: 'none attested',
      yaml: idp({ emergencyAccessAccounts: [] }),
      findings: [
        { severity: 'high', messageIncludes: 'no emergency access account: Microsoft recommends two' },
      ],
    },
    {
      name: 'one',
      yaml: idp({ emergencyAccessAccounts: ['break-glass-1'] }),
      findings: [{ severity: 'medium', messageIncludes: 'one emergency access account' }],
    },
    {
      name: 'not declared',
      yaml: idp({}),
      findings: [{ severity: 'medium', messageIncludes: 'is not declared: unknown' }],
    },
  ],
});

const admin = (signIn: string[]): Fields => ({ name: 'admin', permissions: ['*'], signIn });

checkTable(idpAdminsOnePerson, {
  valid: [
    {
      name: 'the Workspace has two super admins held by two people',
      yaml: idp({ superAdmins: ['alex-google', 'sam-google'] }, { principals: [admin(['alex-google'])] }),
    },
    {
      name: 'a second admin principal signs in without the identity provider',
      yaml: idp(
        { superAdmins: ['alex-google'] },
        {
          principals: [admin(['alex-google']), { name: 'local', permissions: ['*'], signIn: ['root-mail'] }],
        },
      ),
    },
    {
      name: 'no principal signs in through an identity provider',
      yaml: idp({ superAdmins: ['alex-google'] }),
    },
  ],
  invalid: [
    {
      name: 'every admin through a Workspace whose super admins are all Alex',
      yaml: idp({ superAdmins: ['alex-google', 'alex-admin'] }, { principals: [admin(['alex-google'])] }),
      findings: [
        {
          account: accountId,
          severity: 'high',
          factors: ['alex'],
          messageIncludes: 'are all held by Alex: losing Alex locks every one of them out',
        },
      ],
    },
    {
      name: 'a billing principal through an Entra tenant whose only Global Administrator is Alex',
      yaml: idp(
        { globalAdmins: ['alex-entra'] },
        {
          billingPrincipals: [{ name: 'finance', signIn: ['sam-entra'] }],
        },
      ),
      findings: [
        {
          severity: 'high',
          messageIncludes:
            'signs in through Example tenant, whose Global Administrators are all held by Alex',
        },
      ],
    },
    {
      name: 'admins not declared: unknown, with what to declare',
      yaml: idp({}, { principals: [admin(['alex-google'])] }),
      findings: [{ severity: 'medium', messageIncludes: ['is unknown', 'Declare superAdmins'] }],
    },
  ],
});

checkTable(idpAdminOnlyBillingPrincipal, {
  valid: [
    {
      name: 'the only billing principal is not the only super admin',
      yaml: idp(
        { superAdmins: ['alex-google', 'sam-google'] },
        { billingPrincipals: [{ name: 'finance', signIn: ['alex-google'] }] },
      ),
    },
    {
      name: 'two billing principals',
      yaml: idp(
        { superAdmins: ['alex-google'] },
        {
          billingPrincipals: [
            { name: 'finance', signIn: ['alex-google'] },
            { name: 'cfo', signIn: ['root-mail'] },
          ],
        },
      ),
    },
  ],
  invalid: [
    {
      name: "the Workspace's only super admin is the only billing principal",
      yaml: idp(
        { superAdmins: ['alex-google'] },
        { billingPrincipals: [{ name: 'finance', signIn: ['alex-google'] }] },
      ),
      findings: [
        {
          account: accountId,
          severity: 'high',
          messageIncludes:
            'alex-google is the only super admin of Example and, as finance, the only billing principal',
        },
      ],
    },
    {
      name: "the tenant's only Global Administrator is the only billing principal",
      yaml: idp(
        { globalAdmins: ['alex-entra'] },
        { billingPrincipals: [{ name: 'finance', signIn: ['alex-entra'] }] },
      ),
      findings: [
        {
          severity: 'high',
          messageIncludes: 'alex-entra is the only Global Administrator of Example tenant',
        },
      ],
    },
    {
      name: 'admins not declared: unknown',
      yaml: idp({}, { billingPrincipals: [{ name: 'finance', signIn: ['alex-google'] }] }),
      findings: [{ severity: 'medium', messageIncludes: ['is unknown', 'Declare superAdmins'] }],
    },
  ],
});
