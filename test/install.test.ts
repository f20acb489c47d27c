/**
 * Installing Lockout outside its checkout, as the README's "Install" section says: `npm pack` the project, then
 * `npm install -g` the tarball into a temporary prefix, and run the installed `lockout` from a folder that knows
 * nothing of the checkout: `--help`, `check --example incident`, `history` on a store, and `serve` (the dashboard
 * page and a web asset, fetched from 127.0.0.1). Shows that the package holds the command, the bundle, the
 * examples and the web assets, and that its runtime dependencies resolve.
 *
 * The pack is built once, from a staging copy of the package's sources (so the checkout's own dist/ is left
 * alone while other tests run). The install runs no install scripts: better-sqlite3's would compile its native
 * addon (a minute of CPU on every `npm test`) or fetch a prebuilt one from GitHub. The addon `npm ci` built for
 * this checkout (same version, same Node) is copied in instead, and `lockout history` on a store proves that
 * it loads from the installed package. Measured on the shared 2-core machine at load average 5: 36 s for the
 * file (npm pack with its build 24 s, npm install -g 7 s); with the compile it took 577 s at load 10.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/database.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  files: string[];
};

/** What `npm pack` needs besides the package's own files: the build's inputs. */
const BUILD_INPUTS = ['src', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE'];

/** The native addon of better-sqlite3, relative to its package folder. */
const ADDON = path.join('build', 'Release', 'better_sqlite3.node');

function versionOf(packageFolder: string): string {
  return (JSON.parse(readFileSync(path.join(packageFolder, 'package.json'), 'utf8')) as { version: string })
    .version;
}

let work = '';
let prefix = '';
let outside = '';
/** How long packing and installing took, for the figure in this file's header. */
const timings: Record<string, number> = {};

function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): SpawnSyncReturns<string> {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 600_000,
  });
  timings[`${command} ${args[0]}`] = Math.round(performance.now() - started);
  if (result.error !== undefined) throw result.error;
  return result;
}

