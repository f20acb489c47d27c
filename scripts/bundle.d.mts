// Types for scripts/bundle.mjs, so that tests can build the bundle they run.
import type { BuildResult } from 'esbuild';

/** The bundle entries, by output name: the `lockout` command and the package's two exports. */
export const bundleEntries: Readonly<Record<'lockout' | 'index' | 'analysis', string>>;

/** Builds the bundle into outdir (two levels below the repository; default dist/bundle). */
export function bundle(outdir?: string): Promise<BuildResult>;
