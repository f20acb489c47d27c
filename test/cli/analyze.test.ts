/**
 * `lockout analyze` on a model too large for the machine at the order asked: a clear message with what to try,
 * exit code 2, no stack trace — the engine's tables failing to grow is the model's size, not a bug. Any other
 * RangeError stays an internal error. (A real case, nus9601 at -l 6, takes minutes to exhaust 10 GB; the
 * allocation failure is simulated.)
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { EXIT_INPUT, EXIT_INTERNAL } from '../../src/cli/errors.js';
import { cli as run } from '../support/cli.js';

const model = fileURLToPath(new URL('../fixtures/das9701-cut.xml', import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('lockout analyze out of memory', () => {
  it('says the sets need more memory and suggests a lower order limit', async () => {
    vi.spyOn(GraphAnalysis.prototype, 'countsByOrder').mockImplementation(() => {
      throw new RangeError('Array buffer allocation failed');
    });
    const { code, stderr } = await run(['analyze', model, '--limit-order', '6']);
    expect(code).toBe(EXIT_INPUT);
    expect(stderr).toContain('das9701-cut.xml: top event r1: the lockout sets of order ≤ 6 need more memory');
    expect(stderr).toContain('Array buffer allocation failed');
    expect(stderr).toContain('lower --limit-order');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves any other RangeError an internal error', async () => {
    vi.spyOn(GraphAnalysis.prototype, 'countsByOrder').mockImplementation(() => {
      throw new RangeError('offset is out of bounds');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { code } = await run(['analyze', model]);
    expect(code).toBe(EXIT_INTERNAL);
  });
});

describe('lockout analyze --bdd-nodes', () => {
  it('builds the sets of a module past the budget with ZBDD operations, the same sets, and says why P is missing', async () => {
    const coherent = writeModel();
    const full = JSON.parse(
      (await run(['analyze', coherent, '-f', 'json', '--sets', '20'])).stdout,
    ) as Report;
    const tiny = await run(['analyze', coherent, '-f', 'json', '--sets', '20', '--bdd-nodes', '1']);
    expect(tiny.code).toBe(0);
    const report = JSON.parse(tiny.stdout) as Report;
    expect(report.tops[0]!.distribution).toEqual(full.tops[0]!.distribution);
    expect(report.tops[0]!.sets).toEqual(full.tops[0]!.sets);
    expect(full.tops[0]!.probability).not.toBeNull();
    expect(report.tops[0]!.probability).toBeNull();
    expect(report.tops[0]!.probabilityNote).toContain('a BDD passed 1 nodes');
  });
});

/** A coherent model (the ZBDD path needs one): two ways, each of two events, sharing b; and a third way d. */
function writeModel(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-analyze-')), 'coherent.xml');
  const event = (name: string): string =>
    `<define-basic-event name="${name}"><float value="0.01"/></define-basic-event>`;
  writeFileSync(
    file,
    `<opsa-mef><define-fault-tree name="t">
      <define-gate name="top"><or><gate name="g1"/><gate name="g2"/><basic-event name="d"/></or></define-gate>
      <define-gate name="g1"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate>
      <define-gate name="g2"><and><basic-event name="b"/><basic-event name="c"/></and></define-gate>
    </define-fault-tree><model-data>${['a', 'b', 'c', 'd'].map(event).join('')}</model-data></opsa-mef>`,
  );
  return file;
}

interface Report {
  tops: { distribution: number[]; sets: string[][]; probability: number | null; probabilityNote?: string }[];
}

// Found by a fault probe: a model with a cycle (which the MEF standard and SCRAM refuse) was answered with no word
// of how its cycle was read, so its answer looked wrong next to SCRAM's refusal.
describe('lockout analyze on a model with a cycle', () => {
  const cyclic = `<opsa-mef><define-fault-tree name="t">
<define-gate name="top"><or><gate name="a"/><basic-event name="e1"/></or></define-gate>
<define-gate name="a"><and><gate name="top"/><basic-event name="e2"/></and></define-gate>
<define-basic-event name="e1"><float value="0.1"/></define-basic-event>
<define-basic-event name="e2"><float value="0.1"/></define-basic-event>
</define-fault-tree></opsa-mef>`;

  it('says how the cycle is read, and answers by that reading', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockout-cycle-')), 'cyclic.xml');
    writeFileSync(file, cyclic);
    const { code, stdout } = await run(['analyze', file, '--top', 'top']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'note: 2 gates lie on cycles, which the MEF standard and SCRAM refuse; Lockout reads a cycle as it reads ' +
        'recovery: a gate that can be avoided only through itself counts as failed (the least fixed point of success)',
    );
    // By that reading, top is avoided only when e1 holds and a is avoided, which needs e2 (a through top is a
    // cycle): each event alone takes top.
    expect(stdout).toContain('single points of failure: e1, e2');
    const json = JSON.parse((await run(['analyze', file, '--top', 'top', '--format', 'json'])).stdout) as {
      cyclicGates: number;
    };
    expect(json.cyclicGates).toBe(2);
  });
});
