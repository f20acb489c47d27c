import { verifiedInFuture } from '../../src/checks/verified-in-future.js';
import { account, checkTable, inventoryYaml } from './check-tester.js';

// asOf is 2024-06-01 (check-tester's default); the limit is today, or asOf when later: replaying a past day,
// dates written since are not mistakes. 2999 stays in the future of any run of these tests.
const phone = (verified?: string) => ({ id: 'phone', kind: 'phone', ...(verified ? { verified } : {}) });

checkTable(verifiedInFuture, {
  valid: [
    {
      name: 'verified on the day judged',
      yaml: inventoryYaml({ factors: { devices: [phone('2024-06-01')] } }),
    },
    { name: 'verified before', yaml: inventoryYaml({ factors: { devices: [phone('2023-01-01')] } }) },
    {
      name: 'verified after the day replayed, but not after today',
      yaml: inventoryYaml({ factors: { devices: [phone('2024-07-15')] } }),
    },
    { name: 'never verified', yaml: inventoryYaml({ factors: { devices: [phone()] } }) },
  ],
  invalid: [
    {
      name: "a factor's verified date to come",
      yaml: inventoryYaml({ factors: { devices: [phone('2999-07-15')] } }),
      findings: [
        {
          severity: 'low',
          factors: ['phone'],
          messageIncludes: ['verified on 2999-07-15', 'a check cannot be in the future'],
        },
      ],
    },
    {
      name: "a verified date to come on an account's setting",
      yaml: inventoryYaml({
        accounts: [account({ iamBillingAccess: { activated: true, verified: '2999-01-01' } })],
      }),
      findings: [{ severity: 'low', messageIncludes: 'accounts[0].iamBillingAccess.verified' }],
    },
  ],
});
