// Types for scripts/fuzz-cases.mjs, so that the tests draw the same cases as `npm run fuzz`.

export type Category = 'inventory' | 'mef' | 'analyze-options' | 'options';
export const CATEGORIES: Category[];

export interface Random {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function random(seed: number): Random;
export function caseSeed(seed: number, index: number): number;

export interface FuzzSources {
  inventories: string[];
  models: string[];
  /** Keep generated chains and formulas small (the tests' reduced run). */
  reduced?: boolean;
}

export interface FuzzCase {
  category: Category;
  description: string;
  /** The command line after `lockout`. */
  args: string[];
  /** Files to write before running: [absolute path, text]. */
  files: [string, string][];
}

export function makeCase(rng: Random, category: Category, sources: FuzzSources, dir: string): FuzzCase;

export type RunKind = 'success' | 'clean error' | 'stack trace' | 'hang' | 'unclean';

export function classify(run: {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}): RunKind;
