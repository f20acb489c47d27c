// Test support for checking the engine against SCRAM: run the `scram` binary, or read the committed reference
// values that scripts/scram-reference.mjs produced (test/fixtures/scram-reference.json).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';
import { attribute, reportHead, scramArguments } from '../../scripts/scram-report.mjs';

/** The repository root: relative paths in the reference file, and given to runScram, start here. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const referenceFile = path.join(repoRoot, 'test', 'fixtures', 'scram-reference.json');

/** What SCRAM reports for the top gate: its `<sum-of-products>` element. */
export interface ScramReport {
  /** The gate the figures are for (SCRAM's `name` attribute). */
  topGate: string;
  /** Number of minimal cut sets (products) up to the order limit. */
  products: number;
  /** Products per order: index 0 is order 1, up to the largest order present (no trailing zeros). */
  distribution: number[];
  /** Top-event probability, exact from the BDD; only 6 significant digits are printed. */
  probability: number;
  /** The probability exactly as printed, e.g. "0.00117058" or "2.38155e-06". */
  probabilityText: string;
}

export interface ScramResult extends ScramReport {
  /** Wall-clock seconds of the whole scram process. */
  seconds: number;
}

interface ScramReferenceBase {
  /** File base name of the model, e.g. "chinese" or "CEA9601". */
  tree: string;
  source: 'aralia' | 'scram-input';
  /** The fault-tree file, relative to the repository root (bench/aralia/ or bench/scram-input/). */
  path: string;
  /** Every file given to scram (the fault tree, then any basic-event file). */
  paths: string[];
  limitOrder: number;
  /**
   * "bdd" (the default; absent in older entries): counts and exact probability. "zbdd": counts only, the
   * fallback reference for a coherent tree whose BDD SCRAM does not finish.
   */
  method?: 'bdd' | 'zbdd';
  /** The command run from the repository root; report.xml stood for a temporary file. */
  command: string;
  scramVersion: string;
  /** False when the model has NOT/XOR/NAND/NOR gates: products then drop complemented events. */
  coherent: boolean;
}

export interface ScramReferenceOk
  extends ScramReferenceBase, Omit<ScramReport, 'probability' | 'probabilityText'> {
  status: 'ok';
  /** Null for a "zbdd" entry, which computes no probability. */
  probability: number | null;
  probabilityText: string | null;
  seconds: number;
  /** Peak resident memory of scram, in MiB, when it was measured. */
  maxRssMiB: number | null;
}

export interface ScramReferenceUnfinished extends ScramReferenceBase {
  status: 'timeout' | 'failed' | 'skipped';
  /** Seconds until the run was stopped or failed; null when it was not run. */
  seconds: number | null;
  /** Why there is no result: the time limit, or the first line of scram's stderr. */
  error: string;
}

export type ScramReference = ScramReferenceOk | ScramReferenceUnfinished;

let available: boolean | undefined;

/** Whether the `scram` binary is on the PATH and runs. */
export function scramAvailable(): boolean {
  available ??= spawnSync('scram', ['--version'], { encoding: 'utf8', timeout: 10_000 }).status === 0;
  return available;
}

/** The note a live SCRAM test is skipped with where scram does not run (shown by `vitest --reporter=verbose`). */
export const SCRAM_MISSING =
  'not run live: scram is not on the PATH (apt-get install -y scram; CI installs it)';

/** Skips the calling test, saying why, where scram does not run: use in beforeEach or at the top of a test. */
export function skipWithoutScram(context: TestContext): void {
  context.skip(!scramAvailable(), SCRAM_MISSING);
}

function integer(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new Error(`SCRAM report: bad ${what} "${text}"`);
  return Number(text);
}

/**
 * Extracts the `<sum-of-products>` figures of one gate from a SCRAM report (the first one when topGate is not
 * given). An empty result (no products up to the limit) has no distribution attribute: it becomes [].
 */
