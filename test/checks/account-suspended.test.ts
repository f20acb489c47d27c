import { accountSuspended } from '../../src/checks/account-suspended.js';
import { account, checkTable, inventoryYaml } from './check-tester.js';
import { accountFacts, actions, scanOf, scanResult, seen, unreachedMember } from './scan-fixtures.js';

const management = '999988887777';
const memberId = '222233334444';
const organization = (memberFields: Record<string, unknown> = {}) =>
  inventoryYaml({
    accounts: [
      account({ id: management, name: 'management', organization: 'management' }),
      account({
        id: memberId,
        name: 'workloads',
        organization: 'member',
        managementAccount: management,
        payment: { paidBy: 'management' },
        ...memberFields,
      }),
    ],
  });
const scanWithMember = (fields: Parameters<typeof accountFacts>[0]) =>
  scanResult([
    accountFacts({ accountId: management, name: 'management', organizationRole: 'management' }),
    accountFacts({ accountId: memberId, name: 'workloads', organizationRole: 'member', ...fields }),
  ]);

checkTable(accountSuspended, {
  valid: [
    { name: 'no scan: nothing to judge', yaml: organization() },
    { name: 'a standalone account, no state', yaml: inventoryYaml(), scan: scanOf() },
    { name: 'an active member', yaml: organization(), scan: scanWithMember({ state: 'ACTIVE' }) },
    {
      name: 'a closed member is gone on purpose',
      yaml: organization(),
      scan: scanWithMember({ state: 'CLOSED' }),
    },
  ],
  invalid: [
    {
      name: 'a suspended member with declared workloads',
      yaml: organization({ workloads: ['blog', 'mail relay'] }),
      scan: scanWithMember({ state: 'SUSPENDED' }),
      findings: [
        {
          account: memberId,
          severity: 'critical',
          messageIncludes: [
            'SUSPENDED (seen by organizations:ListAccounts)',
            'AWS has restricted access',
            'blog, mail relay stop with it',
          ],
        },
      ],
    },
    {
      name: 'a suspended member holding domains and a zone, workloads not declared',
      yaml: organization(),
      scan: scanWithMember({
        state: 'SUSPENDED',
        domains: seen([{ name: 'example.net', contactEmails: [] }], actions.domains),
        hostedZones: seen(
          [
            { id: 'Z1', name: 'example.net', private: false },
            { id: 'Z2', name: 'internal.example', private: true },
          ],
          actions.hostedZones,
        ),
      }),
      findings: [
        {
          account: memberId,
          severity: 'critical',
          messageIncludes: [
            'the domains registered here (example.net, seen by route53domains:ListDomains) and the DNS of example.net (seen by route53:ListHostedZones) stop',
            'what else runs here is not declared (workloads)',
          ],
        },
      ],
    },
    {
      name: 'a member pending closure',
      yaml: organization({ workloads: [] }),
      scan: scanWithMember({ state: 'PENDING_CLOSURE' }),
      findings: [
        {
          severity: 'critical',
          messageIncludes: [
            'PENDING_CLOSURE',
            'a request to close it is being processed',
            'everything in it stops',
          ],
        },
      ],
    },
    {
      name: 'an unreached member still shows its state from the Organization',
      yaml: organization({ workloads: ['api'] }),
      scan: scanResult([
        accountFacts({ accountId: management, organizationRole: 'management' }),
        unreachedMember(memberId, { state: 'SUSPENDED' }),
      ]),
      findings: [{ account: memberId, severity: 'critical', messageIncludes: 'api stop with it' }],
    },
    {
      name: 'a member the inventory does not hold',
      yaml: inventoryYaml(),
      scan: scanResult([accountFacts(), unreachedMember(memberId, { state: 'SUSPENDED' })]),
      findings: [
        {
          account: '(no account)',
          severity: 'critical',
          messageIncludes: [
            'Account 222233334444 (workloads): The Organization shows this account SUSPENDED',
          ],
        },
      ],
    },
  ],
});
