/**
 * The check report makes one capability report for all the accounts that say the same of it (most of an
 * Organization's), and the JSON writes its text once: accounts alike share it, an account that differs in one
 * fact has its own, and what is written is exactly the JSON of the report as it stands.
 */

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { checks } from '../../src/checks/index.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { CapabilityId } from '../../src/providers/aws/analysis.js';
import { analyzeRecoveryGraph } from '../../src/providers/aws/analysis.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import type { CapabilityResult } from '../../src/recovery/analysis.js';
import {
  buildCheckReport,
  type AccountReport,
  type CapabilityReport,
  type CheckReport,
} from '../../src/report/check-report.js';
import { formatChunks } from '../../src/report/formats.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { FNV_OFFSET, fnvMix } from '../../src/analysis/number-hash.js';
import { ReportKeys } from '../../src/report/report-keys.js';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { explainLoss } from '../../src/analysis/explain.js';
import { ConeEvaluator } from '../../src/analysis/lost-under.js';
import { examplePath } from '../../src/cli/inventory-input.js';
import { capabilityGate } from '../../src/recovery/builder.js';
import { unknownEvents } from '../../src/recovery/unknown.js';
import { organizationInventory, writeInventory } from './inventories.js';

/**
 * Members differ by their root's security key (n % 4), a password (not for n % 5 = 0), a phone (n % 7); with
 * `spare`, one more member is the last one again but for its key: ren's spare key instead of ren's key.
 */
async function organizationReport(members: number, spare = false): Promise<CheckReport> {
  const inventory = parse(organizationInventory(members)) as {
    factors: { devices: Record<string, unknown>[] };
    accounts: { id: string; name: string; root: { mfa: { heldBy: string }[] } }[];
  };
  if (spare) {
    const last = inventory.accounts.at(-1)!;
    expect(last.root.mfa[0]!.heldBy).toBe('key-ren');
    inventory.factors.devices.push({
      id: 'key-ren-spare',
      kind: 'security-key',
      holder: 'ren',
      verified: '2025-05-12',
    });
    const copy = structuredClone(last);
    copy.id = String(Number(last.id) + 1);
    copy.name = 'spare-key-member';
    copy.root.mfa[0]!.heldBy = 'key-ren-spare';
    inventory.accounts.push(copy);
  }
  const file = writeInventory('org.yaml', stringify(inventory));
  return (await runCheck(file, { format: 'json', failOn: 'none', color: false })).report;
}

function member(report: CheckReport, name: string): AccountReport {
  const account = report.accounts.find((each) => each.name === name);
  if (!account) throw new Error(`no account ${name}`);
  return account;
}

function lockoutFactors(account: AccountReport, capability: string): Set<string> {
  const report = account.capabilities.find((each) => each.id === capability);
  return new Set(report?.lockoutSets.flat());
}

describe('capability reports shared between accounts', () => {
  it('are one for accounts alike, and each its own for an account that differs in one fact', async () => {
    const report = await organizationReport(9, true);
    // member-001 and member-009: the same key (key-ren), a password, a phone.
    const [first, ninth] = [member(report, 'member-001'), member(report, 'member-009')];
    expect(ninth.capabilities).toHaveLength(first.capabilities.length);
    for (const [index, capability] of ninth.capabilities.entries()) {
      expect(capability).toBe(first.capabilities[index]);
    }

    // member-009 again but for its root's key: the same in all but the name of that key in its lockout sets.
    const spare = member(report, 'spare-key-member');
    expect(spare.capabilities[0]).not.toBe(ninth.capabilities[0]);
    expect(lockoutFactors(ninth, 'root-sign-in')).not.toContain('key-ren-spare');
    expect(lockoutFactors(spare, 'root-sign-in')).toContain('key-ren-spare');
    expect(
      spare.capabilities[0]!.lockoutSets.flat().map((factor) =>
        factor === 'key-ren-spare' ? 'key-ren' : factor,
      ),
    ).toEqual(ninth.capabilities[0]!.lockoutSets.flat());
    // What the management account pays is every member's: the same report.
    expect(spare.capabilities[2]).toBe(ninth.capabilities[2]);

    // member-005 has no password, only its reset through root's mailbox: one loss away, where member-001 holds.
    const fifth = member(report, 'member-005');
    expect(first.capabilities[0]!.state).toBe('holds');
    expect(fifth.capabilities[0]!.state).toBe('one-loss-away');
    expect(fifth.capabilities[0]!.singlePointsOfFailure.map((factor) => factor.id)).toEqual([
      'root-mailbox',
      'org-domain',
    ]);
  });

  it('are written as the JSON of the report, compact and indented', async () => {
    const report = await organizationReport(12);
    for (const compact of [true, false]) {
      const written = [...formatChunks('json', report, checks, { color: false, compact })].join('');
      const expected = compact
        ? JSON.stringify(toJsonReport(report))
        : JSON.stringify(toJsonReport(report), null, 2);
      expect(written).toBe(`${expected}\n`);
    }
  });

  it('are written once in the JSON, every account alike referring to the one result', async () => {
    const report = await organizationReport(9, true);
    const json = toJsonReport(report);
    // One result per report object: as many as the report holds distinct, not one per account's capability.
    const distinct = new Set(report.accounts.flatMap((account) => account.capabilities));
    expect(json.capabilities).toHaveLength(distinct.size);
    expect(distinct.size).toBeLessThan(report.accounts.length * report.accounts[0]!.capabilities.length);
    const texts = json.capabilities.map((capability) => JSON.stringify(capability));
    expect(new Set(texts).size).toBe(texts.length);
    // Accounts alike refer to the same positions; the spare-key member differs in its root sign-in only.
    const position = (name: string): number[] =>
      json.accounts[report.accounts.indexOf(member(report, name))]!.capabilities;
    expect(position('member-009')).toEqual(position('member-001'));
    expect(position('spare-key-member')[0]).not.toBe(position('member-009')[0]);
    expect(position('spare-key-member')[2]).toBe(position('member-009')[2]);
  });
});

