/**
 * `lockout scan --github-org ORG --google-workspace --entra`: the read-only scanners of the organisations
 * outside AWS, their facts compared with the inventory, printed as text or JSON. Given only these options no
 * AWS call is made. Tokens come from the environment (GITHUB_TOKEN; Google's Application Default
 * Credentials; Azure's DefaultAzureCredential) and are never stored or printed. Loaded on demand.
 */

import { severityRank, type Finding, type Severity } from '../checks/check.js';
import { loadInventory } from '../inventory/index.js';
import type { InventorySource } from '../inventory/source.js';
import type { Inventory } from '../model/inventory.js';
import type { Provenance, Reconciled } from '../providers/aws/scan/reconcile.js';
import type {
  GoogleWorkspaceScanOptions,
  ServiceAccountKey,
} from '../providers/google-workspace/scan/scan.js';
import type { OutsideScanFacts } from '../providers/outside/scan/facts.js';
import { reconcileOutside, unknownFacts, type OutsideFinding } from '../providers/outside/scan/reconcile.js';
import type { FormatName } from '../report/formats.js';
import { jsonChunks } from '../report/json-chunks.js';
import { safeJson } from '../report/safe-text.js';
import type { Day } from '../model/inventory.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import { checkStorePath, openStore, saveOutsideScan, type Store } from '../store/index.js';
import { EXIT_FINDINGS, EXIT_OK, UserError } from './errors.js';
import { inventoryProblems, today } from './inventory-input.js';
import { version } from './version.js';

export interface OutsideScanOptions {
  githubOrg?: string | undefined;
  googleWorkspace?: boolean | undefined;
  /** The admin a service account acts as, with domain-wide delegation (--google-subject). */
  googleSubject?: string | undefined;
  entra?: boolean | undefined;
  githubApiUrl?: string | undefined;
  googleApiUrl?: string | undefined;
  graphApiUrl?: string | undefined;
  inventory?: string | undefined;
  format: FormatName;
  failOn: Severity | 'none';
  /** JSON without layout (a file or a pipe), as `lockout check` writes it; indented otherwise. */
  compact?: boolean | undefined;
  /**
   * Save the run in the store for history and drift: `true` the default store, a path that one; absent or
   * `false` (--no-store) saves nothing. The CLI passes `true` unless told otherwise.
   */
  store?: boolean | string | undefined;
  /** Where a warning goes (stderr): a credential-shaped value removed from the saved copy. */
  warn?: ((message: string) => void) | undefined;
}

/** For tests: credentials that reach no token service. */
export interface OutsideCredentials {
  googleAuth?: GoogleWorkspaceScanOptions['auth'];
  /** A service account key given in-process (tests), instead of Application Default Credentials. */
  googleServiceAccount?: ServiceAccountKey | undefined;
  graphToken?: () => Promise<string>;
}

export interface OutsideScanReport {
  scans: OutsideScanFacts[];
  /** The comparison with the declared inventory: undeclared or unseen admins, contradictions, unknown facts. */
  findings: OutsideFinding[];
  /** The checks' findings on the inventory the facts seen make (the seen facts replacing the declared ones). */
  checks: Finding[];
  /** Where each merged fact came from: seen (with its call), attested, or unknown. */
  provenance: Provenance[];
  /** The inventory the checks judged: the declared one with the facts seen merged in. */
  inventory: Inventory;
}

export async function runOutsideScan(
  options: OutsideScanOptions,
  env: NodeJS.ProcessEnv = process.env,
  credentials: OutsideCredentials = {},
): Promise<{ output: string; exitCode: number; report: OutsideScanReport }> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UserError(
      `--format ${options.format} is not available for a scan outside AWS yet`,
      'use --format text or --format json',
    );
  }
  let declared: { inventory: Inventory; source: InventorySource } | undefined;
  if (options.inventory) {
    const loaded = await loadInventory(options.inventory);
    if (!loaded.ok) throw inventoryProblems(loaded.errors);
    declared = loaded;
  }
  // A file that is not Lockout's is refused before anything is called, as for an AWS scan.
  if (options.store) checkStorePath(typeof options.store === 'string' ? options.store : undefined);

  const run = await scanAndJudgeOutside(options, declared, today(), env, credentials);
  const scans = run.scans;

  // The fields compared are a subset of every outside account's; see reconcile.ts.
  const findings = reconcileOutside(
    scans,
    declared?.inventory.outsideAccounts ?? (declared ? [] : undefined),
  );
  if (options.store) {
    const store = openStore(typeof options.store === 'string' ? options.store : undefined);
    try {
      saveOutsideRun(store, run, declared?.inventory, options.warn);
    } finally {
      store.close();
    }
  }
  const report: OutsideScanReport = {
    scans,
    findings,
    checks: run.findings,
    provenance: run.reconciled.provenance,
    inventory: run.reconciled.inventory,
  };
  const output =
    options.format === 'json'
      ? // The same writer as `lockout check --format json`: compact for a file or a pipe, indented otherwise.
        safeJson(`${[...jsonChunks(report, options.compact === true)].join('')}\n`)
      : renderText(report);
  const failOn = options.failOn;
  const failing =
    failOn !== 'none' &&
    [...findings.filter((finding) => finding.kind !== 'unknown'), ...run.findings].some(
      (finding) => severityRank(finding.severity) <= severityRank(failOn),
    );
  return { output, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, report };
}

