/**
 * Writes docs/rules.md: the provider model's rules, timings and durations with their sources and validity,
 * rendered by src/providers/aws/rules-doc.ts and formatted with the project's Prettier settings (so the
 * page passes `prettier --check` as generated). test/providers/rules-doc.test.ts fails when the page drifts.
 *
 * Usage: npm run rules-doc    (or: node scripts/rules-doc.mjs)
 *
 * Plain JavaScript on purpose: the project has no TypeScript runner, so the renderer is bundled in memory
 * with esbuild (already used by scripts/bundle.mjs) and imported from that bundle.
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the page lives. */
export const rulesDocPath = path.join(repoRoot, 'docs', 'rules.md');

/** The rendered page formatted as Prettier would leave it. */
export async function formatRulesDoc(markdown) {
  const options = (await resolveConfig(rulesDocPath)) ?? {};
  return format(markdown, { ...options, filepath: rulesDocPath });
}

/** The renderer, bundled from TypeScript in memory. */
async function loadRenderer() {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['src/providers/aws/rules-doc.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { renderRulesDoc } = await loadRenderer();
  writeFileSync(rulesDocPath, await formatRulesDoc(renderRulesDoc()));
  console.log(`wrote ${path.relative(process.cwd(), rulesDocPath)}`);
}
