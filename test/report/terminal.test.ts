/**
 * The terminal report of an Organization of hundreds: the accounts most at risk in detail (as the Markdown and
 * HTML reports), and the others in numbers that add up to what the JSON report holds for them.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { rankAccounts } from '../../src/report/account-rank.js';
import { organizationInventory, writeInventory } from './inventories.js';

describe('terminal report for a large Organization', () => {
  it('details the 20 worst accounts and counts the others by check', async () => {
    const file = writeInventory('org.yaml', organizationInventory(199));
    const { output: text, report } = await runCheck(file, { format: 'text', failOn: 'none', color: false });
    expect(report.accounts).toHaveLength(200);
    const detailed = text.match(/^Account .+ \(\d{12}\), /gm) ?? [];
    expect(detailed).toHaveLength(20);
    expect(text).toContain('The 20 accounts most at risk, of 200, follow in detail');
    // The worst account comes first.
    const worst = rankAccounts(report.accounts)[0]!;
    expect(detailed[0]).toBe(`Account ${worst.name} (${worst.id}), `);

    const others = rankAccounts(report.accounts).slice(20);
    expect(text).toContain('The other 180 accounts');
    const withState = (state: string): number =>
      others.filter((account) => account.capabilities.some((capability) => capability.state === state))
        .length;
    expect(withState('one-loss-away')).toBeGreaterThan(0);
    expect(text).toContain(
      `${withState('lost-now')} with a capability lost now, ${withState('no-fast-way')} with one held only by ways of more than a day, ` +
        `${withState('unknown')} with one unknown, ` +
        `${withState('lost-after')} with one lost after its suspension date, ${withState('one-loss-away')} with one a single loss away`,
    );
    const findings = others.flatMap((account) => account.findings);
    // One line per check and severity (a check's findings may differ in severity).
    for (const key of new Set(findings.map((finding) => `${finding.severity} ${finding.checkId}`))) {
      const these = findings.filter((finding) => `${finding.severity} ${finding.checkId}` === key);
      const accounts = new Set(these.map((finding) => finding.accountId)).size;
      const [severity, checkId] = key.split(' ') as [string, string];
      expect(text).toMatch(
        new RegExp(
          `^  ${severity.toUpperCase()} +${checkId}: ${these.length} findings? in ${accounts} accounts?$`,
          'm',
        ),
      );
    }
    expect(findings.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(200_000);
  });

  it('details every account of a small inventory, in its order', async () => {
    const file = writeInventory('org.yaml', organizationInventory(9));
    const { output: text, report } = await runCheck(file, { format: 'text', failOn: 'none', color: false });
    const detailed = text.match(/^Account .+ \(\d{12}\), /gm) ?? [];
    expect(detailed).toEqual(report.accounts.map((account) => `Account ${account.name} (${account.id}), `));
    expect(text).not.toContain('The other');
  });
});

describe('costs (issue 13: costs carry their currency)', () => {
  it('says the currency of a cost in every format, and JSON carries it', async () => {
    const text = await runCheck(undefined, {
      example: 'incident',
      format: 'text',
      failOn: 'none',
      color: false,
    });
    expect(text.output).toContain('costs 11,500 JPY');
    expect(text.output).not.toMatch(/costs [\d,]+(?![\d,]| [A-Z]{3})/);
    const html = await runCheck(undefined, {
      example: 'incident',
      format: 'html',
      failOn: 'none',
      color: false,
    });
    expect(html.output).toContain('costs 11,500 JPY');
    const ways = text.report.accounts.flatMap((account) => account.capabilities.flatMap((c) => c.ways));
    const costed = ways.filter((way) => (way.cost ?? 0) > 0);
    expect(costed.length).toBeGreaterThan(0);
    for (const way of costed) expect(way.currency).toBe('JPY');
  });
});

describe('a way lost only because something is unknown', () => {
  it('says unknown, as the Markdown and HTML reports do, not plainly lost (found on a starter inventory)', async () => {
    const example = readFileSync(new URL('../../examples/small-team.yaml', import.meta.url), 'utf8');
    // As `lockout init` writes the keys a scan saw: nobody has confirmed them.
    const file = writeInventory(
      'unconfirmed-keys.yaml',
      example.replaceAll('      kind: security-key\n', '      kind: security-key\n      state: unknown\n'),
    );
    const { output: text, report } = await runCheck(file, { format: 'text', failOn: 'none', color: false });
    const way = report.accounts[0]!.capabilities[0]!.ways.find((w) => w.status === 'lost' && w.unknownOnly)!;
    expect(way.lostBecause.length).toBeGreaterThan(0);
    expect(text).toContain(`lost   ${way.label}: unknown: ${way.lostBecause.join(', ')}`);
    expect(text).not.toContain(`lost   ${way.label}: ${way.lostBecause.join(', ')}`);
    // What to do: confirm the keys (they are declared), declare what is missing.
    const improve = report.accounts.flatMap((account) => account.capabilities).map((c) => c.improve ?? '');
    const asked = improve.find((step) => step.includes('YubiKey 5 NFC (Mika)'))!;
    expect(asked).toMatch(/^confirm YubiKey 5 NFC \(Mika\) \(check it, then write state: ok\)/);
    expect(improve.join('\n')).not.toMatch(/declare [^:]*YubiKey/);
    expect(text).toContain('confirm YubiKey 5 NFC (Mika)');
  });
});
