import { rootSingleMfaDevice } from '../../src/checks/root-single-mfa-device.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const devices = [
  { id: 'phone', kind: 'phone', label: 'Current phone' },
  { id: 'key-a', kind: 'security-key', label: 'YubiKey A' },
  { id: 'key-b', kind: 'security-key', label: 'YubiKey B' },
];
const withMfa = (mfa: unknown[]) =>
  inventoryYaml({ factors: { devices }, accounts: [account({ root: { email: 'root-mail', mfa } })] });

checkTable(rootSingleMfaDevice, {
  valid: [
    {
      name: 'two security keys',
      yaml: withMfa([
        { type: 'fido', heldBy: 'key-a' },
        { type: 'fido', heldBy: 'key-b' },
      ]),
    },
    {
      name: 'an authenticator app and a security key',
      yaml: withMfa([
        { type: 'virtual', heldBy: 'phone' },
        { type: 'fido', heldBy: 'key-a' },
      ]),
    },
    // No MFA at all, or MFA unknown, is root-mfa-missing's to report.
    { name: 'no MFA attested', yaml: withMfa([]) },
    { name: 'MFA unknown', yaml: inventoryYaml() },
    { name: 'no root declared', yaml: inventoryYaml({ accounts: [account({ root: undefined })] }) },
  ],
  invalid: [
    {
      name: 'one security key',
      yaml: withMfa([{ type: 'fido', heldBy: 'key-a', label: 'Main key' }]),
      findings: [
        {
          account: accountId,
          severity: 'high',
          factors: ['key-a'],
          messageIncludes: ['Root has one MFA device, Main key, held by YubiKey A'],
        },
      ],
    },
    {
      name: 'one device without a label is named by its type',
      yaml: withMfa([{ type: 'virtual', heldBy: 'phone' }]),
      findings: [{ severity: 'high', messageIncludes: 'Root has one MFA device, held by Current phone:' }],
    },
    {
      name: 'two authenticator apps on the same phone are one device to lose',
      yaml: withMfa([
        { type: 'virtual', heldBy: 'phone', label: 'Google Authenticator' },
        { type: 'virtual', heldBy: 'phone', label: 'Authy' },
      ]),
      findings: [
        {
          severity: 'high',
          factors: ['phone'],
          messageIncludes: "Root's 2 MFA devices all live on Current phone",
        },
      ],
    },
    {
      name: 'members are checked too',
      yaml: inventoryYaml({
        factors: { devices },
        accounts: [
          account({
            id: '999988887777',
            organization: 'management',
            root: {
              email: 'root-mail',
              mfa: [
                { type: 'fido', heldBy: 'key-a' },
                { type: 'fido', heldBy: 'key-b' },
              ],
            },
          }),
          account({
            organization: 'member',
            managementAccount: '999988887777',
            root: { email: 'root-mail', mfa: [{ type: 'fido', heldBy: 'key-b' }] },
          }),
        ],
      }),
      findings: [{ account: accountId, severity: 'high', factors: ['key-b'] }],
    },
  ],
});
