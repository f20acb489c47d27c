import { rootMfaMissing } from '../../src/checks/root-mfa-missing.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const key = { id: 'key', kind: 'security-key', label: 'YubiKey' };
const management = account({ id: '999988887777', name: 'management', organization: 'management' });
const member = (fields: Record<string, unknown>) =>
  account({ name: 'member', organization: 'member', managementAccount: '999988887777', ...fields });

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