export function parseScramReport(xml: string, topGate?: string): ScramReport {
  const tags = xml.match(/<sum-of-products\b[^>]*>/g) ?? [];
  const tag = tags.find((candidate) => topGate === undefined || attribute(candidate, 'name') === topGate);
  if (tag === undefined) {
    throw new Error(`SCRAM report: no <sum-of-products>${topGate === undefined ? '' : ` for ${topGate}`}`);
  }
  const probabilityText = attribute(tag, 'probability');
  const probability = Number(probabilityText);
  if (probabilityText === undefined || probabilityText.trim() === '' || !Number.isFinite(probability)) {
    throw new Error(`SCRAM report: bad probability "${probabilityText}" (was --probability true given?)`);
  }
  const distributionText = (attribute(tag, 'distribution') ?? '').trim();
  const distribution =
    distributionText === ''
      ? []
      : distributionText.split(/\s+/).map((count) => integer(count, 'distribution'));
  const products = integer(attribute(tag, 'products'), 'products');
  if (distribution.reduce((sum, count) => sum + count, 0) !== products) {
    throw new Error(`SCRAM report: distribution "${distributionText}" does not add up to ${products}`);
  }
  return { topGate: attribute(tag, 'name') ?? '', products, distribution, probability, probabilityText };
}

/**
 * The absolute error a value printed by SCRAM may carry: half a unit of its 6th significant digit (SCRAM
 * writes doubles with the C++ stream default, 6 significant digits, trailing zeros dropped).
 */
export function scramTolerance(printed: number): number {
  if (printed === 0 || !Number.isFinite(printed)) return 0;
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(printed))) - 5);
}

/**
 * Runs `scram <files> --bdd --probability true -l <limitOrder> --no-indent -o <tmp report>` and reads the
 * top gate's figures. Relative paths are resolved against the repository root. Throws when scram fails or
 * takes longer than timeoutSeconds (default 120).
 */
export function runScram(
  file: string | readonly string[],
  options: { limitOrder: number; timeoutSeconds?: number; topGate?: string },
): ScramResult {
  const files = (typeof file === 'string' ? [file] : [...file]).map((f) => path.resolve(repoRoot, f));
  const work = mkdtempSync(path.join(tmpdir(), 'lockout-scram-'));
  const report = path.join(work, 'report.xml');
  const args = [...scramArguments(files, options.limitOrder), report];
  const timeoutSeconds = options.timeoutSeconds ?? 120;
  try {
    const started = performance.now();
    const result = spawnSync('scram', args, {
      encoding: 'utf8',
      timeout: timeoutSeconds * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 1 << 26,
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.error !== undefined) {
      const timedOut = (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      throw new Error(
        timedOut
          ? `scram took longer than ${timeoutSeconds} s`
          : `scram did not run: ${result.error.message}`,
      );
    }
    if (result.status !== 0 || !existsSync(report)) {
      const stderr = result.stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join(' | ');
      throw new Error(`scram failed (status ${result.status}, signal ${result.signal}): ${stderr}`);
    }
    return { ...parseScramReport(reportHead(report, options.topGate), options.topGate), seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function isReference(value: unknown): value is ScramReference {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const common =
    typeof entry['tree'] === 'string' &&
    (entry['source'] === 'aralia' || entry['source'] === 'scram-input') &&
    typeof entry['path'] === 'string' &&
    Array.isArray(entry['paths']) &&
    typeof entry['limitOrder'] === 'number' &&
    typeof entry['command'] === 'string';
  if (!common) return false;
  if (entry['status'] === 'ok') {
    return (
      typeof entry['products'] === 'number' &&
      (typeof entry['probability'] === 'number' ||
        (entry['method'] === 'zbdd' && entry['probability'] === null)) &&
      Array.isArray(entry['distribution']) &&
      typeof entry['seconds'] === 'number'
    );
  }
  return (
    (entry['status'] === 'timeout' || entry['status'] === 'failed' || entry['status'] === 'skipped') &&
    typeof entry['error'] === 'string'
  );
}

let references: ScramReference[] | undefined;

/** The committed SCRAM reference entries, finished or not; filter on status === 'ok' and seconds. */
export function scramReference(): ScramReference[] {
  if (references === undefined) {
    const document: unknown = JSON.parse(readFileSync(referenceFile, 'utf8'));
    const entries: unknown =
      typeof document === 'object' && document !== null && 'entries' in document
        ? document.entries
        : undefined;
    if (!Array.isArray(entries)) throw new Error(`${referenceFile}: no entries array`);
    const valid = entries.filter(isReference);
    if (valid.length !== entries.length) {
      const bad = entries.findIndex((entry) => !isReference(entry));
      throw new Error(`${referenceFile}: entry ${bad} is malformed`);
    }
    references = valid;
  }
  return references;
}
