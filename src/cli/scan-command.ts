/**
 * `lockout scan`: read what AWS knows (one account, or with --org every member of the Organization),
 * reconcile it with the owner's inventory, analyse, report, and remember the scan. Loaded on demand by the
 * CLI, so that `lockout --help` never pays for the AWS SDK.
 */

import { severityRank, type Finding, type Severity } from '../checks/check.js';
import { checks } from '../checks/index.js';
import { loadInventory } from '../inventory/index.js';
import type { InventorySource } from '../inventory/source.js';
import type { Day, Inventory } from '../model/inventory.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import { organizationLockoutSets } from '../providers/aws/organization-lockout.js';
import type { Responder } from '../providers/aws/scan/clients.js';
import type { ScanResult } from '../providers/aws/scan/facts.js';
import { hostedZonesSeen, matchAccounts, type Reconciled } from '../providers/aws/scan/reconcile.js';
import { scanAws } from '../providers/aws/scan/scan.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { judgeScan } from '../check.js';
import { formatChunks, formatDrawsGraph, type FormatName } from '../report/formats.js';
import { EXIT_FINDINGS, EXIT_OK } from './errors.js';
import { inventoryProblems, today } from './inventory-input.js';
import { version } from './version.js';
import type { OutsideScanFacts } from '../providers/outside/scan/facts.js';
import { unknownFacts as unknownFactsOf } from '../providers/outside/scan/reconcile.js';
import {
  checkOutsideTargets,
  scanOutside,
  type OutsideCredentials,
  type OutsideTargets,
} from './scan-outside.js';

/** How to reach AWS, as `lockout scan` and `lockout init` take it: the usual credential conventions. */
export interface AwsAccessOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  org: boolean;
  roleName: string;
  externalId?: string;
  concurrency: number;
  maxAttempts?: number;
}

export interface ScanCommandOptions extends AwsAccessOptions {
  inventory?: string;
  /** Most time for the whole scan, in ms (--timeout, given in seconds). */
  timeout?: number;
  /** Most time for one API call, in ms (--call-timeout, given in seconds). */
  callTimeout?: number;
  deadline?: string;
  format: FormatName;
  failOn: Severity | 'none';
  color: boolean;
  /** JSON without layout (a file or a pipe), as `lockout check` writes it; indented otherwise. */
  compact?: boolean | undefined;
  progress: boolean;
  /** Save the scan in the store (default); `false` with --no-store, a path with --store. */
  store: boolean | string;
  /** For tests: answers for APIs the endpoint lacks. */
  responder?: Responder;
  /** Where progress goes (stderr). */
  progressOut?: (text: string) => void;
  /** The organisations outside AWS scanned in the same run (GitHub, Google Workspace, Entra). */
  outside?: OutsideRequest | undefined;
}

/** The scans outside AWS that one run adds to the AWS scan, with their tokens' sources. */
export interface OutsideRequest {
  targets: OutsideTargets;
  /** Where GITHUB_TOKEN is read; process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
  /** For tests: credentials that reach no token service. */
  credentials?: OutsideCredentials | undefined;
}

export interface ScanOutcome {
  /** The report whole; `pieces` gives it in pieces to write one after the other (a large Organization's JSON). */
  readonly output: string;
  readonly pieces: Iterable<string>;
  exitCode: number;
  report: CheckReport;
  scan: ScanResult;
}

export async function runScan(options: ScanCommandOptions): Promise<ScanOutcome> {
  let declared: { inventory: Inventory; source: InventorySource } | undefined;
  if (options.inventory) {
    const loaded = await loadInventory(options.inventory);
    if (!loaded.ok) throw inventoryProblems(loaded.errors);
    declared = loaded;
  }
  // The outside options are checked before AWS is called: a mistake there would lose the whole scan.
  if (options.outside) checkOutsideTargets(options.outside.targets);
  // A file that is not Lockout's is refused before the scan, not after half an hour; the store itself is
  // created only when there is a scan to save.
  const { checkStorePath } = await import('../store/index.js');
  if (options.store !== false) checkStorePath(typeof options.store === 'string' ? options.store : undefined);
  return scanAndReport(options, declared);
}

/** How `lockout scan`'s pipeline reaches AWS and judges what it reads; `lockout watch` scans with it too. */
export interface ScanPipelineOptions extends AwsAccessOptions {
  /** The inventory file as the user named it, for the report (absent: a live scan without one). */
  inventory?: string | undefined;
  timeout?: number | undefined;
  callTimeout?: number | undefined;
  deadline?: string | undefined;
  /** Draw the recovery graph of each account detailed into the report (the formats that show it). */
  graph?: boolean | undefined;
  progress: boolean;
  responder?: Responder | undefined;
  progressOut?: ((text: string) => void) | undefined;
  outside?: OutsideRequest | undefined;
}

