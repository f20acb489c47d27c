import { rootMfaMissing } from '../../src/checks/root-mfa-missing.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';
import { actions, scanOf, seen, unknown } from './scan-fixtures.js';

const key = { id: 'key', kind: 'security-key', label: 'YubiKey' };
const management = account({ id: '999988887777', name: 'management', organization: 'management' });
const member = (fields: Record<string, unknown>) =>
  account({ name: 'member', organization: 'member', managementAccount: '999988887777', ...fields });
/** A scan that saw root's MFA off (GetAccountSummary, the credential report), its devices not audited. */
const scanSawMfaOff = () =>
  scanOf({
    rootMfaEnabled: seen(false, actions.summary),
    rootCredentialReport: seen(
      { passwordEnabled: false, mfaActive: false, accessKey1Active: false, accessKey2Active: false },
      actions.credentialReport,
    ),
    rootMfaDevices: unknown('not-available', actions.rootAudit),
  });

checkTable(rootMfaMissing, {
  valid: [
    {
      name: 'root with one MFA device',
      yaml: inventoryYaml({
        factors: { devices: [key] },
        accounts: [account({ root: { email: 'root-mail', mfa: [{ type: 'fido', heldBy: 'key' }] } })],
      }),
    },
    {
      name: 'member whose root is not declared (managed centrally)',
      yaml: inventoryYaml({
        factors: { devices: [key] },
        accounts: [
          { ...management, root: { email: 'root-mail', mfa: [{ type: 'fido', heldBy: 'key' }] } },
          member({ root: undefined }),
        ],
      }),
    },
    { name: 'no accounts at all', yaml: inventoryYaml({ accounts: [] }) },
    // Found by a fault probe: a scan that saw root's MFA off also got "whether it has MFA is unknown".
    {
      name: 'root not declared, and a scan saw its MFA off: root-mfa-off says it, not "unknown"',
      yaml: inventoryYaml({ accounts: [account({ root: undefined })] }),
      scan: scanSawMfaOff(),
    },
    {
      name: 'root declared without its MFA, and a scan saw it off',
      yaml: inventoryYaml(),
      scan: scanSawMfaOff(),
    },
  ],
  invalid: [
    {
      name: 'mfa: [] attested: root has no MFA',
      yaml: inventoryYaml({ accounts: [account({ root: { email: 'root-mail', mfa: [] } })] }),
      findings: [{ account: accountId, severity: 'critical', messageIncludes: 'Root has no MFA device' }],
    },
    {
      name: 'mfa omitted: unknown, never counted as safe',
      yaml: inventoryYaml(),
      findings: [
        { account: accountId, severity: 'medium', messageIncludes: ['unknown', 'never counted as safe'] },
      ],
    },
    {
      name: 'standalone account with no root declared at all',
      yaml: inventoryYaml({ accounts: [account({ root: undefined })] }),
      findings: [{ severity: 'medium', messageIncludes: 'Nothing is declared about root' }],
    },
    {
      name: 'member whose root is declared without MFA is checked like any other',
      yaml: inventoryYaml({
        factors: { devices: [key] },
        accounts: [
          { ...management, root: { email: 'root-mail', mfa: [{ type: 'fido', heldBy: 'key' }] } },
          member({ root: { email: 'root-mail', mfa: [] } }),
        ],
      }),
      findings: [{ account: accountId, severity: 'critical' }],
    },
    {
      name: 'one finding per account, in the order of the file',
      yaml: inventoryYaml({
        accounts: [
          { ...management, root: { email: 'root-mail', mfa: [] } },
          member({ root: { email: 'root-mail' } }),
        ],
      }),
      findings: [
        { account: '999988887777', severity: 'critical' },
        { account: accountId, severity: 'medium' },
      ],
    },
  ],
});
