/**
 * Accounts alike are renamed from one the engine analysed (src/recovery/alike-accounts.ts). What they answer
 * must be exactly what the engine answers for each account on its own: every capability's status, ways,
 * single points of failure, lockout sets (as sets: the engine lists those of one size in an order that depends
 * on which accounts it is asked of), and fastest way back with its steps, today and raced against a deadline.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { examplePath } from '../../src/cli/inventory-input.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecoveryGraph, type RecoveryAnalysis } from '../../src/providers/aws/analysis.js';
import type { CapabilityResult, FactorRef } from '../../src/recovery/analysis.js';
import { buildRecoveryGraph, untilDeadline } from '../../src/providers/aws/recovery-graph.js';
import { alikeAccounts } from '../../src/recovery/alike-accounts.js';

const { organizationInventory: benchOrganization } = (await import(
  new URL('../../bench/org-inventory.mjs', import.meta.url).href
)) as { organizationInventory: (accounts: number) => unknown };

function parsed(text: string): Inventory {
  const result = parseInventory(text, 'test.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.inventory;
}

/**
 * An Organization whose members come in a few structures, each with factors of its own: a security key
 * labelled so that its label sorts before or after the shared ones (and for some declared before them), a
 * phone number, for some an unknown
 * password (an event of the account's own, named after it), for standalone ones a card of their own that
 * expires soon, for some a root mail domain hosted in the account itself (a cycle); one member's key is also
 * another's, so neither is renamed through it.
 */
function varied(members: number): Inventory {
  const devices: object[] = [
    { id: 'shared-key', kind: 'security-key', holder: 'mika', verified: '2026-11-01' },
    { id: 'mika-phone', kind: 'phone', holder: 'mika', verified: '2026-11-01' },
  ];
  const phoneNumbers: object[] = [
    { id: 'office', number: '+81 3-0000-0000', verified: '2026-11-01' },
    { id: 'mika-mobile', number: '+81 90-0000-0000', holder: 'mika', verified: '2026-11-01' },
  ];
  const cards: object[] = [{ id: 'corporate', lastFour: '4242', expires: '2030-01', status: 'ok' }];
  const domains: object[] = [];
  const mailboxes: object[] = [
    { id: 'root-mail', address: 'root@gmail.com', provider: 'gmail', verified: '2026-11-01' },
  ];
  const accounts: object[] = [
    {
      id: '100000000000',
      name: 'management',
      organization: 'management',
      root: {
        email: 'root-mail',
        password: { storedIn: 'vault', verified: '2026-11-01' },
        mfa: [{ type: 'fido', heldBy: 'shared-key', verified: '2026-11-01' }],
      },
      contactPhone: 'office',
      payment: { cards: ['corporate'], verified: '2026-11-01' },
    },
  ];
  for (let n = 1; n <= members; n++) {
    const id = String(100000000000 + n);
    const standalone = n % 6 === 5;
    // The sixth member borrows the fifth's key: neither key is an account's own.
    const key = n === 6 ? 'key-5' : `key-${n}`;
    if (n !== 6) {
      // Some keys declared before the shared ones: their events come first, and sets list events by index.
      devices[n % 5 === 2 ? 'unshift' : 'push']({
        id: key,
        kind: 'security-key',
        holder: 'mika',
        // Labels on both sides of the shared factors' in sort order: steps are listed by name.
        ...(n % 4 === 0
          ? { label: `a key of member ${n}` }
          : n % 4 === 1
            ? { label: `z key of member ${n}` }
            : {}),
        verified: n % 9 === 0 ? '2020-01-01' : '2026-11-01',
      });
    }
    // Some members host their root's mail domain themselves (Route 53): a cycle through their own suspension.
    const hostsOwnMail = n % 10 === 3 || n % 10 === 7;
    if (hostsOwnMail) {
      domains.push({
        id: `domain-${n}`,
        name: `member${n}.example`,
        registrar: id,
        dns: id,
        expires: '2027-08-01',
        autoRenew: true,
        verified: '2026-11-01',
      });
      mailboxes.push({
        id: `mail-${n}`,
        address: `root@member${n}.example`,
        domain: `domain-${n}`,
        provider: 'workmail',
        verified: '2026-11-01',
      });
    }
    // Some members hold a second key of their own, declared before or after the first: two own variables
    // the engine's order may place either way (it breaks ties by number).
    const secondKey = n % 4 === 2 ? `key-${n}-b` : undefined;
    if (secondKey !== undefined) {
      const device = { id: secondKey, kind: 'security-key', holder: 'mika', verified: '2026-11-01' };
      if (n % 8 === 2) devices.unshift(device);
      else devices.push(device);
    }
    const phone = `phone-${n}`;
    phoneNumbers.push({
      id: phone,
      number: `+81 90-1111-${String(n).padStart(4, '0')}`,
      verified: '2026-11-01',
    });
    const card = `card-${n}`;
    if (standalone) {
      cards.push({
        id: card,
        lastFour: String(1000 + n),
        expires: n % 12 === 5 ? '2026-12' : '2029-06',
        status: 'ok',
      });
    }
    accounts.push({
      id,
      name: `${standalone ? 'legacy' : 'member'}-${n}`,
      organization: standalone ? 'standalone' : 'member',
      ...(standalone ? {} : { managementAccount: '100000000000' }),
      root: {
        email: hostsOwnMail ? `mail-${n}` : 'root-mail',
        ...(n % 3 === 0 ? {} : { password: { storedIn: 'vault', verified: '2026-11-01' } }),
        // A second device for some, shared: sets then hold an own event and a shared one.
        mfa: [
          { type: 'fido', heldBy: key, verified: '2026-11-01' },
          ...(secondKey === undefined ? [] : [{ type: 'fido', heldBy: secondKey, verified: '2026-11-01' }]),
          ...(n % 5 >= 2 ? [{ type: 'virtual', heldBy: 'mika-phone', verified: '2026-11-01' }] : []),
        ],
      },
      contactPhone: n % 2 === 0 ? phone : 'office',
      payment: standalone ? { cards: [card], verified: '2026-11-01' } : { paidBy: 'management' },
    });
  }
  return parsed(
    stringify({
      version: 1,
      asOf: '2026-12-03',
      factors: {
        people: [{ id: 'mika', name: 'Mika' }],
        devices,
        phoneNumbers,
        cards,
        mailboxes,
        domains,
        passwordStores: [{ id: 'vault', label: 'Team vault' }],
      },
      accounts,
    }),
  );
}

