/**
 * A domain's expiry reaches the graph's time through its registrar's own figures (src/providers/registrar):
 * Route 53 renews late until 44 days after expiry for generic TLDs, Cloudflare goes straight to 30 days of
 * redemption, and a registrar without a source falls back on ICANN's floor (deletion possibly at expiry, 30
 * days of redemption). The same expired domain then takes a late renewal (hours) at Route 53 and a restore
 * from redemption (days) at Cloudflare; 40 days on, Cloudflare's is gone for good while Route 53's still renews.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/index.js';
import type { Day, Inventory } from '../../src/model/inventory.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { whatIfOverTime } from '../../src/providers/aws/what-if-over-time.js';

/** Root's mail on example.net, which expired on 2026-11-01, registered at `registrar`; judged at `asOf`. */
function inventory(registrar: string, asOf: Day): Inventory {
  const parsed = parseInventory(
    stringify({
      version: 1,
      asOf,
      factors: {
        people: [{ id: 'kim', name: 'Kim' }],
        mailboxes: [{ id: 'root-mail', address: 'aws@example.net', domain: 'example-net' }],
        domains: [
          { id: 'example-net', name: 'example.net', registrar, dns: registrar, expires: '2026-11-01' },
        ],
      },
      accounts: [
        {
          id: '111122223333',
          name: 'personal',
          organization: 'standalone',
          root: { email: 'root-mail' },
        },
      ],
      // Declared so that its sign-in is no unknown: only the registrar's figures differ.
      outsideAccounts: [
        {
          id: 'cf',
          provider: 'registrar',
          registrar: 'cloudflare',
          password: { storedIn: 'kim' },
          twoStepVerification: 'off',
        },
      ],
    }),
    'fixture.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.inventory;
}

/** The hours to get the domain back, as the graph holds them (undefined: no way back). */
function restore(registrar: string, asOf: Day) {
  const recovery = buildRecoveryGraph(inventory(registrar, asOf), asOf);
  const event = recovery.graph.findEvent('example-net')!;
  expect(event.lost).toBe(true);
  return event.duration;
}

describe("a domain's expiry, timed by its registrar", () => {
  it('10 days after expiry: a late renewal at Route 53 (hours), a restore from redemption at Cloudflare (days)', () => {
    const route53 = restore('111122223333', '2026-11-11')!;
    const cloudflare = restore('cf', '2026-11-11')!;
    expect(route53.max).toBeLessThanOrEqual(24);
    expect(cloudflare.min).toBeGreaterThanOrEqual(24);
    // A registrar named without an account or a source: ICANN's floor, as Cloudflare's here.
    expect(restore('gandi', '2026-11-11')).toEqual(cloudflare);
  });

  it("40 days after expiry: Cloudflare's is gone for good (grace 0 + redemption 30), Route 53's still renews (44)", () => {
    expect(restore('cf', '2026-12-11')).toBeUndefined();
    expect(restore('111122223333', '2026-12-11')!.max).toBeLessThanOrEqual(24);
    // Past Route 53's late renewal (day 44) it restores from redemption until day 75, then it is gone too.
    expect(restore('111122223333', '2027-01-01')!.min).toBeGreaterThanOrEqual(24);
    expect(restore('111122223333', '2027-02-01')).toBeUndefined();
  });

  it("whatif's way back to root's mail waits on the registrar's figure", () => {
    const hoursBack = (registrar: string): number | undefined => {
      const recovery = buildRecoveryGraph(inventory(registrar, '2026-11-11'), '2026-11-11');
      const gate = recovery.capabilities.find((c) => c.capability === 'receive-billing-notices')!.gate;
      const notices = whatIfOverTime(recovery, []).capabilities.find((c) => c.gate === gate)!;
      return notices.recovery?.possible === true ? notices.recovery.duration.typical : undefined;
    };
    const route53 = hoursBack('111122223333');
    const cloudflare = hoursBack('cf');
    expect(route53).toBeDefined();
    expect(cloudflare).toBeDefined();
    expect(cloudflare!).toBeGreaterThan(route53!);
  });
});