/** One scan of the organisations outside AWS: their facts (as JSON holds them), when it ran, and its judgement. */
export interface OutsideRun {
  scans: OutsideScanFacts[];
  startedAt: string;
  finishedAt: string;
  /** The declared inventory (or an empty one) with the facts seen merged in, its provenance and contradictions. */
  reconciled: Reconciled;
  analysis: RecoveryAnalysis;
  /** The checks' findings on that inventory. */
  findings: Finding[];
}

/**
 * Scans the organisations outside AWS and judges the inventory their facts make at `asOf`, without any AWS
 * call: `lockout scan` with outside options only, and a watch round that scans them alone.
 */
export async function scanAndJudgeOutside(
  targets: OutsideTargets,
  declared: { inventory: Inventory; source: InventorySource } | undefined,
  asOf: Day,
  env: NodeJS.ProcessEnv = process.env,
  credentials: OutsideCredentials = {},
): Promise<OutsideRun> {
  const startedAt = new Date().toISOString();
  const scans = (await scanOutside(targets, env, credentials)).map(plainScan);
  const finishedAt = new Date().toISOString();
  // The facts seen replace the declared ones, and the checks judge the inventory they make.
  const { judgeOutsideScans } = await import('../check.js');
  return { scans, startedAt, finishedAt, ...judgeOutsideScans(scans, declared, asOf) };
}

/**
 * Saves a run outside AWS in an open store, as an AWS scan is saved: its facts and findings, no AWS data, for
 * `lockout history` and `lockout diff`. `lockout scan` and watch rounds outside AWS both save with it.
 */
export function saveOutsideRun(
  store: Store,
  run: OutsideRun,
  inventory: Inventory | undefined,
  warn: ((message: string) => void) | undefined,
): void {
  const record = { startedAt: run.startedAt, finishedAt: run.finishedAt, outside: run.scans };
  saveOutsideScan(store, record, run.findings, { toolVersion: version, inventory, onRedacted: warn });
}

/** Which organisations outside AWS to scan, and where their APIs are (tests point them at 127.0.0.1). */
export type OutsideTargets = Pick<
  OutsideScanOptions,
  | 'githubOrg'
  | 'googleWorkspace'
  | 'googleSubject'
  | 'entra'
  | 'githubApiUrl'
  | 'googleApiUrl'
  | 'graphApiUrl'
>;

/** Refuses an API URL that is not one, before anything is called (exit 2, the option named). */
export function checkOutsideTargets(options: OutsideTargets): void {
  for (const [option, value] of [
    ['--github-api-url', options.githubApiUrl],
    ['--google-api-url', options.googleApiUrl],
    ['--graph-api-url', options.graphApiUrl],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^/]/.test(value)) {
      throw new UserError(`${option}: "${value}" is not an http(s) URL`, 'e.g. http://127.0.0.1:8080');
    }
  }
  const subject = options.googleSubject;
  if (subject !== undefined) {
    if (!options.googleWorkspace)
      throw new UserError('--google-subject is for --google-workspace', 'add --google-workspace');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(subject))
      throw new UserError(
        `--google-subject: "${subject}" is not an e-mail address`,
        'the primary e-mail of the super admin the service account acts as, e.g. admin@example.com',
      );
  }
}

/**
 * Runs the scanners the options ask for, one after the other, and returns their facts: `lockout scan` alone
 * outside AWS, or after the AWS scan in one run. Tokens come from `env` and the credentials, never stored.
 */
export async function scanOutside(
  options: OutsideTargets,
  env: NodeJS.ProcessEnv = process.env,
  credentials: OutsideCredentials = {},
): Promise<OutsideScanFacts[]> {
  checkOutsideTargets(options);
  const scans: OutsideScanFacts[] = [];
  if (options.githubOrg) {
    const { scanGitHubOrganization } = await import('../providers/github/scan/scan.js');
    const token = env.GITHUB_TOKEN;
    if (!token) {
      // Anonymous calls would show public members only: nothing is called, and everything is unknown.
      scans.push(await withoutToken(options.githubOrg));
    } else {
      scans.push(
        await scanGitHubOrganization({ org: options.githubOrg, token, baseUrl: options.githubApiUrl }),
      );
    }
  }
  if (options.googleWorkspace) {
    const { scanGoogleWorkspace } = await import('../providers/google-workspace/scan/scan.js');
    scans.push(
      await scanGoogleWorkspace({
        rootUrl: options.googleApiUrl,
        auth: await googleWorkspaceAuth(options, credentials),
      }),
    );
  }
  if (options.entra) {
    const { scanEntra } = await import('../providers/microsoft/scan/scan.js');
    scans.push(await scanEntra({ baseUrl: options.graphApiUrl, token: credentials.graphToken }));
  }

  return scans;
}