/** The recovery analysis of an inventory, with accounts alike renamed or each analysed by the engine. */
function analyse(
  inventory: Inventory,
  shareAlikeAccounts: boolean,
  deadline?: string,
  setLimit?: number,
): RecoveryAnalysis {
  const asOf = inventory.asOf!;
  const options = {
    asOf,
    ...(deadline ? untilDeadline(asOf, deadline) : {}),
    shareAlikeAccounts,
    ...(setLimit !== undefined && { setLimit }),
  };
  return analyzeRecoveryGraph(buildRecoveryGraph(inventory, asOf, options), options);
}

/** A set as its factors' ids, sorted: sets compared as sets. */
const setKey = (set: readonly FactorRef[]): string =>
  set
    .map((factor) => factor.id)
    .sort()
    .join(' + ');

/**
 * A result with its lockout sets as sets: sorted within each size, those that take the capability only after
 * a suspension date marked, not placed. The engine lists the sets of one size in its variable order, which
 * depends on the tops it is asked of; what they are does not.
 */
function asSets(result: CapabilityResult<string, unknown>): unknown {
  const after = new Set(result.lockoutSetsAfterDeadline ?? []);
  const sets = result.lockoutSets
    .map((set, position) => ({ size: set.length, key: setKey(set), afterDeadline: after.has(position) }))
    .sort((a, b) => a.size - b.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...result, lockoutSets: sets, lockoutSetsAfterDeadline: undefined };
}

/** Every set of up to `maxOrder` losses, as sets. */
const setsUpTo = (
  analysis: RecoveryAnalysis,
  result: RecoveryAnalysis['capabilities'][number],
  maxOrder: number,
): string[] => analysis.lockoutSetsUpTo(result, maxOrder).map(setKey).sort();

/**
 * The same answers, account by account, with accounts alike renamed and with the engine asked of every
 * account: every set listed (a limit no capability reaches), and the report's ten the smallest of them.
 */
