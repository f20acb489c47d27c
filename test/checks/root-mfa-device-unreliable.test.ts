import { rootMfaDeviceUnreliable } from '../../src/checks/root-mfa-device-unreliable.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

// asOf is 2024-06-01 throughout; 2023-06-02 is exactly 365 days before it, 2023-06-01 is 366.
const people = [{ id: 'alex', name: 'Alex' }];
const fixture = (devices: Record<string, unknown>[], mfa: unknown[], extra: Record<string, unknown[]> = {}) =>
  inventoryYaml({
    factors: { people, devices, ...extra },
    accounts: [account({ root: { email: 'root-mail', mfa } })],
  });
const phone = (fields: Record<string, unknown> = {}) => ({
  id: 'phone',
  kind: 'phone',
  label: 'Old phone',
  verified: '2024-05-01',
  ...fields,
});
const key = (fields: Record<string, unknown> = {}) => ({
  id: 'key',
  kind: 'security-key',
  label: 'YubiKey',
  verified: '2024-05-01',
  ...fields,
});
const app = { type: 'virtual', heldBy: 'phone' };
const fido = { type: 'fido', heldBy: 'key' };

checkTable(rootMfaDeviceUnreliable, {
  valid: [
    { name: 'a device verified last month', yaml: fixture([phone()], [app]) },
    {
      name: 'verified exactly 365 days before asOf',
      yaml: fixture([phone({ verified: '2023-06-02' })], [app]),
    },
    {
      name: 'the holder is old but the device entry was verified recently (the later counts)',
      yaml: fixture([phone({ verified: '2016-04-02' })], [{ ...app, verified: '2024-01-10' }]),
    },
    {
      name: 'the device entry is old but its holder was verified recently',
      yaml: fixture([phone({ verified: '2024-01-10' })], [{ ...app, verified: '2016-04-02' }]),
    },
    {
      name: 'verified after asOf',
      yaml: fixture([phone({ verified: '2024-06-01' })], [app]),
      asOf: '2024-05-01',
    },
    {
      name: 'a dependency on an account id is not a factor',
      yaml: fixture([phone({ dependsOn: [accountId] })], [app]),
    },
    { name: 'no MFA declared', yaml: inventoryYaml() },
  ],
  invalid: [
    {
      // Staleness is worked out once per day: from the later of the device's and its holder's, never the
      // device's alone, which both share here.
      name: 'two devices entered on one day, one held by a thing verified since: only the other is untried',
      yaml: fixture(
        [phone(), key({ verified: '2015-01-01' })],
        [
          { ...app, verified: '2016-04-02' },
          { ...fido, verified: '2016-04-02' },
        ],
      ),
      findings: [
        {
          severity: 'medium',
          factors: ['key'],
          messageIncludes: ['security key or passkey on YubiKey was last verified on 2016-04-02'],
        },
      ],
    },
    {
      name: 'two untried devices, each said with its own day',
      yaml: fixture([phone({ verified: '2016-04-02' }), key({ verified: '2015-01-01' })], [app, fido]),
      findings: [
        { severity: 'medium', factors: ['phone'], messageIncludes: 'was last verified on 2016-04-02' },
        { severity: 'medium', factors: ['key'], messageIncludes: 'was last verified on 2015-01-01' },
      ],
    },
    {
      name: 'the phone holding the authenticator app is lost: the incident',
      yaml: fixture(
        [phone({ state: 'lost', verified: '2016-04-02' })],
        [{ ...app, label: 'Google Authenticator', verified: '2016-04-02' }],
      ),
      findings: [
        {
          account: accountId,
          severity: 'critical',
          factors: ['phone'],
          messageIncludes: [
            "Root's MFA device Google Authenticator cannot be used: it is held by Old phone, which is lost",
            'no other working MFA device',
          ],
        },
      ],
    },
    {
      name: 'lost through a dependency: a passkey in a password store on a lost laptop',
      yaml: fixture(
        [{ id: 'laptop', kind: 'laptop', label: 'Laptop', state: 'lost', verified: '2024-05-01' }],
        [{ type: 'fido', heldBy: 'vault' }],
        { passwordStores: [{ id: 'vault', label: 'Vault', dependsOn: ['laptop'], verified: '2024-05-01' }] },
      ),
      findings: [
        {
          severity: 'critical',
          factors: ['vault', 'laptop'],
          messageIncludes: 'held by Vault, which depends on Laptop, which is lost',
        },
      ],
    },
    {
      name: 'the person who keeps the key is gone',
      yaml: fixture([key({ holder: 'bob' })], [fido], {
        people: [...people, { id: 'bob', name: 'Bob', state: 'lost' }],
      }),
      findings: [
        {
          severity: 'critical',
          factors: ['key', 'bob'],
          messageIncludes: 'which is kept by Bob, who is marked lost',
        },
      ],
    },
    {
      name: 'outdated counts as lost',
      yaml: fixture([phone({ state: 'outdated' })], [app]),
      findings: [{ severity: 'critical', messageIncludes: 'which is outdated' }],
    },
    {
      name: 'a lost device next to a working one is high, not critical',
      yaml: fixture([phone({ state: 'lost' }), key()], [app, fido]),
      findings: [
        {
          severity: 'high',
          factors: ['phone'],
          messageIncludes: 'root can still use security key or passkey on YubiKey',
        },
      ],
    },
    {
      name: 'verified 366 days before asOf',
      yaml: fixture([phone({ verified: '2023-06-01' })], [app]),
      findings: [
        {
          severity: 'medium',
          factors: ['phone'],
          messageIncludes: 'was last verified on 2023-06-01, 366 days before 2024-06-01',
        },
      ],
    },
    {
      name: 'never verified',
      yaml: fixture([phone({ verified: undefined })], [app]),
      findings: [{ severity: 'medium', messageIncludes: 'has never been verified' }],
    },
    {
      name: 'asOf from the options moves the boundary',
      yaml: fixture([phone({ verified: '2023-06-02' })], [app]),
      asOf: '2024-06-02',
      findings: [{ severity: 'medium', messageIncludes: '366 days before 2024-06-02' }],
    },
    {
      name: 'one finding per device; a lost device next to an untried one stays critical',
      yaml: fixture([phone({ state: 'lost' }), key({ verified: undefined })], [app, fido]),
      findings: [
        { severity: 'critical', factors: ['phone'], messageIncludes: 'are not known to work' },
        { severity: 'medium', factors: ['key'] },
      ],
    },
  ],
});
