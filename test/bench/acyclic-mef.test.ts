// bench/acyclic-mef.mjs: the Organization's MEF export with its cycles cut, so that SCRAM and the engine can be
// compared on one graph. The cut file must have no cycle left, keep every gate, and cut only references.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { readMef, writeMef } from '../../src/analysis/mef.js';
import { parseInventory } from '../../src/inventory/index.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';

const script = fileURLToPath(new URL('../../bench/acyclic-mef.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lockout-acyclic-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const cyclicCount = (text: string): number => {
  const model = readMef(text, 'model.xml');
  return new GraphAnalysis(model.graph, { tops: model.tops, limitOrder: 2 }).cyclicGates.reduce(
    (a, b) => a + b,
    0,
  );
};

function cut(text: string): { text: string; cuts: number } {
  const input = join(work, 'in.xml');
  const output = join(work, 'out.xml');
  writeFileSync(input, text);
  const run = spawnSync(process.execPath, [script, input, output], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return { text: readFileSync(output, 'utf8'), cuts: Number(run.stdout.trim()) };
}

describe('bench/acyclic-mef.mjs', () => {
  it('cuts the cycles the providers’ administrators make in the benchmark’s Organization, and only those', async () => {
    const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
    const { organizationInventoryYaml } = (await import(generator)) as {
      organizationInventoryYaml: (accounts: number) => string;
    };
    const loaded = parseInventory(organizationInventoryYaml(12), 'organization.yaml');
    if (!loaded.ok) throw new Error('the generated Organization does not load');
    const mef = writeMef(buildRecoveryGraph(loaded.inventory, '2025-06-01').graph, { name: 'org' });
    expect(cyclicCount(mef)).toBeGreaterThan(0);

    const result = cut(mef);
    expect(result.cuts).toBeGreaterThan(0);
    expect(cyclicCount(result.text)).toBe(0);
    const constants = (text: string): number => text.split('<constant value="true"/>').length - 1;
    expect(constants(result.text) - constants(mef)).toBe(result.cuts);
    const gates = (text: string): number => text.split('<define-gate ').length - 1;
    expect(gates(result.text)).toBe(gates(mef));
  });

  it('leaves an acyclic model as it is', () => {
    const text =
      '<?xml version="1.0"?>\n<opsa-mef>\n<define-fault-tree name="t">\n' +
      '<define-gate name="top"><or><gate name="g"/><basic-event name="a"/></or></define-gate>\n' +
      '<define-gate name="g"><and><basic-event name="b"/><basic-event name="c"/></and></define-gate>\n' +
      '</define-fault-tree>\n</opsa-mef>\n';
    expect(cut(text)).toEqual({ text, cuts: 0 });
  });

  it('replaces the reference that closes a cycle with a lost input', () => {
    const text =
      '<?xml version="1.0"?>\n<opsa-mef>\n<define-fault-tree name="t">\n' +
      '<define-gate name="top"><and><gate name="reset"/><basic-event name="password"/></and></define-gate>\n' +
      '<define-gate name="reset"><or><gate name="top"/><basic-event name="admin"/></or></define-gate>\n' +
      '</define-fault-tree>\n<model-data><define-basic-event name="password"/><define-basic-event name="admin"/>' +
      '</model-data>\n</opsa-mef>\n';
    expect(cyclicCount(text)).toBe(2);
    const result = cut(text);
    expect(result.cuts).toBe(1);
    expect(result.text).toContain(
      '<define-gate name="reset"><or><constant value="true"/><basic-event name="admin"/>',
    );
    expect(cyclicCount(result.text)).toBe(0);
  });
});
