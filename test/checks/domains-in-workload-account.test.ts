import { domainsInWorkloadAccount } from '../../src/checks/domains-in-workload-account.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const other = '222233334444';
const domain = (fields: Record<string, unknown>) => ({ id: 'example-net', name: 'example.net', ...fields });
const fixture = (
  domainFields: Record<string, unknown>,
  workloads: string[] | undefined,
  extra: Record<string, unknown[]> = {},
) =>
  inventoryYaml({
    factors: { domains: [domain(domainFields)], ...extra },
    accounts: [account({ workloads })],
  });

checkTable(domainsInWorkloadAccount, {
  valid: [
    { name: 'no domains', yaml: inventoryYaml({ accounts: [account({ workloads: ['EC2'] })] }) },
    { name: 'domain outside AWS', yaml: fixture({ registrar: 'gandi', dns: 'cloudflare' }, ['EC2']) },
    {
      name: 'a domain-only account: workloads: [] attested',
      yaml: fixture({ registrar: accountId, dns: accountId }, []),
    },
    {
      name: 'workloads in one account, the domain in another that runs nothing',
      yaml: inventoryYaml({
        factors: { domains: [domain({ registrar: other, dns: other })] },
        accounts: [account({ workloads: ['EC2'] }), account({ id: other, name: 'domains', workloads: [] })],
      }),
    },
  ],
  invalid: [
    {
      name: 'domain and workloads together: the incident',
      yaml: fixture(
        { registrar: accountId, dns: accountId },
        ['Route 53 hosted zone', 'S3 backups', 'EC2 blog'],
        {
          mailboxes: [
            { id: 'aws-mail', label: 'AWS mailbox', address: 'aws@example.net', domain: 'example-net' },
          ],
        },
      ),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          factors: ['example-net', 'aws-mail'],
          messageIncludes: [
            'This account holds example.net and also runs 3 workloads',
            'including AWS mailbox',
          ],
        },
      ],
    },
    {
      name: 'only the DNS here is enough',
      yaml: fixture({ registrar: 'gandi', dns: accountId }, ['API']),
      findings: [{ severity: 'medium', factors: ['example-net'], messageIncludes: 'runs 1 workload:' }],
    },
    {
      name: 'factors that declare they depend on the domain are named',
      yaml: fixture({ registrar: accountId, dns: 'cloudflare' }, ['API'], {
        passwordStores: [{ id: 'vault', label: 'Self-hosted vault', dependsOn: ['example-net'] }],
      }),
      findings: [
        {
          severity: 'medium',
          factors: ['example-net', 'vault'],
          messageIncludes: 'including Self-hosted vault',
        },
      ],
    },
    {
      name: 'workloads not declared: low, unknown',
      yaml: fixture({ registrar: accountId, dns: accountId }, undefined),
      findings: [{ severity: 'low', messageIncludes: 'not declared' }],
    },
    {
      name: 'two domains in one account: one finding naming both',
      yaml: inventoryYaml({
        factors: {
          domains: [
            domain({ registrar: accountId, dns: accountId }),
            { id: 'example-org', name: 'example.org', registrar: 'gandi', dns: accountId },
          ],
        },
        accounts: [account({ workloads: ['EC2'] })],
      }),
      findings: [
        {
          severity: 'medium',
          factors: ['example-net', 'example-org'],
          messageIncludes: 'holds example.net, example.org',
        },
      ],
    },
    {
      name: 'a member account running workloads',
      yaml: inventoryYaml({
        factors: { domains: [domain({ registrar: 'gandi', dns: other })] },
        accounts: [
          account({ organization: 'management', workloads: [] }),
          account({
            id: other,
            name: 'production',
            organization: 'member',
            managementAccount: accountId,
            workloads: ['API'],
          }),
        ],
      }),
      findings: [{ account: other, severity: 'medium' }],
    },
    {
      name: 'two accounts, each holding its own domain: each finding names its own',
      yaml: inventoryYaml({
        factors: {
          domains: [
            domain({ registrar: 'gandi', dns: other }),
            { id: 'example-org', name: 'example.org', registrar: accountId, dns: 'cloudflare' },
          ],
        },
        accounts: [
          account({ workloads: ['EC2'] }),
          account({ id: other, name: 'production', workloads: ['API'] }),
        ],
      }),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          factors: ['example-org'],
          messageIncludes: 'holds example.org',
        },
        {
          account: other,
          severity: 'medium',
          factors: ['example-net'],
          messageIncludes: 'holds example.net',
        },
      ],
    },
  ],
});
