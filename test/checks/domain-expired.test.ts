// Found by a fault probe: a domain past its declared expiry made root's mailbox, and billing notices, "lost now,
// no way back" with no finding naming the domain; and with auto-renew on, a past date is most likely stale.
import { describe, expect, it } from 'vitest';
import { domainExpired } from '../../src/checks/domain-expired.js';
import { runCheck as runCheckCommand } from '../../src/cli/check-command.js';
import { writeInventory } from '../report/inventories.js';
import { checkTable, inventoryYaml } from './check-tester.js';

// asOf is the tester's default (2024-06-01).
const domain = (fields: Record<string, unknown> = {}) => ({
  id: 'dom',
  name: 'example.net',
  registrar: 'gandi',
  dns: 'gandi',
  expires: '2025-03-01',
  ...fields,
});
const withDomain = (fields: Record<string, unknown> = {}) =>
  inventoryYaml({
    factors: {
      domains: [domain(fields)],
      mailboxes: [{ id: 'root-mail', address: 'root@example.net', domain: 'dom', provider: 'fastmail' }],
    },
  });

checkTable(domainExpired, {
  valid: [
    { name: 'a domain that expires later', yaml: withDomain() },
    { name: 'valid through the day it expires', yaml: withDomain({ expires: '2024-06-01' }) },
    { name: 'a domain without an expiry date', yaml: withDomain({ expires: undefined }) },
    {
      name: 'a domain declared lost is said by the checks of losses',
      yaml: withDomain({ expires: '2024-01-01', state: 'lost' }),
    },
  ],
  invalid: [
    {
      name: 'past its expiry, renewing by itself: the date is likely stale, which is unknown',
      yaml: withDomain({ expires: '2024-05-01', autoRenew: true }),
      findings: [
        {
          severity: 'medium',
          factors: ['dom'],
          messageIncludes: [
            "example.net's declared expiry, 2024-05-01, has passed",
            'renews automatically',
            'unknown until you declare the day it runs to now',
          ],
        },
      ],
    },
    {
      name: "expired a week ago, not renewing: what is left of the registrar's time is said",
      yaml: withDomain({ expires: '2024-05-25', autoRenew: false }),
      findings: [
        {
          severity: 'critical',
          factors: ['dom'],
          messageIncludes: [
            'example.net expired on 2024-05-25, 7 days before 2024-06-01',
            'every mailbox on it',
          ],
        },
      ],
    },
    {
      name: 'expired long ago, whether it renews unknown',
      yaml: withDomain({ expires: '2023-01-01' }),
      findings: [
        { severity: 'critical', factors: ['dom'], messageIncludes: 'example.net expired on 2023-01-01' },
      ],
    },
  ],
});

describe('a domain past its declared expiry in the report', () => {
  const write = (autoRenew: boolean): string =>
    writeInventory(
      'inventory.yaml',
      `version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: phone, kind: phone, verified: 2026-11-01 }
  domains:
    - { id: dom, name: example.net, registrar: gandi, dns: gandi, expires: 2026-02-01, autoRenew: ${autoRenew} }
  mailboxes:
    - { id: mbox, address: aws@example.net, domain: dom, provider: fastmail }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root: { email: mbox, mfa: [{ type: virtual, heldBy: phone }] }
`,
    );

  it('renewing by itself: what rests on it is unknown, with how to know, never "no way back"', async () => {
    const { report, output } = await runCheckCommand(write(true), {
      format: 'text',
      failOn: 'none',
      color: false,
    });
    const notices = report.accounts[0]!.capabilities.find((c) => c.id === 'receive-billing-notices')!;
    expect(notices.state).toBe('unknown');
    expect(output).not.toContain('no way back');
    expect(output).toContain('domain-expired');
  });

  it('not renewing: lost, and a critical finding names the domain', async () => {
    const { report } = await runCheckCommand(write(false), { format: 'text', failOn: 'none', color: false });
    const notices = report.accounts[0]!.capabilities.find((c) => c.id === 'receive-billing-notices')!;
    expect(notices.state).toBe('lost-now');
    expect(report.findings.some((f) => f.checkId === 'domain-expired' && f.severity === 'critical')).toBe(
      true,
    );
  });
});
