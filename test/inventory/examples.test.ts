// The two bundled examples load, and say what they are meant to say.
import { describe, expect, it } from 'vitest';
import { listFactors } from '../../src/model/inventory.js';
import { loadInventory, type InventoryResult } from '../../src/inventory/index.js';

async function load(path: string): Promise<Extract<InventoryResult, { ok: true }>> {
  const result = await loadInventory(path);
  if (!result.ok) throw new Error(`${path} should load:\n${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

describe('examples/incident-2022.yaml', () => {
  it('declares the incident as of 2022-06-09', async () => {
    const { inventory } = await load('examples/incident-2022.yaml');
    expect(inventory.asOf).toBe('2022-06-09');
    expect(inventory.accounts).toHaveLength(1);
    const [account] = inventory.accounts;
    expect(account).toMatchObject({
      organization: 'standalone',
      contactPhone: 'old-number',
      iamBillingAccess: { activated: false },
      payment: { cards: ['visa-card'] },
      domains: ['example-net'],
    });
    expect(account?.root?.mfa).toEqual([expect.objectContaining({ type: 'virtual', heldBy: 'old-phone' })]);
    expect(account?.billingPrincipals?.map((principal) => principal.name)).toEqual(['alex-admin']);

    const factors = new Map(listFactors(inventory).map((factor) => [factor.id, factor]));
    expect(factors.get('old-phone')).toMatchObject({ type: 'device', state: 'lost' });
    expect(factors.get('old-number')).toMatchObject({ type: 'phone-number', state: 'outdated' });
    expect(factors.get('visa-card')).toMatchObject({ type: 'card', status: 'revoked' });
    // The root mailbox's domain has its DNS in the account that could be suspended: the loop the analysis reports.
    expect(factors.get('aws-mailbox')).toMatchObject({ type: 'mailbox', domain: 'example-net' });
    expect(factors.get('example-net')).toMatchObject({ registrar: account?.id, dns: account?.id });
    expect(factors.get('passport')).toMatchObject({ type: 'identity-document', kind: 'passport' });
  });
});

describe('examples/small-team.yaml', () => {
  it('declares an Organization with two security keys and remaining risks', async () => {
    const { inventory } = await load('examples/small-team.yaml');
    const [management, ...members] = inventory.accounts;
    expect(management?.organization).toBe('management');
    expect(members.map((member) => member.managementAccount)).toEqual([management?.id, management?.id]);
    expect(members.every((member) => member.payment?.paidBy === 'management')).toBe(true);
    expect(management?.root?.mfa?.map((device) => device.heldBy)).toEqual(['key-mika', 'key-ren']);
    expect(management?.payment?.cards).toHaveLength(2);
    expect(management?.iamBillingAccess?.activated).toBe(true);

    const factors = listFactors(inventory);
    const keys = factors.filter((factor) => factor.type === 'device' && factor.kind === 'security-key');
    expect(new Set(keys.map((key) => key.type === 'device' && key.holder)).size).toBe(2);
    // Same safe: one fire takes both keys.
    expect(new Set(keys.map((key) => key.type === 'device' && key.location))).toEqual(
      new Set(['office-safe']),
    );
    // The domain's DNS sits in the production account, filled into that account's domains once loaded.
    expect(inventory.accounts.find((account) => account.name === 'acme-production')?.domains).toEqual([
      'acme-example',
    ]);
  });
});