/** What one scan yields: the facts read, the inventory they reconcile into, its analysis, findings and report. */
export interface ScanPipelineResult {
  scan: ScanResult;
  /** The facts of the scans outside AWS, merged into the same inventory (none without outside options). */
  outside: OutsideScanFacts[];
  reconciled: Reconciled;
  analysis: RecoveryAnalysis;
  findings: Finding[];
  report: CheckReport;
}

/**
 * Scans AWS (one account, or the Organization with --org), reconciles the facts with the declared inventory,
 * analyses and checks it at `asOf`, and builds the report: `lockout scan` and a scan round of `lockout watch`
 * share it. It saves nothing and prints nothing but progress; a scan that cannot start throws a ScanError.
 */
export async function scanAndCheck(
  options: ScanPipelineOptions,
  declared: { inventory: Inventory; source: InventorySource } | undefined,
  asOf: Day = today(),
): Promise<ScanPipelineResult> {
  // Lockout supports the Node.js it runs on; the SDK's notice about its own future support is not the user's
  // finding.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const progress = options.progress
    ? progressLine(options.progressOut ?? ((text) => process.stderr.write(text)))
    : undefined;
  const scan = await scanAws({
    region,
    endpoint: options.endpointUrl,
    profile: options.profile,
    org: options.org,
    roleName: options.roleName,
    externalId: options.externalId,
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
    timeoutMs: options.timeout,
    callTimeoutMs: options.callTimeout,
    responder: options.responder,
    onProgress: progress?.update,
  });
  progress?.finish();
  const outside = options.outside
    ? await scanOutside(options.outside.targets, options.outside.env, options.outside.credentials)
    : [];

  const { reconciled, analysis, findings } = judgeScan(scan, declared, asOf, outside);
  const unknownFacts =
    scan.accounts.reduce(
      (sum, account) => sum + Object.values(account).filter((value) => isUnknownFact(value)).length,
      0,
    ) + outside.reduce((sum, facts) => sum + unknownFactsOf(facts).length, 0);
  const report = buildCheckReport({
    inventoryFile: options.inventory ?? '(live scan, no inventory)',
    analysis,
    findings,
    deadline: options.deadline,
    version,
    graph: options.graph ?? false,
    // Without positions: the reconciled inventory adds the accounts seen to the file's.
    inventory: reconciled.inventory,
    scan: {
      callerAccountId: scan.callerAccountId,
      organizationId: scan.organization?.id,
      region: scan.region,
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      accounts: scan.accounts.length,
      reached: scan.stats.accountsReached,
      failed: scan.stats.accountsFailed,
      apiCalls: scan.stats.apiCalls,
      retries: scan.stats.retries,
      unknownFacts,
      provenance: reconciled.provenance,
      contradictions: reconciled.contradictions,
      hostedZones: hostedZonesSeen(scan),
      accountsMatch: declared ? matchAccounts(declared.inventory, scan) : undefined,
    },
    organizationSets: scan.organization ? organizationLockoutSets(analysis) : undefined,
  });
  return { scan, outside, reconciled, analysis, findings, report };
}

async function scanAndReport(
  options: ScanCommandOptions,
  declared: { inventory: Inventory; source: InventorySource } | undefined,
): Promise<ScanOutcome> {
  const { scan, outside, findings, report } = await scanAndCheck(
    { ...options, graph: formatDrawsGraph(options.format) },
    declared,
  );
  if (options.store !== false) {
    // Remember the scan for history and drift; anything that looks like a credential is removed from the saved copy.
    const { openStore, saveScan } = await import('../store/index.js');
    const store = openStore(typeof options.store === 'string' ? options.store : undefined);
    try {
      saveScan(store, scan, findings, {
        toolVersion: version,
        inventory: declared?.inventory,
        outside,
        onRedacted: (message) => {
          (options.progressOut ?? ((text) => process.stderr.write(text)))(`lockout: warning: ${message}\n`);
        },
      });
    } finally {
      store.close();
    }
  }
  const pieces: Iterable<string> = {
    [Symbol.iterator]: () =>
      formatChunks(options.format, report, checks, {
        color: options.color,
        compact: options.compact,
        sourceRoot: process.cwd(),
      }),
  };
  const failOn = options.failOn;
  const failing =
    failOn !== 'none' && findings.some((finding) => severityRank(finding.severity) <= severityRank(failOn));
  return {
    get output() {
      return [...pieces].join('');
    },
    pieces,
    exitCode: failing ? EXIT_FINDINGS : EXIT_OK,
    report,
    scan,
  };
}

function isUnknownFact(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'unknown';
}

/** "accounts 12/50, 1 failed" redrawn in place on a terminal, one line per tenth elsewhere. */
function progressLine(write: (text: string) => void): {
  update: (progress: { done: number; failed: number; total: number }) => void;
  finish: () => void;
} {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  let drawn = false;
  return {
    update({ done, failed, total }) {
      if (total === 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const text = `scanning [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] accounts ${done}/${total}, ${failed} failed`;
      if (tty) {
        write(`\r${text}`);
        drawn = true;
      } else {
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          write(`${text}\n`);
        }
      }
    },
    finish() {
      if (drawn) write('\n');
    },
  };
}
