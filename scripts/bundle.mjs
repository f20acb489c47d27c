/**
 * Bundles the command and the library into dist/bundle/ with esbuild, after `tsc` has type-checked and emitted
 * dist/ (whose .d.ts files the package's types point at). Why: Node's ES module loader resolves, reads and
 * links every file on its own, and the dependencies are hundreds of small files; one file per entry (and a
 * chunk per command, loaded only when that command runs) starts in about half the time. See "Start-up" in
 * the README's architecture section.
 *
 * Usage: node scripts/bundle.mjs [--outdir DIR]
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle entries: the `lockout` command (bin/lockout.js) and the package's two exports. */
export const bundleEntries = {
  lockout: 'src/cli/main.ts',
  index: 'src/index.ts',
  analysis: 'src/analysis/index.ts',
};

/**
 * Builds the bundle into outdir, which must sit two levels below the repository (as dist/bundle does): the
 * code finds web/ and examples/ at ../../ from its own file, as it does from dist/<folder>/.
 */
export async function bundle(outdir = path.join(repoRoot, 'dist', 'bundle')) {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: bundleEntries,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // A native addon: it loads its compiled .node file from its own folder.
    external: ['better-sqlite3'],
    // jsonc-parser's main is a UMD build that requires its parts by a path computed at run time, which a bundle
    // cannot follow: its ES module build (the package's "module") is bundled instead.
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    // CommonJS dependencies inside an ES module bundle call require(); give them Node's.
    banner: {
      js: "import { createRequire as __lockoutRequire } from 'node:module'; const require = __lockoutRequire(import.meta.url);",
    },
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    metafile: true,
  });
  removeStaleChunks(outdir, result.metafile);
  return result;
}

/**
 * Chunks are named by their content's hash, so each build that changes one leaves the last one's behind; `npm
 * pack` would ship them all. Only chunk files this build did not write go: nothing else in outdir is touched.
 */
function removeStaleChunks(outdir, metafile) {
  const written = new Set(Object.keys(metafile.outputs).map((output) => path.resolve(repoRoot, output)));
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (/^chunk-[A-Z0-9]+\.js$/.test(name) && !written.has(file)) rmSync(file);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  await bundle(at > 0 ? path.resolve(process.argv[at + 1]) : undefined);
}
