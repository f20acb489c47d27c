import { rootMailDomainInAccount } from '../../src/checks/root-mail-domain-in-account.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

const other = '222233334444';
const domain = (fields: Record<string, unknown>) => ({
  id: 'example-net',
  name: 'example.net',
  label: 'Personal domain',
  ...fields,
});
const mailbox = {
  id: 'aws-mail',
  label: 'AWS mailbox',
  address: 'aws@example.net',
  domain: 'example-net',
  provider: 'fastmail',
};
const fixture = (
  domainFields: Record<string, unknown>,
  accounts = [account({ root: { email: 'aws-mail' } })],
) => inventoryYaml({ factors: { domains: [domain(domainFields)], mailboxes: [mailbox] }, accounts });
const two = [
  account({ root: { email: 'aws-mail' } }),
  account({ id: other, name: 'production', root: { email: 'root-mail' } }),
];

checkTable(rootMailDomainInAccount, {
  valid: [
    { name: 'root mail at a mail provider without a domain of its own', yaml: inventoryYaml() },
    {
      name: 'domain registered and hosted outside AWS',
      yaml: fixture({ registrar: 'gandi', dns: 'cloudflare' }),
    },
    {
      name: "the domain lives in another account, but root's mail is not on it",
      yaml: inventoryYaml({
        factors: { domains: [domain({ registrar: other, dns: other })], mailboxes: [mailbox] },
        accounts: [account(), account({ id: other, name: 'production', root: { email: 'root-mail' } })],
      }),
    },
    {
      name: 'no root declared',
      yaml: fixture({ registrar: accountId, dns: accountId }, [account({ root: undefined })]),
    },
  ],
  invalid: [
    {
      name: 'DNS and registration in the same account: the incident loop',
      yaml: fixture({ registrar: accountId, dns: accountId }),
      findings: [
        {
          account: accountId,
          severity: 'high',
          factors: ['aws-mail', 'example-net'],
          messageIncludes: [
            "Root's mailbox AWS mailbox (aws@example.net) is on example.net, whose DNS and registration are in this very account",
            'cannot arrive',
          ],
        },
      ],
    },
    {
      name: 'only the DNS in the same account',
      yaml: fixture({ registrar: 'gandi', dns: accountId }),
      findings: [{ severity: 'high', messageIncludes: 'whose DNS is in this very account' }],
    },
    {
      name: 'only the registration in the same account',
      yaml: fixture({ registrar: accountId, dns: 'cloudflare' }),
      findings: [{ severity: 'high', messageIncludes: 'whose registration is in this very account' }],
    },
    {
      name: 'the domain lives in another account of the inventory',
      yaml: fixture({ registrar: 'gandi', dns: other }, two),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          messageIncludes: 'whose DNS is in account 222233334444 (production)',
        },
      ],
    },
    {
      name: 'every account whose root mail is on the domain gets its finding',
      yaml: fixture({ registrar: 'gandi', dns: other }, [
        account({ root: { email: 'aws-mail' } }),
        account({ id: other, name: 'production', root: { email: 'aws-mail' } }),
      ]),
      findings: [
        { account: accountId, severity: 'medium' },
        { account: other, severity: 'high' },
      ],
    },
    {
      name: 'two roots on a domain held by a third account: each is told where it is',
      yaml: fixture({ registrar: '333344445555', dns: '333344445555' }, [
        account({ root: { email: 'aws-mail' } }),
        account({ id: other, name: 'production', root: { email: 'aws-mail' } }),
        account({ id: '333344445555', name: 'domains', root: { email: 'root-mail' } }),
      ]),
      findings: [
        {
          account: accountId,
          severity: 'medium',
          messageIncludes: 'whose DNS and registration are in account 333344445555 (domains)',
        },
        {
          account: other,
          severity: 'medium',
          messageIncludes: 'whose DNS and registration are in account 333344445555 (domains)',
        },
      ],
    },
    {
      name: 'a mailbox that declares it depends on the domain',
      yaml: inventoryYaml({
        factors: {
          domains: [domain({ registrar: accountId, dns: accountId })],
          mailboxes: [{ id: 'aws-mail', provider: 'fastmail', dependsOn: ['example-net'] }],
        },
        accounts: [account({ root: { email: 'aws-mail' } })],
      }),
      findings: [
        {
          severity: 'high',
          factors: ['aws-mail', 'example-net'],
          messageIncludes: "Root's mailbox aws-mail is on example.net",
        },
      ],
    },
  ],
});
