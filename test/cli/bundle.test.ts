/**
 * The command as installed: bin/lockout.js starts the esbuild bundle (scripts/bundle.mjs), not the sources the
 * other tests import. The bundle is built here into a folder of its own and run as a child process; it must
 * answer exactly as the sources do, find its web assets, examples and dependencies, and reach AWS (moto_server)
 * through the bundled SDK. The package's exports must point at files the build makes.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, bundleEntries } from '../../scripts/bundle.mjs';
import { main } from '../../src/cli/main.js';
import { EXIT_INPUT } from '../../src/cli/errors.js';
import { startMotoServer, type MotoServer } from '../aws/moto-server.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Two levels below the repository, as dist/bundle: the bundle finds web/ and examples/ at ../../.
const outdir = path.join(repoRoot, 'dist', `bundle-test-${process.pid}`);
const fixture = path.join(repoRoot, 'test', 'fixtures', 'das9701-cut.xml');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBundle(args: readonly string[]): Run {
  const result = spawnSync(process.execPath, [path.join(outdir, 'bin.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function runSources(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  await bundle(outdir);
  // bin/lockout.js, pointed at this build.
  const bin = readFileSync(path.join(repoRoot, 'bin', 'lockout.js'), 'utf8');
  expect(bin).toContain("'../dist/bundle/lockout.js'");
  writeFileSync(path.join(outdir, 'bin.js'), bin.replace("'../dist/bundle/lockout.js'", "'./lockout.js'"));
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the bundled command', () => {
  it('prints its help', () => {
    const run = runBundle(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: lockout /);
    expect(run.stdout).toContain('analyze');
  });

  it.each([['json'], ['sarif'], ['md'], ['html'], ['text']])(
    'writes the same %s report of the bundled example as the sources',
    async (format) => {
      const args = ['check', '--example', 'incident', '--deadline', '2022-06-30', '--format', format];
      const bundled = runBundle(args);
      const sources = await runSources(args);
      expect(bundled.stderr).toBe(sources.stderr);
      expect(bundled.code).toBe(sources.code);
      expect(bundled.stdout.length).toBeGreaterThan(1000);
      expect(bundled.stdout).toBe(sources.stdout);
    },
  );

  it('analyses an MEF model as the sources do', async () => {
    const args = [
      'analyze',
      fixture,
      '--limit-order',
      '3',
      '--sets',
      '5',
      '--importance',
      '3',
      '--format',
      'json',
    ];
    const bundled = runBundle(args);
    const sources = await runSources(args);
    expect(bundled.code).toBe(0);
    // Everything but how long each top took.
    const results = (run: Run): unknown =>
      JSON.parse(run.stdout, (key, value: unknown) => (key === 'seconds' ? undefined : value));
    const analysed = results(bundled) as { tops: { sets: string[][] }[] };
    expect(analysed.tops[0]!.sets.length).toBeGreaterThan(0);
    expect(analysed).toEqual(results(sources));
  });

  it('names the file of a mistake, without a stack trace', () => {
    const missing = path.join(repoRoot, 'test', 'fixtures', 'no-such-inventory.yaml');
    const run = runBundle(['check', missing]);
    expect(run.code).toBe(EXIT_INPUT);
    expect(run.stderr).toContain('no-such-inventory.yaml');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the bundled command against moto_server', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(async () => {
    await moto.stop();
  });

  it('scans an account through the bundled AWS SDK', () => {
    // startMotoServer() set fake credentials and the endpoint in this process's environment; the child inherits them.
    const run = runBundle([
      'scan',
      '--endpoint-url',
      moto.url,
      '--max-attempts',
      '1',
      '--format',
      'json',
      '--no-progress',
      '--store',
      path.join(outdir, 'lockout.db'),
    ]);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as { scan?: { accounts: number; calls: number } };
    expect(report.scan?.accounts).toBe(1);
  }, 120_000);
});

describe('the package exports', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, { types: string; default: string }>;
    bin: Record<string, string>;
  };

  it('point at a bundle entry and at the declarations tsc emits for that entry', () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const entry = path.basename(target.default, '.js') as keyof typeof bundleEntries;
      expect(target.default, subpath).toBe(`./dist/bundle/${entry}.js`);
      const source = bundleEntries[entry];
      expect(source, subpath).toBeDefined();
      // tsconfig.build.json emits src/X.ts as dist/X.d.ts.
      expect(target.types, subpath).toBe(`./${source.replace(/^src\//, 'dist/').replace(/\.ts$/, '.d.ts')}`);
    }
  });

  it('lockout/analysis works from the bundle', async () => {
    const analysis = (await import(
      path.join(outdir, 'analysis.js')
    )) as typeof import('../../src/analysis/index.js');
    const model = analysis.readMef(readFileSync(fixture, 'utf8'), fixture);
    const top = model.tops[0]!;
    const bundled = new analysis.GraphAnalysis(model.graph, { tops: [top], limitOrder: 3 });
    const { GraphAnalysis } = await import('../../src/analysis/index.js');
    const sources = new GraphAnalysis(model.graph, { tops: [top], limitOrder: 3 });
    expect(Array.from(bundled.countsByOrder(top))).toEqual(Array.from(sources.countsByOrder(top)));
    expect(bundled.probability(top)).toBe(sources.probability(top));
  });
});

describe('building again', () => {
  it('leaves no chunk of an earlier build behind, and nothing else is touched', async () => {
    // Chunks are named by their hash: an earlier build's, left in place, would be packed and shipped.
    const stale = path.join(outdir, 'chunk-STALE0000.js');
    const other = path.join(outdir, 'notes.txt');
    writeFileSync(stale, 'export {};\n');
    writeFileSync(other, 'kept\n');
    const result = await bundle(outdir);
    const written = new Set(
      Object.keys(result.metafile?.outputs ?? {}).map((output) => path.resolve(repoRoot, output)),
    );
    const chunks = readdirSync(outdir).filter((name) => name.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const name of chunks) expect(written.has(path.join(outdir, name)), name).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(other, 'utf8')).toBe('kept\n');
    expect(runBundle(['--help']).code).toBe(0);
  }, 60_000);
});