function expectSameAnswers(inventory: Inventory, deadline?: string): void {
  const everySet = 100_000;
  const renamed = analyse(inventory, true, deadline, everySet);
  const alone = analyse(inventory, false, deadline, everySet);
  expect(renamed.capabilities.length).toBe(alone.capabilities.length);
  renamed.capabilities.forEach((result, index) => {
    const own = alone.capabilities[index]!;
    const what = `${result.account.name} ${result.capability}`;
    expect(result.lockoutSets.length, what).toBe(own.lockoutSetCounts.reduce((sum, count) => sum + count, 0));
    expect(asSets(result), what).toEqual(asSets(own));
    expect(setsUpTo(renamed, result, 3)).toEqual(setsUpTo(alone, own, 3));
  });
  expect(renamed.outsideCapabilities?.map(asSets)).toEqual(alone.outsideCapabilities?.map(asSets));
  // As reports list them: the ten smallest, each one of the capability's sets, all of a size before the next.
  const listed = analyse(inventory, true, deadline);
  listed.capabilities.forEach((result, index) => {
    const every = renamed.capabilities[index]!;
    const sizes = result.lockoutSets.map((set) => set.length);
    expect(sizes).toEqual(every.lockoutSets.slice(0, sizes.length).map((set) => set.length));
    expect(sizes.length).toBe(Math.min(10, every.lockoutSets.length));
    const all = new Set(every.lockoutSets.map(setKey));
    for (const set of result.lockoutSets) expect(all.has(setKey(set))).toBe(true);
  });
}

/** How many capabilities are renamed from an account alike rather than analysed. */
function renamedCount(inventory: Inventory): number {
  const recovery = buildRecoveryGraph(inventory, inventory.asOf!);
  const graph = recovery.graph;
  const ways = (capability: { ways: readonly { gate: string }[] }) =>
    capability.ways.map((way) => ({ type: 'gate' as const, index: graph.findGate(way.gate)!.index }));
  return alikeAccounts(graph, recovery.capabilities, ways).filter((alike) => alike !== undefined).length;
}

describe('accounts alike', () => {
  it('answer as the engine does for each account on its own, in a varied Organization', () => {
    const inventory = varied(60);
    // Most members are renamed; the one that shares its key with another, and the first of each structure,
    // are not.
    const renamed = renamedCount(inventory);
    expect(renamed).toBeGreaterThan(5 * 20);
    expect(renamed).toBeLessThan(5 * 60);
    expectSameAnswers(inventory);
    // Raced against a deadline: cards that expire before it, suspension dates to come.
    expectSameAnswers(inventory, '2027-01-20');
  });

  it("answer as the engine does in the benchmark's Organization", () => {
    const inventory = parsed(stringify(benchOrganization(120)));
    expect(renamedCount(inventory)).toBeGreaterThan(5 * 60);
    expectSameAnswers(inventory);
    expectSameAnswers(inventory, '2025-07-01');
    // Where nothing in them differs (sets of shared factors only, ways shared through the payer), renamed
    // accounts hold the other account's lists themselves, not copies.
    const results = analyse(inventory, true).capabilities.filter((c) => c.capability === 'keep-bill-paid');
    const sets = new Set(results.map((result) => result.lockoutSets));
    const ways = new Set(results.map((result) => result.ways));
    expect(sets.size).toBeLessThan(results.length / 2);
    expect(ways.size).toBeLessThan(results.length / 2);
  });

  it('leave the bundled examples as the engine answers them', () => {
    for (const example of ['incident', 'incident-outside', 'small-team', 'startup'] as const) {
      const inventory = parsed(readFileSync(examplePath(example), 'utf8'));
      expectSameAnswers(inventory);
    }
  });

  it('are not renamed through a factor they share, nor when a factor of their own differs', () => {
    // Member 6 holds member 5's key; member 9's key was last verified years ago (its state differs).
    const inventory = varied(60);
    const recovery = buildRecoveryGraph(inventory, inventory.asOf!);
    const graph = recovery.graph;
    const ways = (capability: { ways: readonly { gate: string }[] }) =>
      capability.ways.map((way) => ({ type: 'gate' as const, index: graph.findGate(way.gate)!.index }));
    const alike = alikeAccounts(graph, recovery.capabilities, ways);
    const renamedAccounts = new Set(
      recovery.capabilities.filter((_, index) => alike[index] !== undefined).map((c) => c.account.name),
    );
    expect(renamedAccounts.has('member-5')).toBe(false);
    // Members hosting their own mail domain (a cycle through their own suspension) are renamed too.
    expect(renamedAccounts.has('member-57')).toBe(true);
    expect(renamedAccounts.has('member-6')).toBe(false);
    // Renamed ones exist, and each is renamed from an account of its own structure analysed by the engine.
    expect(renamedAccounts.size).toBeGreaterThan(0);
    alike.forEach((account, index) => {
      if (account === undefined) return;
      expect(alike[account.from]).toBeUndefined();
      expect(recovery.capabilities[account.from]!.capability).toBe(recovery.capabilities[index]!.capability);
    });
  });
});
