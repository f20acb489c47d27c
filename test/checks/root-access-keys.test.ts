import { rootAccessKeys } from '../../src/checks/root-access-keys.js';
import { accountId, checkTable, inventoryYaml } from './check-tester.js';
import { actions, scanOf, seen, unknown } from './scan-fixtures.js';

const yaml = inventoryYaml();
const report = (key1: boolean, key2: boolean) =>
  seen(
    { passwordEnabled: false, mfaActive: true, accessKey1Active: key1, accessKey2Active: key2 },
    actions.credentialReport,
  );

checkTable(rootAccessKeys, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'no keys, by the summary and the report', yaml, scan: scanOf() },
    {
      name: 'nothing seen at all: left to unseen-facts',
      yaml,
      scan: scanOf({
        rootAccessKeysPresent: unknown('access-denied', actions.summary),
        rootCredentialReport: unknown('access-denied', actions.credentialReport),
      }),
    },
  ],
  invalid: [
    {
      name: 'the credential report shows an active key',
      yaml,
      scan: scanOf({
        rootAccessKeysPresent: seen(true, actions.summary),
        rootCredentialReport: report(true, false),
      }),
      findings: [
        {
          account: accountId,
          severity: 'high',
          messageIncludes: 'Root has an active access key 1 (seen by iam:GetCredentialReport)',
        },
      ],
    },
    {
      name: 'two active keys, though the summary was denied',
      yaml,
      scan: scanOf({
        rootAccessKeysPresent: unknown('access-denied', actions.summary),
        rootCredentialReport: report(true, true),
      }),
      findings: [{ severity: 'high', messageIncludes: 'an active access key 1 and an active access key 2' }],
    },
    {
      name: 'the summary shows keys and the report is unknown',
      yaml,
      scan: scanOf({
        rootAccessKeysPresent: seen(true, actions.summary),
        rootCredentialReport: unknown('timeout', actions.credentialReport),
      }),
      findings: [
        {
          severity: 'high',
          messageIncludes: ['Root has access keys (seen by iam:GetAccountSummary)', 'count as active'],
        },
      ],
    },
    {
      name: 'keys present but none active',
      yaml,
      scan: scanOf({ rootAccessKeysPresent: seen(true, actions.summary) }),
      findings: [{ severity: 'medium', messageIncludes: ['none of them active', 'delete them'] }],
    },
  ],
});
