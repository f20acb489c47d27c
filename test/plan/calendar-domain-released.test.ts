/**
 * `lockout calendar` dates a domain's release by its registrar's own figures (src/providers/registrar): the same
 * domain expiring on 2027-03-01 can be renewed late and restored until day 44 + 30 at Route 53 (generic TLDs),
 * until day 30 at Cloudflare (no grace, 30 days of redemption), and at a registrar without a source until
 * ICANN's floor (30 days of redemption, deletion possibly at expiry).
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/index.js';
import { calendarItems } from '../../src/plan/calendar.js';

function released(registrar: string) {
  const parsed = parseInventory(
    stringify({
      version: 1,
      asOf: '2026-12-04',
      factors: {
        domains: [
          { id: 'example-net', name: 'example.net', registrar, dns: registrar, expires: '2027-03-01' },
        ],
      },
      accounts: [{ id: '111122223333', name: 'personal', organization: 'standalone' }],
      outsideAccounts: [{ id: 'cf', provider: 'registrar', registrar: 'cloudflare' }],
    }),
    'fixture.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return calendarItems(parsed.inventory, { asOf: '2026-12-04' }).filter(
    (item) => item.kind === 'domain-released',
  );
}

describe('the day an expired domain is released, by registrar', () => {
  it('differs between Route 53 and Cloudflare, and names the registrar and its figures', () => {
    const [route53] = released('111122223333');
    const [cloudflare] = released('cf');
    expect(route53?.day).toBe('2027-05-14'); // 2027-03-01 + 44 + 30 days: the last day to restore it
    expect(cloudflare?.day).toBe('2027-03-31'); // 2027-03-01 + 30 days
    expect(route53?.description).toContain('Amazon Route 53 Domains');
    expect(route53?.description).toContain('renewed late until 2027-04-14');
    expect(cloudflare?.description).toContain('Cloudflare Registrar');
    expect(cloudflare?.description).not.toContain('renewed late');
  });

  it("falls back on ICANN's floor for a registrar without a source, and says so", () => {
    const [gandi] = released('gandi');
    expect(gandi?.day).toBe('2027-03-31');
    expect(gandi?.description).toContain("ICANN's floor");
  });
});