describe('the sameness of capability reports', () => {
  const asOf = '2025-06-01';
  const loaded = parseInventory(organizationInventory(9), 'org.yaml');
  if (!loaded.ok) throw new Error('the organization inventory does not load');
  const { inventory } = loaded;
  const analysis = analyzeRecoveryGraph(buildRecoveryGraph(inventory, asOf), { asOf });
  const rootOf = (name: string): CapabilityResult<CapabilityId> =>
    analysis.capabilities.find(
      (capability) => capability.account.name === name && capability.capability === 'root-sign-in',
    )!;
  /** The report with member-009's root sign-in as `change` makes it; member-001's and member-009's. */
  const reported = (
    change: (result: CapabilityResult<CapabilityId>) => CapabilityResult<CapabilityId>,
  ): [CapabilityReport, CapabilityReport] => {
    const changed = rootOf('member-009');
    const report = buildCheckReport({
      inventoryFile: 'org.yaml',
      analysis: {
        ...analysis,
        capabilities: analysis.capabilities.map((each) => (each === changed ? change(each) : each)),
      },
      findings: [],
      version: 'test',
    });
    return [member(report, 'member-001').capabilities[0]!, member(report, 'member-009').capabilities[0]!];
  };

  it('shares one report between capabilities alike, whatever objects they are made of', () => {
    const [first, ninth] = reported((result) => structuredClone(result));
    expect(ninth).toBe(first);
  });

  it('tells apart capabilities alike but for their fastest way', () => {
    const [first, ninth] = reported((result) => ({
      ...result,
      fastest: { ...result.fastest, duration: { min: 1, typical: 2, max: 3 } },
    }));
    expect(ninth).not.toBe(first);
    expect(first.fastest.duration.typical).toBeLessThan(1);
    expect(ninth.fastest.duration).toEqual({ min: 1, typical: 2, max: 3 });
  });

  it('tells apart capabilities alike but for the steps of their fastest way', () => {
    const [first, ninth] = reported((result) => ({
      ...result,
      fastest: {
        ...result.fastest,
        steps: result.fastest.steps.map((step) => ({ ...step, label: `${step.label}, twice` })),
      },
    }));
    expect(ninth).not.toBe(first);
    expect(ninth.fastest.steps.map((step) => step.label)).toEqual(
      first.fastest.steps.map((step) => `${step.label}, twice`),
    );
  });

  it("tells apart capabilities alike but for a way's duration", () => {
    const [first, ninth] = reported((result) => ({
      ...result,
      ways: result.ways.map((way, index) =>
        index === 0 && way.duration ? { ...way, duration: { ...way.duration, cost: 70 } } : way,
      ),
    }));
    expect(ninth).not.toBe(first);
    expect(first.ways[0]!.cost).toBe(0);
    expect(ninth.ways[0]!.cost).toBe(70);
  });
});

