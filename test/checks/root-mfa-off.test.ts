import { rootMfaOff } from '../../src/checks/root-mfa-off.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';
import { accountFacts, actions, scanOf, scanResult, seen, unknown } from './scan-fixtures.js';

const yaml = inventoryYaml();
const report = (mfaActive: boolean) =>
  seen(
    { passwordEnabled: false, mfaActive, accessKey1Active: false, accessKey2Active: false },
    actions.credentialReport,
  );
const notAudited = unknown('not-available', actions.rootAudit);
/** Root without MFA by every source a standalone scan has. */
const withoutMfa = {
  rootMfaEnabled: seen(false, actions.summary),
  rootCredentialReport: report(false),
  rootMfaDevices: notAudited,
};

const management = '999988887777';
const memberId = '222233334444';
const organization = inventoryYaml({
  accounts: [
    account({ id: management, name: 'management', organization: 'management' }),
    account({
      id: memberId,
      name: 'workloads',
      organization: 'member',
      managementAccount: management,
      payment: { paidBy: 'management' },
    }),
  ],
});
const memberScan = (fields: Parameters<typeof accountFacts>[0]) =>
  scanResult([
    accountFacts({ accountId: management, organizationRole: 'management' }),
    accountFacts({ accountId: memberId, organizationRole: 'member', ...fields }),
  ]);

checkTable(rootMfaOff, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'MFA on by every source', yaml, scan: scanOf() },
    {
      name: 'the summary says 0 but an audit session lists a device: trust the devices',
      yaml: organization,
      scan: memberScan({
        ...withoutMfa,
        rootMfaDevices: seen([{ serialNumber: 'GAHT12345678', kind: 'hardware-totp' }], actions.rootAudit),
      }),
    },
    {
      name: 'the summary says 0 but root has a virtual MFA device (an emulator)',
      yaml,
      scan: scanOf({
        ...withoutMfa,
        rootVirtualMfaDevices: seen(
          [{ serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', kind: 'virtual' }],
          actions.virtualMfa,
        ),
      }),
    },
    {
      name: 'nothing seen: left to unseen-facts',
      yaml,
      scan: scanOf({
        rootMfaEnabled: unknown('access-denied', actions.summary),
        rootCredentialReport: unknown('access-denied', actions.credentialReport),
        rootMfaDevices: notAudited,
      }),
    },
  ],
  invalid: [
    {
      name: 'a standalone root without MFA, by the summary and the report',
      yaml,
      scan: scanOf(withoutMfa),
      findings: [
        {
          account: accountId,
          severity: 'critical',
          messageIncludes: [
            'Root has no MFA (seen by iam:GetAccountSummary and iam:GetCredentialReport)',
            "a reset through root's mailbox",
          ],
        },
      ],
    },
    {
      name: 'the summary alone says no MFA',
      yaml,
      scan: scanOf({
        ...withoutMfa,
        rootCredentialReport: unknown('throttled', actions.credentialReport),
      }),
      findings: [
        { severity: 'critical', messageIncludes: 'Root has no MFA (seen by iam:GetAccountSummary):' },
      ],
    },
    {
      name: 'the sources disagree: high, never safe',
      yaml,
      scan: scanOf({ ...withoutMfa, rootMfaEnabled: seen(true, actions.summary) }),
      findings: [
        {
          severity: 'high',
          messageIncludes: [
            'seen by iam:GetCredentialReport), but iam:GetAccountSummary says it has MFA',
            'up to four hours old',
          ],
        },
      ],
    },
    {
      name: 'a member without MFA and no audit session: high, with the caveat',
      yaml: organization,
      scan: memberScan(withoutMfa),
      findings: [
        {
          account: memberId,
          severity: 'high',
          messageIncludes: ["unless this member's root has no password", 'no audit session (sts:AssumeRoot)'],
        },
      ],
    },
    {
      name: 'a member whose audit session lists no device',
      yaml: organization,
      scan: memberScan({ ...withoutMfa, rootMfaDevices: seen([], actions.rootAudit) }),
      findings: [
        {
          account: memberId,
          severity: 'high',
          messageIncludes: [
            'seen by iam:GetAccountSummary, iam:GetCredentialReport and sts:AssumeRoot',
            'an audit session of root listed no MFA device',
          ],
        },
      ],
    },
  ],
});
