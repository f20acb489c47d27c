import { unseenFacts } from '../../src/checks/unseen-facts.js';
import { accountId, checkTable, inventoryYaml } from './check-tester.js';
import {
  accountFacts,
  actions,
  scanOf,
  scanResult,
  seen,
  unknown,
  unreachedMember,
} from './scan-fixtures.js';

const yaml = inventoryYaml();
const denied = (action: string) =>
  unknown('access-denied', action, `AccessDenied: not authorized to perform ${action}`);
const organization = {
  id: 'o-example',
  managementAccountId: accountId,
  featureSet: 'ALL',
  enabledFeatures: seen(['RootCredentialsManagement'], actions.organizationFeatures),
};

checkTable(unseenFacts, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'every fact seen', yaml, scan: scanOf() },
    {
      name: "the Organization's features seen",
      yaml,
      scan: scanResult([accountFacts({ organizationRole: 'management' })], { organization }),
    },
  ],
  invalid: [
    {
      name: 'access denied: grouped under the action that would show them',
      yaml,
      scan: scanOf({
        rootMfaEnabled: denied(actions.summary),
        rootAccessKeysPresent: denied(actions.summary),
        contactInformation: denied(actions.contactInformation),
      }),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          messageIncludes: [
            'Not seen, access denied: whether root has MFA and whether root has access keys (iam:GetAccountSummary) and the contact phone number AWS calls when root loses its MFA (account:GetContactInformation).',
            'Allow iam:GetAccountSummary and account:GetContactInformation to the principal that scans',
            'never counted as safe',
          ],
        },
      ],
    },
    {
      name: 'throttled and timed out: retry, one finding per reason',
      yaml,
      scan: scanOf({
        budgets: unknown('throttled', actions.budgets),
        domains: unknown('timeout', actions.domains),
      }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: ['throttled past the retries', '(budgets:ViewBudget)', 'Retry the scan'],
        },
        {
          severity: 'medium',
          messageIncludes: ['timed out', '(route53domains:ListDomains)', 'Retry the scan'],
        },
      ],
    },
    {
      name: 'an API that failed otherwise says how',
      yaml,
      scan: scanOf({
        hostedZones: unknown('error', actions.hostedZones, 'InternalFailure: try later'),
      }),
      findings: [
        {
          severity: 'medium',
          messageIncludes:
            'the API failed: the DNS zones served from the account, which a suspension takes down (route53:ListHostedZones: InternalFailure: try later).',
        },
      ],
    },
    {
      name: "not available: a standalone account's own root email, root devices without an audit session",
      yaml,
      scan: scanOf({
        primaryEmail: unknown(
          'not-available',
          actions.primaryEmail,
          "no API shows a standalone or management account's own root email: declare it in the inventory",
        ),
        rootMfaDevices: unknown(
          'not-available',
          actions.rootAudit,
          'root MFA devices are only visible to an AssumeRoot audit session (centralized root access)',
        ),
      }),
      findings: [
        {
          severity: 'info',
          messageIncludes: [
            'Not visible through any API here',
            "all of root's MFA devices, security keys included (sts:AssumeRoot: root MFA devices are only visible",
            "root's email address, the mailbox every recovery goes through (account:GetPrimaryEmail: no API shows a standalone or management account's own root email",
            'Declare these in the inventory',
          ],
        },
      ],
    },
    {
      name: 'reasons are reported most severe first: denied before not available',
      yaml,
      scan: scanOf({
        primaryEmail: unknown('not-available', actions.primaryEmail),
        recommendedActions: denied(actions.recommendedActions),
      }),
      findings: [
        { severity: 'medium', messageIncludes: 'bcm-recommended-actions:ListRecommendedActions' },
        { severity: 'info', messageIncludes: 'account:GetPrimaryEmail' },
      ],
    },
    {
      name: "the Organization's features, unseen by the caller",
      yaml,
      scan: scanResult([accountFacts({ organizationRole: 'management' })], {
        organization: { ...organization, enabledFeatures: denied(actions.organizationFeatures) },
      }),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          messageIncludes:
            'whether centralized root access is on for the Organization (iam:ListOrganizationsFeatures)',
        },
      ],
    },
    {
      name: 'a member unreached because AssumeRole timed out: scan again',
      yaml,
      scan: scanResult([accountFacts(), unreachedMember('222233334444', {}, 'timeout')]),
      findings: [{ severity: 'high', messageIncludes: ['failed, timeout', 'Scan again.'] }],
    },
    {
      name: 'an unreached member: nothing seen, nothing safe',
      yaml,
      scan: scanResult([accountFacts(), unreachedMember('222233334444')]),
      findings: [
        {
          account: '(no account)',
          severity: 'high',
          messageIncludes: [
            'Account 222233334444 (workloads): Nothing about this account was seen; nothing in it is marked safe.',
            'The scanner could not get in: sts:AssumeRole failed, access-denied (AccessDenied:',
            'Make sure the scan role exists in this account',
          ],
        },
      ],
    },
  ],
});
