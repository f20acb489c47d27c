// The provider-neutral builder with a second provider written here: a provider is data plus small functions,
// and the builder and the analysis serve it as they serve AWS — places, holders and hosting accounts as
// dependencies, unknowns never safe, a date that takes an account, named terms built once.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecoveryGraph } from '../../src/recovery/analysis.js';
import { buildRecovery, capabilityGate } from '../../src/recovery/builder.js';
import { loss, type Provider, type WaySpec } from '../../src/recovery/provider.js';
import type { Timing } from '../../src/recovery/rules.js';

type MailCapability = 'sign-in' | 'read-mail';

const minutes: Timing = {
  duration: { min: 0.05, typical: 0.1, max: 0.5 },
  source: 'observed in this test',
  sources: [{ kind: 'observed', ref: 'this test', checked: '2026-12-03' }],
};
const days: Timing = {
  duration: { min: 24, typical: 72, max: 120 },
  source: 'documented in this test',
  sources: [{ kind: 'documented', ref: 'https://mail.example/help/recovery', checked: '2026-12-03' }],
};

/** A made-up mail provider: sign in with the password and a key, or recover by the backup phone in days. */
const mailProvider: Provider<MailCapability> = {
  id: 'mail',
  capabilityLabels: { 'sign-in': 'Sign in', 'read-mail': 'Read mail' },
  capabilities: (account) => {
    const password = loss.any(`${account.id}/password-lost`, 'The password', [loss.factor('vault')]);
    const ways: WaySpec[] = [
      {
        id: 'key',
        label: 'Password and a security key',
        short: 'key sign-in',
        needs: [
          password,
          loss.all(`${account.id}/keys-lost`, 'Every key', [loss.factor('key-a'), loss.factor('key-b')]),
        ],
        timing: minutes,
        docs: 'https://mail.example/help/keys',
      },
      {
        id: 'backup-phone',
        label: 'Recovery by the backup phone',
        short: 'the backup phone',
        needs: [
          password,
          account.contactPhone === undefined
            ? loss.undeclared(`${account.id}/phone-undeclared`, 'A backup phone (not declared)', account.id)
            : loss.factor(account.contactPhone),
        ],
        timing: days,
        docs: 'https://mail.example/help/recovery',
      },
    ];
    return [
      { capability: 'sign-in', label: 'Sign in', ways },
      {
        capability: 'read-mail',
        label: 'Read mail',
        gateLabel: 'Read mail (while signed in)',
        lostWhenAll: [loss.capability(account.id, 'sign-in')],
      },
    ];
  },
  // The account goes when its subscription lapses, 48 hours from the day asked about.
  accountLost: (account) =>
    loss.all(
      `${account.id}/closed`,
      `${account.name} closed`,
      [
        {
          kind: 'date',
          name: `${account.id}/lapse`,
          label: 'The subscription lapses',
          accountId: account.id,
          onset: 48,
        },
      ],
      true,
    ),
  restoreTime: () => undefined,
};

