/**
 * The reduced `npm run fuzz`: a few hundred malformed inventories, MEF models and `analyze` option values drawn
 * from a fixed seed by the same generator (scripts/fuzz-cases.mjs), run in-process through main(). Every run
 * is a success (exit 0, or 1 for findings) or a clean error (exit 2 with a message and no stack frame); none
 * hangs. The full run (`npm run fuzz`) also draws the other commands' option values, and runs the built command.
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  caseSeed,
  classify,
  makeCase,
  random,
  type Category,
  type FuzzSources,
} from '../../scripts/fuzz-cases.mjs';

const SEED = 20261203;
const CASES = 600;
/** A run longer than this is taken for a hang (the slowest reduced case takes about 2 s). */
const HANG_MS = 15_000;
const categories: Category[] = ['inventory', 'mef', 'analyze-options'];

const root = fileURLToPath(new URL('../..', import.meta.url));
const readAll = (folder: string, extension: string): string[] =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(join(root, folder, name), 'utf8'));
const sources: FuzzSources = {
  inventories: readAll('examples', '.yaml'),
  models: [...readAll('examples/models', '.xml'), ...readAll('test/fixtures', '.xml')],
  reduced: true,
};
const work = mkdtempSync(join(tmpdir(), 'lockout-fuzz-test-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('fuzz (reduced): inventories, MEF models, analyze options', () => {
  it(`${CASES} inputs from seed ${SEED}: no stack trace, no hang, every error with a message`, async () => {
    const counts = new Map<string, number>();
    const bad: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const category = categories[index % categories.length]!;
      const dir = join(work, `case-${index}`);
      mkdirSync(dir);
      const fuzzCase = makeCase(random(caseSeed(SEED, index)), category, sources, dir);
      for (const [file, text] of fuzzCase.files) writeFileSync(file, text);
      let stdout = '';
      let stderr = '';
      const started = performance.now();
      const code = await main(fuzzCase.args, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
      });
      const timedOut = performance.now() - started > HANG_MS;
      const kind = classify({ code, stdout, stderr, timedOut });
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (kind !== 'success' && kind !== 'clean error') {
        bad.push(
          `case ${index} (${category}: ${fuzzCase.description}) ${kind}: ${fuzzCase.args.join(' ')}\n${stderr.slice(0, 600)}`,
        );
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(bad).toEqual([]);
    // The generator must reach both endings, or it tests nothing.
    expect(counts.get('clean error')).toBeGreaterThan(CASES / 4);
    expect(counts.get('success')).toBeGreaterThan(CASES / 20);
  }, 170_000);
});