/**
 * The Google auth the Workspace scan calls with: the test's client, else Application Default Credentials (or
 * the service account key given in-process) acting as --google-subject.
 */
export async function googleWorkspaceAuth(
  options: Pick<OutsideTargets, 'googleSubject'>,
  credentials: OutsideCredentials,
): Promise<NonNullable<GoogleWorkspaceScanOptions['auth']>> {
  if (credentials.googleAuth) return credentials.googleAuth;
  const { workspaceAuth } = await import('../providers/google-workspace/scan/scan.js');
  return workspaceAuth({ subject: options.googleSubject, credentials: credentials.googleServiceAccount });
}

async function withoutToken(org: string): Promise<OutsideScanFacts> {
  const { githubCalls } = await import('../providers/github/scan/scan.js');
  const { unknown } = await import('../providers/outside/scan/facts.js');
  const message = 'GITHUB_TOKEN is not set: nothing was read';
  return {
    provider: 'github-organization',
    memberProvider: 'github',
    login: org,
    twoStepRequired: unknown(githubCalls.organization, 'access-denied', message),
    admins: unknown(githubCalls.owners, 'access-denied', message),
    calls: [],
  };
}

/** Sets (GitHub's 2FA-disabled list) are not JSON: the report carries arrays. */
function plainScan(scan: OutsideScanFacts): OutsideScanFacts {
  return JSON.parse(
    JSON.stringify(scan, (_key, value: unknown) => (value instanceof Set ? [...value] : value)),
  ) as OutsideScanFacts;
}

const providerTitle: Record<OutsideScanFacts['provider'], string> = {
  'github-organization': 'GitHub organisation',
  'google-workspace': 'Google Workspace',
  'microsoft-entra': 'Microsoft Entra tenant',
};

function renderText(report: OutsideScanReport): string {
  const out: string[] = [];
  // What to do first, before the facts: the most severe of the checks' findings and the facts left unknown
  // (the first of equals, unknown facts first: every check after them judged without them).
  const firsts: { severity: Severity; what: string; fix: string }[] = [
    ...report.findings
      .filter((finding) => finding.kind === 'unknown')
      .map((finding) => ({ severity: finding.severity, what: 'unknown fact', fix: finding.message })),
    ...report.checks.map((finding: Finding) => ({
      severity: finding.severity,
      what: finding.checkId,
      fix: finding.fix,
    })),
  ];
  const worst = firsts.reduce<(typeof firsts)[number] | undefined>(
    (first, next) =>
      first === undefined || severityRank(next.severity) < severityRank(first.severity) ? next : first,
    undefined,
  );
  if (worst) out.push(`Do first (${worst.severity}, ${worst.what}): ${worst.fix}`, '');
  for (const scan of report.scans) {
    out.push(`${providerTitle[scan.provider]} ${scan.login}`);
    if (scan.twoStepRequired) {
      const fact = scan.twoStepRequired;
      out.push(
        `  second step required: ${fact.status === 'seen' ? `${fact.value} (seen, ${fact.action})` : `unknown (${fact.reason})`}`,
      );
    }
    if (scan.admins.status === 'seen') {
      out.push(`  admins seen (${scan.admins.action}): ${scan.admins.value.length}`);
      for (const admin of scan.admins.value) {
        const twoStep = admin.twoStepVerification;
        const types =
          admin.secondFactorTypes?.status === 'seen' ? ` [${admin.secondFactorTypes.value.join(', ')}]` : '';
        out.push(
          `    ${admin.login}: second step ${twoStep.status === 'seen' ? twoStep.value : `unknown (${twoStep.reason})`}${types}${twoStep.status === 'seen' ? ` (seen, ${twoStep.action})` : ''}`,
        );
      }
    }
    for (const fact of unknownFacts(scan)) {
      out.push(
        `  ! ${fact.field} unknown (${fact.reason}): ${fact.message}; ${fact.action} needs ${fact.scope}`,
      );
    }
  }
  const findings = report.findings.filter((finding) => finding.kind !== 'unknown');
  out.push('', findings.length === 0 ? 'No contradiction with the inventory.' : 'Findings:');
  for (const finding of findings) out.push(`  [${finding.severity}] ${finding.message}`);
  if (report.checks.length > 0) {
    out.push('', 'Checks, on the inventory with the facts seen:');
    for (const finding of report.checks)
      out.push(`  [${finding.severity}] ${finding.checkId}: ${finding.message}`);
  }
  out.push('', 'Unknown facts are never counted as safe.');
  return `${out.join('\n')}\n`;
}
