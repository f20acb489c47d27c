import { rootOnlyPayer } from '../../src/checks/root-only-payer.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const factors = {
  devices: [
    { id: 'phone', kind: 'phone', label: 'Phone' },
    { id: 'old-laptop', kind: 'laptop', label: 'Old laptop', state: 'lost' },
  ],
  passwordStores: [{ id: 'vault', label: 'Vault' }],
};
const admin = { name: 'alex-admin', kind: 'iam-user', signIn: ['vault', 'phone'] };
const payer = (fields: Record<string, unknown>) => inventoryYaml({ factors, accounts: [account(fields)] });
const activated = { activated: true, verified: '2024-05-01' };

checkTable(rootOnlyPayer, {
  valid: [
    {
      name: 'billing access activated and a principal who can sign in',
      yaml: payer({ iamBillingAccess: activated, billingPrincipals: [admin] }),
    },
    {
      name: 'one principal blocked, another fine',
      yaml: payer({
        iamBillingAccess: activated,
        billingPrincipals: [{ name: 'old-admin', signIn: ['old-laptop'] }, admin],
      }),
    },
    {
      name: 'members are paid for by their management account',
      yaml: inventoryYaml({
        factors,
        accounts: [
          account({
            id: '999988887777',
            organization: 'management',
            iamBillingAccess: activated,
            billingPrincipals: [admin],
          }),
          account({
            organization: 'member',
            managementAccount: '999988887777',
            payment: { paidBy: 'management' },
          }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'principals exist but billing access is not activated: the incident',
      yaml: payer({ iamBillingAccess: { activated: false }, billingPrincipals: [admin] }),
      findings: [
        {
          account: accountId,
          severity: 'high',
          messageIncludes:
            'Billing principals exist (alex-admin) but IAM access to billing is not activated, so only root can pay',
        },
      ],
    },
    {
      name: 'billing access unknown: said so, medium',
      yaml: payer({ billingPrincipals: [admin] }),
      findings: [
        { severity: 'medium', messageIncludes: ['alex-admin', 'is not declared', 'never counted as safe'] },
      ],
    },
    {
      name: 'no billing principals declared',
      yaml: payer({ iamBillingAccess: activated }),
      findings: [
        {
          severity: 'high',
          messageIncludes: [
            'No principal other than root',
            'although IAM access to billing is activated',
            'until one is, only root counts as able to pay',
          ],
        },
      ],
    },
    {
      name: 'billing principals attested empty',
      yaml: payer({ iamBillingAccess: { activated: false }, billingPrincipals: [] }),
      findings: [
        { severity: 'high', messageIncludes: 'IAM access to billing is not activated: only root can pay' },
      ],
    },
    {
      name: 'nothing declared about billing at all',
      yaml: payer({}),
      findings: [
        {
          severity: 'high',
          // Nothing is known: the finding says what counts, not that only root can pay for certain.
          messageIncludes: [
            'whether IAM access to billing is activated is not declared either',
            'until they are, only root counts as able to pay',
          ],
        },
      ],
    },
    {
      name: 'activated, but every principal needs a lost factor',
      yaml: payer({
        iamBillingAccess: activated,
        billingPrincipals: [{ name: 'old-admin', signIn: ['vault', 'old-laptop'] }],
      }),
      findings: [
        { severity: 'high', factors: ['old-laptop'], messageIncludes: 'old-admin needs Old laptop' },
      ],
    },
    {
      name: 'a management account is checked like a standalone one',
      yaml: inventoryYaml({
        factors,
        accounts: [
          account({
            id: '999988887777',
            organization: 'management',
            iamBillingAccess: { activated: false },
            billingPrincipals: [admin],
          }),
          account({
            organization: 'member',
            managementAccount: '999988887777',
            payment: { paidBy: 'management' },
          }),
        ],
      }),
      findings: [{ account: '999988887777', severity: 'high' }],
    },
  ],
});
