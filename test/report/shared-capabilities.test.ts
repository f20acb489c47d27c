/**
 * The check report makes one capability report for all the accounts that say the same of it (most of an
 * Organization's), and the JSON writes its text once: accounts alike share it, an account that differs in one
 * fact has its own, and what is written is exactly the JSON of the report as it stands.
 */

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { checks } from '../../src/checks/index.js';
import type { AccountReport, CheckReport } from '../../src/report/check-report.js';
import { formatChunks } from '../../src/report/formats.js';
import { toJsonReport } from '../../src/report/json-report.js';
import { ReportKeys } from '../../src/report/report-keys.js';
import { parse, stringify } from 'yaml';
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

  it('tells apart strings beyond the first 55,295, written in three units', () => {
    const keys = new ReportKeys();
    const made = new Set<string>();
    for (let index = 0; index < 70_000; index++) made.add(keys.text(`label ${index}`).key());
    expect(made.size).toBe(70_000);
  });
});