/** The environment of the installed command: its prefix first on the PATH, a home of its own. */
function installedEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env['PATH'] ?? ''}`,
    HOME: outside,
    NO_COLOR: '1',
  };
}

function lockout(args: readonly string[]): SpawnSyncReturns<string> {
  return run('lockout', args, { cwd: outside, env: installedEnv() });
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lockout-install-'));
  prefix = path.join(work, 'prefix');
  outside = path.join(work, 'elsewhere');
  mkdirSync(outside);

  // A staging copy of what the package is made of; the dependencies are the checkout's own.
  const stage = path.join(work, 'stage');
  for (const entry of ['package.json', ...packageJson.files, ...BUILD_INPUTS]) {
    cpSync(path.join(repoRoot, entry), path.join(stage, entry), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  // `prepare` builds dist/ (tsc and the esbuild bundle) before packing.
  const pack = run('npm', ['pack', '--pack-destination', work], { cwd: stage });
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}): ${pack.stderr}`);

  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball: ${pack.stdout}`);
  const install = run(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      // Not --offline: `npm ci` caches the dependencies' tarballs but not the registry documents (packuments)
      // that a global install resolves their version ranges with. --prefer-offline takes every tarball from the
      // cache and asks the npm registry, and nothing else, only for what the cache lacks.
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      // No dependency's script runs, so nothing but the npm registry can be reached (see above for the addon).
      '--ignore-scripts',
      path.join(work, tarball),
    ],
    { cwd: work },
  );
  if (install.status !== 0) throw new Error(`npm install -g failed (${install.status}): ${install.stderr}`);

  const built = path.join(repoRoot, 'node_modules', 'better-sqlite3');
  const installed = path.join(
    prefix,
    'lib',
    'node_modules',
    packageJson.name,
    'node_modules',
    'better-sqlite3',
  );
  if (versionOf(built) !== versionOf(installed)) {
    throw new Error(`better-sqlite3 ${versionOf(installed)} installed, but npm ci built ${versionOf(built)}`);
  }
  mkdirSync(path.dirname(path.join(installed, ADDON)), { recursive: true });
  copyFileSync(path.join(built, ADDON), path.join(installed, ADDON));
  console.info(
    `install test: npm pack ${timings['npm pack']} ms, npm install -g ${timings['npm install']} ms`,
  );
}, 900_000);

// The prefix holds the runtime dependencies (about 100 MB): removing them takes a while on a busy machine.
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
}, 120_000);

describe('an install outside the checkout (npm pack, npm install -g of the tarball)', () => {
  describe('the installed package', () => {
    it('holds the command, the bundle, the web assets and the examples, and not the tests or the benchmark', () => {
      const installed = path.join(prefix, 'lib', 'node_modules', packageJson.name);
      for (const file of [
        'bin/lockout.js',
        'dist/bundle/lockout.js',
        'web/main.js',
        'web/style.css',
        'examples/incident-2022.yaml',
      ]) {
        expect(existsSync(path.join(installed, file)), file).toBe(true);
      }
      for (const folder of ['test', 'bench', 'src', 'scripts']) {
        expect(existsSync(path.join(installed, folder)), folder).toBe(false);
      }
      expect(existsSync(path.join(prefix, 'bin', 'lockout'))).toBe(true);
    });

    it('lockout --help lists the commands', () => {
      const result = lockout(['--help']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: lockout /);
      for (const command of ['check', 'scan', 'whatif', 'plan', 'serve'])
        expect(result.stdout).toContain(`\n  ${command} `);
    });

    it('lockout check --example incident reports the bundled incident, and exits 1 for its findings', () => {
      const result = lockout(['check', '--example', 'incident']);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      // Named by its path in the installed package: relative to the working folder, it would name no file.
      const example = path.join(
        prefix,
        'lib',
        'node_modules',
        packageJson.name,
        'examples',
        'incident-2022.yaml',
      );
      expect(result.stdout).toContain(`Lockout check — ${example}, as of 2022-06-09`);
      expect(result.stdout).toContain('Account personal (111122223333), standalone');
      // Exit 1: findings at or above the default --fail-on high.
      expect(result.status).toBe(1);
    });

    it('lockout history opens a store: the native SQLite addon loads from the installed package', () => {
      const store = path.join(outside, 'scans.db');
      // A store made by the checkout's code: the installed command opens it with its own addon and reads it.
      openStore(store).close();
      const result = lockout(['history', '--store', store]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`No scans yet in ${store}: run lockout scan.\n`);
      expect(result.status).toBe(0);
      expect(readFileSync(store).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    });

    it('lockout serve answers on 127.0.0.1 with the dashboard and its web assets, and stops', async () => {
      const child = spawn('lockout', ['serve', '--example', 'incident'], {
        cwd: outside,
        env: installedEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<void>((resolve) => {
        child.on('exit', () => {
          resolve();
        });
      });
      try {
        const address = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => {
            reject(new Error(`no address within 15 s; stdout: ${stdout}; stderr: ${stderr}`));
          }, 15_000);
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(stdout);
            if (match !== null) {
              clearTimeout(timer);
              resolve(match[0]);
            }
          });
        });
        // The token in the address is exchanged for a cookie, then the page is served.
        const entry = await fetch(address, { redirect: 'manual' });
        expect(entry.status).toBe(302);
        const cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0]!;
        expect(cookie).toMatch(/^lockout-token-\d+=/);
        const origin = new URL(address).origin;
        const page = await fetch(`${origin}/`, { headers: { cookie } });
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain(
          `<title>Lockout — ${path.join(prefix, 'lib', 'node_modules', packageJson.name, 'examples', 'incident-2022.yaml')}</title>`,
        );

        const asset = /<link rel="stylesheet" href="(\/static\/[^"]+)"/.exec(html)?.[1];
        expect(asset).toBe('/static/style.css');
        const css = await fetch(`${origin}${asset!}`, { headers: { cookie } });
        expect(css.status).toBe(200);
        expect(css.headers.get('content-type')).toMatch(/^text\/css/);
        expect(await css.text()).toBe(readFileSync(path.join(repoRoot, 'web', 'style.css'), 'utf8'));
        // A dependency's file, served from the installed node_modules.
        const vendor = await fetch(`${origin}/vendor/cytoscape.js`, { headers: { cookie } });
        expect(vendor.status).toBe(200);
        expect((await vendor.text()).length).toBeGreaterThan(100_000);
      } finally {
        child.kill('SIGTERM');
      }
      // It stops when asked: no watcher or open connection keeps it alive.
      const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      expect(stopped).toBe(true);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });
});
