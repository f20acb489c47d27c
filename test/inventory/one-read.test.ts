/**
 * Issue 15: `lockout check` reads a fast-read inventory with js-yaml once, for its data and for where each
 * node is; the findings keep their file, line and column (a second read to place them cost 0.5 s at 10,000
 * accounts). A command that places nothing (whatif, plan) does not listen for positions at all (0.2-0.3 s at
 * 10,000 accounts); where something asks for a position anyway, it is read then.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';

/** Each js-yaml read, and whether it listened for where each node starts. */
const reads = vi.hoisted(() => ({ listened: [] as boolean[] }));
vi.mock('js-yaml', async (importOriginal) => {
  const original = await importOriginal<typeof import('js-yaml')>();
  const load: typeof original.load = (...args) => {
    reads.listened.push(args[1]?.listener !== undefined);
    return original.load(...args);
  };
  return { ...original, load, default: { ...original, load } };
});

const { runCheck } = await import('../../src/cli/check-command.js');
const { runWhatIf } = await import('../../src/cli/whatif-command.js');
const { runPlan } = await import('../../src/cli/plan-command.js');
const { parseInventory } = await import('../../src/inventory/load.js');
const { InventorySource } = await import('../../src/inventory/source.js');

describe('lockout check on a fast-read inventory', () => {
  it('reads it with js-yaml once, and places every finding where `yaml` does', async () => {
    const file = 'examples/incident-2022.yaml';
    reads.listened = [];
    const { report } = await runCheck(file, { format: 'json', failOn: 'none', color: false });
    expect(reads.listened).toEqual([true]);
    // Every finding about an account points at its declaration (fast-positions.test.ts: at the line and
    // column `yaml` gives, field by field, from what this read heard).
    const aboutAccounts = report.findings.filter((finding) => finding.accountId !== undefined);
    expect(aboutAccounts.length).toBeGreaterThan(5);
    for (const finding of aboutAccounts) {
      expect(finding.location, finding.checkId).toMatchObject({ file });
      expect(finding.location!.line).toBeGreaterThan(1);
    }
  });
});

describe('a command that places no finding', () => {
  it('whatif reads the inventory once, without listening for positions', async () => {
    reads.listened = [];
    await runWhatIf('examples/incident-2022.yaml', { lose: ['current-phone'], format: 'json' });
    expect(reads.listened).toEqual([false]);
  });

  it('plan reads the inventory once, without listening for positions', async () => {
    reads.listened = [];
    await runPlan('examples/incident-2022.yaml', { asOf: '2022-06-09', format: 'json', tz: 'UTC' });
    expect(reads.listened).toEqual([false]);
  });

  it('a load that asks for no positions still places a field when asked, where `yaml` does', () => {
    const file = 'examples/incident-2022.yaml';
    const text = readFileSync(file, 'utf8');
    reads.listened = [];
    const loaded = parseInventory(text, file);
    expect(loaded.ok).toBe(true);
    expect(reads.listened).toEqual([false]);
    if (!loaded.ok) return;
    const lines = new LineCounter();
    const located = new InventorySource(file, text, parseDocument(text, { lineCounter: lines }), lines);
    for (const path of [
      ['accounts', 0, 'root', 'mfa', 0, 'heldBy'],
      ['factors', 'phoneNumbers', 0, 'number'],
      ['asOf'],
    ]) {
      expect(loaded.source.locate(path)).toEqual(located.locate(path));
    }
    // The positions were read when first asked, once.
    expect(reads.listened).toEqual([false, true]);
  });
});