describe('what takes a lost way or capability, asked once for gates of one kind over the same inputs', () => {
  const cases: [string, string][] = [
    ...(['incident', 'incident-outside', 'startup', 'small-team'] as const).map(
      (example): [string, string] => [example, readFileSync(examplePath(example), 'utf8')],
    ),
    ['an Organization of 12 members', organizationInventory(12)],
  ];
  it.each(cases)('is what the graph says of each gate, in %s', (_name, yaml) => {
    const asOf = '2026-12-04';
    const loaded = parseInventory(yaml, 'inventory.yaml');
    if (!loaded.ok) throw new Error('the inventory does not load');
    const analysis = analyzeRecoveryGraph(buildRecoveryGraph(loaded.inventory, asOf), { asOf });
    const report = buildCheckReport({
      inventoryFile: 'inventory.yaml',
      analysis,
      findings: [],
      version: 'test',
    });
    const { graph } = analysis;
    const unknown = unknownEvents(graph, analysis.events);
    const cones = new ConeEvaluator(graph);
    const knownLost = (gate: string): boolean =>
      cones.isLost(gate, (index) => graph.events[index]!.lost && unknown[index] === 0);
    const labels = (names: readonly string[]): string[] =>
      names.map((name) => graph.findEvent(name)?.label ?? name);
    const results = new Map(
      [...analysis.capabilities, ...(analysis.outsideCapabilities ?? [])].map((result) => [
        result.gate,
        result,
      ]),
    );
    let lostWays = 0;
    for (const account of report.accounts) {
      for (const capability of account.capabilities) {
        const gate = capabilityGate(account.id, capability.id);
        const result = results.get(gate)!;
        const standing = result.standingLost === true && result.standingGate !== undefined;
        expect(capability.confirmed, gate).toBe(
          result.status !== 'lost' || (standing && knownLost(result.standingGate!)) || knownLost(gate),
        );
        for (const way of capability.ways) {
          if (way.status !== 'lost' || !graph.findGate(`${gate}/${way.id}`)) continue;
          lostWays += 1;
          expect(way.lostBecause, `${gate}/${way.id}`).toEqual(
            labels(explainLoss(graph, `${gate}/${way.id}`)),
          );
          expect(way.unknownOnly, `${gate}/${way.id}`).toBe(!knownLost(`${gate}/${way.id}`));
        }
      }
    }
    expect(lostWays).toBeGreaterThan(0);
  });
});

describe('ReportKeys', () => {
  it('gives different sequences of values different keys', () => {
    const keys = new ReportKeys();
    const made = [
      keys.texts(['a', 'b']).text(undefined).key(),
      keys.texts(['a']).text('b').text(undefined).key(),
      keys.texts(['a', 'b']).text('').key(),
      keys.number(1).number(undefined).key(),
      keys.number(undefined).number(1).key(),
      keys.flag(true).duration({ min: 1, typical: 2, max: 3 }).key(),
      keys.flag(false).duration({ min: 1, typical: 2, max: 3 }).key(),
      keys.flag(true).duration(undefined).number(1).number(2).key(),
      keys.numbers(undefined).key(),
      keys.numbers([]).key(),
    ];
    expect(new Set(made).size).toBe(made.length);
    expect(keys.texts(['a', 'b']).text(undefined).key()).toBe(made[0]);
  });

  it('tells apart 70,000 strings, and finds each again', () => {
    const keys = new ReportKeys();
    const made = new Set<number>();
    for (let index = 0; index < 70_000; index++) made.add(keys.text(`label ${index}`).key());
    expect(made.size).toBe(70_000);
    expect(keys.text('label 69999').key()).toBe(69_999);
  });

  it('tells apart two keys of the same hash', () => {
    // Two counts whose hashes agree but in their low 16 bits, and two more that make up that difference.
    const hashOf = (count: number): number => fnvMix(FNV_OFFSET, count + 1);
    const byHighBits = new Map<number, number>();
    let a = 0;
    let c: number | undefined;
    for (; c === undefined; a++) {
      c = byHighBits.get(hashOf(a) >>> 16);
      if (c === undefined) byHighBits.set(hashOf(a) >>> 16, a);
    }
    a -= 1;
    const b = 0xffff;
    const d = (0x10000 ^ ((hashOf(a) ^ hashOf(c)) & 0xffff)) - 1;
    expect(fnvMix(hashOf(a), b + 1)).toBe(fnvMix(hashOf(c), d + 1));
    const keys = new ReportKeys();
    const first = keys.count(a).count(b).key();
    const second = keys.count(c).count(d).key();
    expect(second).not.toBe(first);
    expect(keys.count(a).count(b).key()).toBe(first);
    expect(keys.count(c).count(d).key()).toBe(second);
  });
});
