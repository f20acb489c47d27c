// root-mail-domain-transfer-unlocked: the domain of root's mailbox with its registrar transfer lock off fires
// (low); undeclared is an unknown said as unknown (info); on is quiet; a domain no root mailbox is on is not
// this check's business.
import { rootMailDomainTransferUnlocked } from '../../src/checks/root-mail-domain-transfer-unlocked.js';
import { account, accountId, checkTable, inventoryYaml } from './check-tester.js';

type Fields = Record<string, unknown>;

const domain = (fields: Fields = {}): Fields => ({
  id: 'example-net',
  name: 'example.net',
  registrar: 'cf',
  dns: 'cf',
  ...fields,
});

function withDomains(domains: Fields[], rootMailDomain = 'example-net'): string {
  return inventoryYaml({
    factors: {
      mailboxes: [{ id: 'root-mail', address: 'aws@example.net', domain: rootMailDomain }],
      domains,
    },
    accounts: [account()],
  }).concat(
    'outsideAccounts:\n  - { id: cf, provider: registrar, registrar: cloudflare, name: Cloudflare account }\n',
  );
}

checkTable(rootMailDomainTransferUnlocked, {
  valid: [
    { name: 'transfer lock on', yaml: withDomains([domain({ transferLock: 'on' })]) },
    {
      name: 'a domain no root mailbox is on, lock off',
      yaml: withDomains(
        [domain({ transferLock: 'on' }), domain({ id: 'other', name: 'other.net', transferLock: 'off' })],
        'example-net',
      ),
    },
  ],
  invalid: [
    {
      name: "root's mail domain with its transfer lock off",
      yaml: withDomains([domain({ transferLock: 'off' })]),
      findings: [
        {
          account: accountId,
          severity: 'low',
          factors: ['example-net', 'root-mail'],
          messageIncludes: [
            'example.net',
            'transfer lock of example.net is off',
            'Cloudflare account',
            "root's mail",
          ],
        },
      ],
    },
    {
      name: 'transfer lock not declared: unknown, said as such',
      yaml: withDomains([domain()]),
      findings: [
        {
          account: accountId,
          severity: 'info',
          factors: ['example-net', 'root-mail'],
          messageIncludes: ['Unknown whether example.net', 'transferLock'],
        },
      ],
    },
    {
      name: 'transfer lock declared unknown: the same unknown',
      yaml: withDomains([domain({ transferLock: 'unknown' })]),
      findings: [{ severity: 'info', messageIncludes: 'Unknown whether example.net' }],
    },
  ],
});
