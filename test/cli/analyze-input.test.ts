/**
 * `lockout analyze` on what is not a model it can analyse: a folder (EISDIR), an endless device (/dev/zero: the
 * whole read ended in "Invalid string length"), a model with no top gate (exit 0 and nothing printed), a model
 * too deep for the process. Each is exit 2 with a message that names the file and what is wrong, never a stack
 * trace. A flat OR of 4,000 events, which failed "for lack of memory" at every order limit, is analysed.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { EXIT_INPUT, EXIT_OK } from '../../src/cli/errors.js';
import { main } from '../../src/cli/main.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

function scratch(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-analyze-input-')), name);
  writeFileSync(file, text);
  return file;
}

const STACK_LINE = /\n\s+at /;

function events(...names: string[]): string {
  return names
    .map((name) => `<define-basic-event name="${name}"><float value="0.1"/></define-basic-event>`)
    .join('');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('lockout analyze on input it cannot analyse', () => {
  it('a folder: says it is a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lockout-analyze-folder-'));
    const { code, stdout, stderr } = await run(['analyze', folder]);
    expect(code).toBe(EXIT_INPUT);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${folder}: is a folder`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('/dev/zero: stops reading at a bound and says the file is too large, within seconds', async () => {
    const started = performance.now();
    const { code, stderr } = await run(['analyze', '/dev/zero']);
    expect(code).toBe(EXIT_INPUT);
    expect(stderr).toMatch(/\/dev\/zero: .*larger than \d+ MiB/);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('a model with no top gate: says there is none', async () => {
    const file = scratch(
      'events-only.xml',
      '<opsa-mef><model-data><define-basic-event name="a"><float value="0.1"/></define-basic-event></model-data></opsa-mef>',
    );
    const { code, stdout, stderr } = await run(['analyze', file]);
    expect(code).toBe(EXIT_INPUT);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}: no top gate`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('a model whose gates all lie on a cycle: no top gate either, and --top names one', async () => {
    const file = scratch(
      'loop.xml',
      `<opsa-mef><define-fault-tree name="t">
        <define-gate name="g1"><and><basic-event name="a"/><gate name="g2"/></and></define-gate>
        <define-gate name="g2"><or><basic-event name="b"/><gate name="g1"/></or></define-gate>
      </define-fault-tree><model-data>${events('a', 'b')}</model-data></opsa-mef>`,
    );
    const { code, stderr } = await run(['analyze', file]);
    expect(code).toBe(EXIT_INPUT);
    expect(stderr).toContain('no top gate');
    expect(stderr).toContain('--top');
    const named = await run(['analyze', file, '--top', 'g1']);
    expect(named.code).toBe(EXIT_OK);
    expect(named.stdout).toContain('top event g1');
  });

  it('a stack overflow is not blamed on the order limit', async () => {
    const file = scratch(
      'small.xml',
      '<opsa-mef><define-fault-tree name="t"><define-gate name="top"><or><basic-event name="a"/><basic-event name="b"/></or></define-gate></define-fault-tree>' +
        `<model-data>${events('a', 'b')}</model-data></opsa-mef>`,
    );
    vi.spyOn(GraphAnalysis.prototype, 'countsByOrder').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const { code, stderr } = await run(['analyze', file]);
    expect(code).toBe(EXIT_INPUT);
    expect(stderr).toContain('small.xml: top event top: the model is nested too deeply');
    expect(stderr).not.toContain('--limit-order');
    expect(stderr).not.toMatch(STACK_LINE);
  });
});

describe('lockout analyze with a huge order limit', () => {
  it('-l 2147483648 answers as the number of events does: no set is larger (it ran out of memory)', async () => {
    const file = scratch(
      'pair.xml',
      '<opsa-mef><define-fault-tree name="t"><define-gate name="top"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate></define-fault-tree>' +
        `<model-data>${events('a', 'b')}</model-data></opsa-mef>`,
    );
    const huge = await run(['analyze', file, '-l', '2147483648', '-f', 'json']);
    const exact = await run(['analyze', file, '-l', '2', '-f', 'json']);
    expect(huge.stderr).toBe('');
    expect(huge.code).toBe(EXIT_OK);
    // The answers without what differs by design: the time taken and the order limit as asked.
    const tops = (text: string): unknown =>
      (JSON.parse(text) as { tops: Record<string, unknown>[] }).tops.map((top) =>
        Object.fromEntries(Object.entries(top).filter(([key]) => key !== 'seconds' && key !== 'limitOrder')),
      );
    expect(tops(huge.stdout)).toEqual(tops(exact.stdout));
    expect(huge.stdout).toContain('"limitOrder": 2147483648');
  }, 20_000);
});

describe('lockout analyze on a flat OR of 4,000 events', () => {
  const n = 4_000;
  const events = Array.from({ length: n }, (_, i) => `<basic-event name="e${i}"/>`).join('');
  const data = Array.from(
    { length: n },
    (_, i) => `<define-basic-event name="e${i}"><float value="0.001"/></define-basic-event>`,
  ).join('');

  for (const limit of ['1', '20']) {
    it(`counts its ${n} single points at -l ${limit}`, async () => {
      const file = scratch(
        'flat.xml',
        `<opsa-mef><define-fault-tree name="flat"><define-gate name="top"><or>${events}</or></define-gate></define-fault-tree><model-data>${data}</model-data></opsa-mef>`,
      );
      const { code, stdout, stderr } = await run(['analyze', file, '-l', limit, '-f', 'json']);
      expect(stderr).toBe('');
      expect(code).toBe(EXIT_OK);
      const report = JSON.parse(stdout) as {
        tops: { total: number; distribution: number[]; singlePointsOfFailure: string[] }[];
      };
      expect(report.tops[0]!.total).toBe(n);
      expect(report.tops[0]!.distribution).toEqual([n]);
      expect(report.tops[0]!.singlePointsOfFailure).toHaveLength(n);
    });
  }
});