function inventoryOf(yaml: string): Inventory {
  const result = parseInventory(yaml, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.inventory;
}

const inventory = (contactPhone: string): Inventory =>
  inventoryOf(`
version: 1
asOf: 2026-12-03
factors:
  places:
    - { id: office-safe, kind: safe }
  devices:
    - { id: key-a, kind: security-key, location: office-safe }
    - { id: key-b, kind: security-key, location: office-safe }
    - { id: phone, kind: phone }
  domains:
    - { id: domain, name: mail.example, registrar: gandi, dns: '111122223333' }
  phoneNumbers:
    - { id: number, number: '+33 6 00 00 00 01', dependsOn: [phone, domain] }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111122223333'
    name: mail
    organization: standalone
    ${contactPhone}
`);

describe('a second provider is a second folder, not a second builder', () => {
  it("builds the provider's capabilities and ways, and the analysis answers in them", () => {
    const recovery = buildRecovery(mailProvider, inventory('contactPhone: number'), '2026-12-03');
    expect(recovery.capabilities.map((c) => [c.capability, c.label, c.ways.map((w) => w.id)])).toEqual([
      ['sign-in', 'Sign in', ['key', 'backup-phone']],
      ['read-mail', 'Read mail', []],
    ]);
    expect(recovery.capabilities[0]!.ways.map((w) => w.basis)).toEqual(['observed', 'documented']);
    // A term named in two ways is one gate.
    expect(recovery.graph.gates.filter((g) => g.name === '111122223333/password-lost')).toHaveLength(1);
    expect(recovery.graph.findGate(capabilityGate('111122223333', 'read-mail'))?.label).toBe(
      'Read mail (while signed in)',
    );
  });

  it('a place that holds both keys is a common cause; the vault a single point', () => {
    // Lockout sets are the "eventually" answer: once the account lapses, the phone way (its number's domain is
    // hosted there) is gone too, and the safe that holds both keys alone takes sign-in.
    const recovery = buildRecovery(mailProvider, inventory('contactPhone: number'), '2026-12-03');
    const analysis = analyzeRecoveryGraph(recovery, { asOf: '2026-12-03' });
    const signIn = analysis.capability('111122223333', 'sign-in');
    expect(signIn.status).toBe('at-risk');
    expect(signIn.singlePointsOfFailure.map((f) => f.id).sort()).toEqual(['office-safe', 'vault']);
    expect(signIn.lockoutSetsAfterDeadline).toBeDefined();
    // Either key alone is no single point: they are one factor only through their place.
    expect(signIn.singlePointsOfFailure.map((f) => f.id)).not.toContain('key-a');
  });

  it("the hosting account's date races the way back: it counts only while it ends before the lapse", () => {
    const recovery = buildRecovery(mailProvider, inventory('contactPhone: number'), '2026-12-03');
    const analysis = analyzeRecoveryGraph(recovery, { asOf: '2026-12-03' });
    const phoneWay = analysis
      .capability('111122223333', 'sign-in')
      .ways.find((w) => w.id === 'backup-phone')!;
    // The number's domain is hosted in the account that lapses in 48 hours; the way takes 24–120 hours.
    expect(analysis.events.get('111122223333/lapse')?.deadlineOf).toBe('111122223333');
    expect(phoneWay.status).toBe('at-risk');
    expect(phoneWay.duration?.onset).toBe(48);
    expect(phoneWay.duration?.onsetEvent).toBe('111122223333/lapse');
    expect(phoneWay.duration?.race).toBe('lost');
    expect(analysis.capability('111122223333', 'read-mail').status).toBe('at-risk');
  });

  it('an undeclared fact is a loss today, named, never safe', () => {
    const recovery = buildRecovery(mailProvider, inventory(''), '2026-12-03');
    const analysis = analyzeRecoveryGraph(recovery, { asOf: '2026-12-03' });
    const phoneWay = analysis
      .capability('111122223333', 'sign-in')
      .ways.find((w) => w.id === 'backup-phone')!;
    expect(phoneWay.status).toBe('lost');
    expect(analysis.events.get('111122223333/phone-undeclared')?.lostBecause).toBe('unknown: not declared');
    // With the phone way unknown, either key's place alone now takes sign-in.
    expect(
      analysis
        .capability('111122223333', 'sign-in')
        .singlePointsOfFailure.map((f) => f.id)
        .sort(),
    ).toEqual(['office-safe', 'vault']);
  });
});

describe('costs and their currency', () => {
  const costed = (currency: string): Timing => ({ ...days, cost: { amount: 40, currency } });
  const providerWith = (...currencies: string[]): Provider<MailCapability> => ({
    ...mailProvider,
    capabilities: (account, context) =>
      mailProvider.capabilities(account, context).map((spec) =>
        'ways' in spec
          ? {
              ...spec,
              ways: spec.ways.map((way, i) => ({
                ...way,
                timing: costed(currencies[i % currencies.length]!),
              })),
            }
          : spec,
      ),
  });

  it('the analysis says the currency its cost amounts are in', () => {
    const recovery = buildRecovery(providerWith('EUR'), inventory('contactPhone: number'), '2026-12-03');
    expect(recovery.costCurrency).toBe('EUR');
    expect(analyzeRecoveryGraph(recovery, { asOf: '2026-12-03' }).costCurrency).toBe('EUR');
  });

  it('refuses costs in two currencies, which the engine would add up', () => {
    expect(() =>
      buildRecovery(providerWith('EUR', 'JPY'), inventory('contactPhone: number'), '2026-12-03'),
    ).toThrow(/EUR and JPY/);
  });
});
