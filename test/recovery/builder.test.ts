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

describe('capabilities exercised through another account, and specs handed to several accounts', () => {
  // Members read mail through their payer's sign-in, named before the payer is built (it comes last). A
  // provider hands the members of one payer the same spec, as the AWS provider does: they share its way
  // and inputs, and keep their own gates; the members of another payer keep theirs.
  const throughSpecs = new Map<string, ReturnType<Provider<MailCapability>['capabilities']>>();
  const payerOf = (id: string): string => (id.startsWith('1') ? '900000000001' : '900000000002');
  const sharingProvider: Provider<MailCapability> = {
    ...mailProvider,
    capabilities: (account, context) => {
      if (account.id.startsWith('9')) return mailProvider.capabilities(account, context);
      const payer = payerOf(account.id);
      let specs = throughSpecs.get(payer);
      if (specs === undefined) {
        specs = [
          {
            capability: 'sign-in',
            label: 'Sign in',
            gateLabel: `Sign in (through ${payer})`,
            through: { account: payer, capability: 'sign-in' },
            way: {
              id: 'payer',
              label: `Through ${payer}`,
              short: 'the payer',
              docs: 'https://mail.example/p',
            },
          },
          {
            capability: 'read-mail',
            label: 'Read mail',
            gateLabel: 'Read mail (the payer signed in)',
            lostWhenAll: [loss.capability(payer, 'sign-in')],
          },
        ];
        throughSpecs.set(payer, specs);
      }
      return specs;
    },
  };
  const members = inventoryOf(`
version: 1
asOf: 2026-12-03
factors:
  devices:
    - { id: key-a, kind: security-key }
    - { id: key-b, kind: security-key }
  passwordStores:
    - { id: vault }
accounts:
  - { id: '100000000001', name: m1, organization: standalone }
  - { id: '200000000001', name: m2, organization: standalone }
  - { id: '100000000002', name: m3, organization: standalone }
  - { id: '900000000001', name: p1, organization: standalone }
  - { id: '900000000002', name: p2, organization: standalone }
`);

  it("each member's gates are its own and name its own payer's, defined once when the payer is built", () => {
    throughSpecs.clear();
    const recovery = buildRecovery(sharingProvider, members, '2026-12-03');
    const { graph } = recovery;
    const inputsOf = (gate: string): string[] =>
      graph.findGate(gate)!.inputs.map((input) => (input.type === 'constant' ? '?' : graph.nameOf(input)));
    for (const [member, payer] of [
      ['100000000001', '900000000001'],
      ['200000000001', '900000000002'],
      ['100000000002', '900000000001'],
    ] as const) {
      for (const capability of ['sign-in', 'read-mail']) {
        const gate = graph.findGate(`${member}/${capability}`)!;
        expect(gate.kind).toBe('null');
        expect(inputsOf(gate.name)).toEqual([`${payer}/sign-in`]);
      }
      const signIn = recovery.capabilities.find(
        (c) => c.account.id === member && c.capability === 'sign-in',
      )!;
      expect(signIn.gate).toBe(`${member}/sign-in`);
      expect(signIn.ways.map((way) => [way.gate, way.label])).toEqual([
        [`${payer}/sign-in`, `Through ${payer}`],
      ]);
    }
    for (const payer of ['900000000001', '900000000002']) {
      expect(graph.gates.filter((gate) => gate.name === `${payer}/sign-in`)).toHaveLength(1);
      expect(graph.findGate(`${payer}/sign-in`)).toMatchObject({ kind: 'and', defined: true });
    }
    expect(graph.undefinedGates()).toEqual([]);
  });
});
