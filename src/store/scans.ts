/**
 * Saving scans with their findings, listing the history, and loading a scan back exactly as it was saved.
 * Values always go through bound parameters; what is written is the copy the credential guard made of the whole
 * scan and every finding, with anything that looks like a credential removed.
 */
import { severities, type Finding, type Severity } from '../checks/check.js';
import type { Inventory } from '../model/inventory.js';
import type { AccountFacts, ScanResult } from '../providers/aws/scan/facts.js';
import { credentialNames, redactCredentials } from './credentials.js';
import { withStoreErrors, type Store } from './database.js';
import { StoreError } from './errors.js';
import type { OutsideScanFacts } from '../providers/outside/scan/facts.js';
import { outsideLabel } from './outside-drift.js';
import {
  isAccountFacts,
  isLocation,
  isOrganizationFacts,
  isOutsideScanFacts,
  isScanStats,
  isStringArray,
} from './scan-shape.js';

export interface SaveOptions {
  /** The Lockout version that ran the scan; the CLI passes its own. */
  toolVersion?: string | undefined;
  /** When the scan was saved; now by default. */
  savedAt?: Date | undefined;
  /** Told, in words for the user, where something that looks like a credential was removed from the stored copy. */
  onRedacted?: ((message: string) => void) | undefined;
  /** The declared inventory the scan was judged against: `diff` judges the earlier scan against the later one. */
  inventory?: Inventory | undefined;
  /** The facts of the scans outside AWS run with it (GitHub, Google Workspace, Entra). */
  outside?: readonly OutsideScanFacts[] | undefined;
}

/** One line of the history. */
export interface ScanSummary {
  id: number;
  startedAt: string;
  finishedAt: string;
  /** The AWS account that scanned; absent for a run outside AWS only (no AWS account, none reached). */
  callerAccountId?: string | undefined;
  organizationId?: string | undefined;
  toolVersion: string;
  /** Accounts whose facts were saved. */
  accounts: number;
  accountsReached: number;
  accountsFailed: number;
  findings: Record<Severity, number>;
  /** The organisations outside AWS scanned with it, e.g. "GitHub organisation acme"; absent when none was. */
  outside?: string[] | undefined;
}

export interface StoredScan {
  id: number;
  toolVersion: string;
  savedAt: string;
  startedAt: string;
  finishedAt: string;
  /** What AWS showed; absent for a run of the organisations outside AWS only. */
  scan?: ScanResult | undefined;
  findings: Finding[];
  /** The declared inventory it was judged against, when one was (and the store is new enough to keep it). */
  inventory?: Inventory | undefined;
  /** The facts of the scans outside AWS run with it, when there were any (and the store kept them). */
  outside?: OutsideScanFacts[] | undefined;
}

/** Saves a scan and its findings in one transaction and returns the new scan's id. */
export function saveScan(
  store: Store,
  scanAsRun: ScanResult,
  findingsAsRun: readonly Finding[],
  options: SaveOptions = {},
): number {
  const { scan, findings, outside } = withoutCredentials(
    scanAsRun,
    findingsAsRun,
    options.outside,
    options.onRedacted,
  );
  // An inventory holds no secret by design (the loader refuses one); the guard runs on it all the same.
  const inventory =
    options.inventory === undefined ? undefined : redactCredentials(options.inventory, 'inventory').value;
  return withStoreErrors(store.path, () =>
    writeScan(store, scan, findings, { ...options, inventory, outside }),
  );
}

/** A run of the organisations outside AWS only: when it ran and their facts, with no AWS data at all. */
export interface OutsideRunRecord {
  startedAt: string;
  finishedAt: string;
  outside: readonly OutsideScanFacts[];
}

/**
 * Saves a run outside AWS only (GitHub, Google Workspace, Entra) with its findings, in the same history as the
 * AWS scans; it has no AWS caller, region, stats or accounts. Returns the new scan's id.
 */
export function saveOutsideScan(
  store: Store,
  run: OutsideRunRecord,
  findingsAsRun: readonly Finding[],
  options: Omit<SaveOptions, 'outside'> = {},
): number {
  if (run.outside.length === 0)
    throw new StoreError('invalid-scan', 'a run outside AWS holds the facts of one organisation at least');
  const { findings, outside } = withoutCredentials(undefined, findingsAsRun, run.outside, options.onRedacted);
  const inventory =
    options.inventory === undefined ? undefined : redactCredentials(options.inventory, 'inventory').value;
  return withStoreErrors(store.path, () =>
    writeScan(store, run, findings, { ...options, inventory, outside }),
  );
}

function writeScan(
  store: Store,
  scan: ScanResult | Omit<OutsideRunRecord, 'outside'>,
  findings: readonly Finding[],
  options: SaveOptions,
): number {
  const startedMs = Date.parse(scan.startedAt);
  if (Number.isNaN(startedMs))
    throw new StoreError(
      'invalid-scan',
      `the scan's start time is not a date: ${JSON.stringify(scan.startedAt)}`,
    );
  const aws = 'callerAccountId' in scan ? scan : undefined;
  const accountIds = new Set<string>();
  for (const account of aws?.accounts ?? []) {
    if (accountIds.has(account.accountId))
      throw new StoreError('duplicate-account', `the scan lists account ${account.accountId} twice`);
    accountIds.add(account.accountId);
  }
  const { db } = store;
  const insertScan = db.prepare(`
    INSERT INTO scans (started_at, finished_at, started_ms, caller_account_id, region, organization_id,
                       organization, stats, tool_version, saved_at, inventory, outside)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAccount = db.prepare(`
    INSERT INTO account_facts (scan_id, position, account_id, name, organization_role, state, reached, facts)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFinding = db.prepare(`
    INSERT INTO findings (scan_id, position, check_id, severity, title, account_id, account_name, message,
                          factors, why, fix, docs, location)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  return db
    .transaction((): number => {
      const { lastInsertRowid } = insertScan.run(
        scan.startedAt,
        scan.finishedAt,
        startedMs,
        aws?.callerAccountId ?? null,
        aws?.region ?? null,
        aws?.organization?.id ?? null,
        aws?.organization === undefined ? null : JSON.stringify(aws.organization),
        aws === undefined ? null : JSON.stringify(aws.stats),
        options.toolVersion ?? 'unknown',
        (options.savedAt ?? new Date()).toISOString(),
        options.inventory === undefined ? null : JSON.stringify(options.inventory),
        options.outside === undefined || options.outside.length === 0
          ? null
          : JSON.stringify(options.outside),
      );
      const scanId = Number(lastInsertRowid);
      (aws?.accounts ?? []).forEach((account, position) => {
        insertAccount.run(
          scanId,
          position,
          account.accountId,
          account.name ?? null,
          account.organizationRole,
          account.state ?? null,
          account.reached.status === 'seen' ? 1 : 0,
          JSON.stringify(account),
        );
      });
      findings.forEach((finding, position) => {
        insertFinding.run(
          scanId,
          position,
          finding.checkId,
          finding.severity,
          finding.title,
          finding.accountId ?? null,
          finding.accountName ?? null,
          finding.message,
          JSON.stringify(finding.factors),
          finding.why,
          finding.fix,
          finding.docs,
          finding.location === undefined ? null : JSON.stringify(finding.location),
        );
      });
      return scanId;
    })
    .immediate();
}

/**
 * The scan and findings to store: a copy with every credential-shaped value replaced by `[kind removed]`. The
 * scan itself is not thrown away (its report is printed as it is); the owner is told where, never what. The
 * value may come from AWS (an account's name, an error message) or from a label in the inventory, so the
 * message says where to look rather than whom to blame.
 */
function withoutCredentials<Scan extends ScanResult | undefined>(
  scan: Scan,
  findings: readonly Finding[],
  outside: readonly OutsideScanFacts[] | undefined,
  onRedacted: ((message: string) => void) | undefined,
): { scan: Scan; findings: readonly Finding[]; outside: readonly OutsideScanFacts[] | undefined } {
  const cleanScan = redactCredentials(scan, 'scan');
  const cleanFindings = redactCredentials(findings, 'findings');
  // A provider's error message could carry what the caller sent (GitHub's, a token): the guard reads it too.
  const cleanOutside = redactCredentials(outside, 'outside');
  const matches = [...cleanScan.matches, ...cleanFindings.matches, ...cleanOutside.matches];
  if (matches.length === 0) return { scan, findings, outside };
  const shown = matches.slice(0, 5).map(({ kind, path }) => `${credentialNames[kind]} at ${path}`);
  if (matches.length > shown.length) shown.push(`and ${matches.length - shown.length} more`);
  onRedacted?.(
    `the scan holds what looks like a credential (${shown.join('; ')}); the saved copy has it removed. ` +
      'Remove it where it comes from: the AWS account (its name, contacts) or the label in your inventory.',
  );
  return { scan: cleanScan.value, findings: cleanFindings.value, outside: cleanOutside.value };
}

export interface ListOptions {
  /** At most this many scans (20 by default). */
  limit?: number | undefined;
  /**
   * Told about each scan whose row no longer reads (edited by hand, written by a broken tool): the scan is left
   * out and the others are listed.
   */
  onUnreadable?: ((problem: StoreError) => void) | undefined;
  /** Only the scans that saw at least one of these accounts (an inventory's): absent, every scan. */
  accounts?: readonly string[] | undefined;
}

/** The most recent scans first (by start time, then by id), at most `limit` of them. */
export function listScans(
  store: Store,
  { limit = 20, onUnreadable, accounts }: ListOptions = {},
): ScanSummary[] {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer: ${limit}`);
  return withStoreErrors(store.path, () => readSummaries(store, limit, onUnreadable, accounts));
}

/** The newest `limit` scans (of these accounts, when given), as SQL over a JSON list of account ids. */
const chosenScans = `
  SELECT s.id FROM scans s
  WHERE @accounts IS NULL OR EXISTS (
    SELECT 1 FROM account_facts a WHERE a.scan_id = s.id AND a.account_id IN (SELECT value FROM json_each(@accounts))
  )
  ORDER BY s.started_ms DESC, s.id DESC
  LIMIT @limit`;

function readSummaries(
  store: Store,
  limit: number,
  onUnreadable: ListOptions['onUnreadable'],
  accounts: readonly string[] | undefined,
): ScanSummary[] {
  const chosen = accounts === undefined ? null : JSON.stringify(accounts);
  const rows = store.db
    .prepare(
      `SELECT s.id, s.started_at, s.finished_at, s.caller_account_id, s.organization_id, s.tool_version,
              -- json_extract on a value that is no longer JSON would fail the whole listing, not one row.
              CASE WHEN json_valid(s.stats) THEN json_extract(s.stats, '$.accountsReached') END AS accounts_reached,
              CASE WHEN json_valid(s.stats) THEN json_extract(s.stats, '$.accountsFailed') END AS accounts_failed,
              (SELECT count(*) FROM account_facts a WHERE a.scan_id = s.id) AS accounts,
              s.outside
       FROM scans s
       WHERE s.id IN (${chosenScans})
       ORDER BY s.started_ms DESC, s.id DESC`,
    )
    .all({ accounts: chosen, limit });
  const summaries: ScanSummary[] = [];
  for (const row of rows) {
    try {
      summaries.push(readSummary(row));
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      onUnreadable?.(unreadable(rowId(row), error.message));
    }
  }
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const counts = store.db
    .prepare(
      `SELECT scan_id, severity, count(*) AS n FROM findings
       WHERE scan_id IN (${chosenScans})
       GROUP BY scan_id, severity`,
    )
    .all({ accounts: chosen, limit });
  for (const row of counts) {
    const summary = byId.get(integer(row, 'scan_id'));
    const known = severities.find((candidate) => candidate === column(row, 'severity'));
    // A finding of a severity Lockout does not know was not saved by Lockout: it is not counted.
    if (summary !== undefined && known !== undefined) summary.findings[known] = integer(row, 'n');
  }
  return summaries;
}

function readSummary(row: unknown): ScanSummary {
  const organizationId = optionalText(row, 'organization_id');
  const callerAccountId = optionalText(row, 'caller_account_id');
  const outside = readOutside(row);
  // A run outside AWS only reached no AWS account, and has no stats to say so.
  const aws = callerAccountId !== undefined;
  return {
    id: integer(row, 'id'),
    startedAt: text(row, 'started_at'),
    finishedAt: text(row, 'finished_at'),
    ...(aws ? { callerAccountId } : {}),
    ...(organizationId === undefined ? {} : { organizationId }),
    toolVersion: text(row, 'tool_version'),
    accounts: integer(row, 'accounts'),
    accountsReached: aws ? integer(row, 'accounts_reached', 'column stats') : 0,
    accountsFailed: aws ? integer(row, 'accounts_failed', 'column stats') : 0,
    findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    ...(outside.length === 0 ? {} : { outside: outside.map(outsideLabel) }),
  };
}

/** The outside facts of a scan row: none for a scan without them (or saved before they were kept). */
function readOutside(row: unknown): OutsideScanFacts[] {
  const outside = optionalJson(row, 'outside');
  if (outside === undefined) return [];
  if (!Array.isArray(outside) || !outside.every(isOutsideScanFacts)) throw new RowProblem('column outside');
  return outside;
}

/** The scan id of a row, for a warning about it (the id is the table's primary key, always an integer). */
function rowId(row: unknown): number {
  const id = column(row, 'id');
  return typeof id === 'number' ? id : Number.NaN;
}

/** The scan saved under `id`, with its findings, as they were saved. */
export function loadScan(store: Store, id: number): StoredScan {
  return withStoreErrors(store.path, () => {
    try {
      return readScan(store, id);
    } catch (error) {
      if (error instanceof RowProblem) throw unreadable(id, error.message);
      throw error;
    }
  });
}

function readScan(store: Store, id: number): StoredScan {
  const { db } = store;
  const row = db
    .prepare(
      `SELECT id, started_at, finished_at, caller_account_id, region, organization, stats, tool_version, saved_at,
              inventory, outside
       FROM scans WHERE id = ?`,
    )
    .get(id);
  if (row === undefined)
    throw new StoreError(
      'scan-not-found',
      `no scan with id ${id}`,
      '`lockout history` lists the saved scans.',
    );

  const organization = optionalJson(row, 'organization');
  if (organization !== undefined && !isOrganizationFacts(organization)) throw unreadable(id, 'organization');
  const callerAccountId = optionalText(row, 'caller_account_id');
  const stats = callerAccountId === undefined ? undefined : json(row, 'stats');
  if (callerAccountId !== undefined && !isScanStats(stats)) throw unreadable(id, 'stats');

  const accounts = db
    .prepare('SELECT account_id, facts FROM account_facts WHERE scan_id = ? ORDER BY position')
    .all(id)
    .map((accountRow): AccountFacts => {
      const facts = json(accountRow, 'facts');
      if (!isAccountFacts(facts))
        throw unreadable(id, `the facts of account ${text(accountRow, 'account_id')}`);
      return facts;
    });

  const findings = db
    .prepare(
      `SELECT check_id, severity, title, account_id, account_name, message, factors, why, fix, docs, location
       FROM findings WHERE scan_id = ? ORDER BY position`,
    )
    .all(id)
    .map((findingRow) => readFinding(id, findingRow));

  const startedAt = text(row, 'started_at');
  const finishedAt = text(row, 'finished_at');
  const scan: ScanResult | undefined =
    callerAccountId === undefined || !isScanStats(stats)
      ? undefined
      : {
          startedAt,
          finishedAt,
          callerAccountId,
          region: text(row, 'region'),
          ...(organization === undefined ? {} : { organization }),
          accounts,
          stats,
        };
  const inventory = optionalJson(row, 'inventory');
  if (inventory !== undefined && !isInventoryShape(inventory)) throw unreadable(id, 'inventory');
  const outside = readOutside(row);
  return {
    id,
    toolVersion: text(row, 'tool_version'),
    savedAt: text(row, 'saved_at'),
    startedAt,
    finishedAt,
    ...(scan === undefined ? {} : { scan }),
    findings,
    ...(inventory === undefined ? {} : { inventory }),
    ...(outside.length === 0 ? {} : { outside }),
  };
}

/** What this code wrote as an inventory: an object with a list of accounts (it was validated when loaded). */
function isInventoryShape(value: unknown): value is Inventory {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { accounts?: unknown }).accounts)
  );
}

/**
 * The `count` most recent scans, newest first: `latestScans(store, 2)` gives what `lockout diff` compares. One
 * of them that no longer reads is an error: comparing the next one instead would not be what was asked.
 */
export function latestScans(store: Store, count: number, accounts?: readonly string[]): StoredScan[] {
  const refuse = (problem: StoreError): never => {
    throw problem;
  };
  return listScans(store, { limit: count, onUnreadable: refuse, accounts }).map(({ id }) =>
    loadScan(store, id),
  );
}

function readFinding(scanId: number, row: unknown): Finding {
  const factors = json(row, 'factors');
  if (!isStringArray(factors)) throw unreadable(scanId, 'the factors of a finding');
  const location = optionalJson(row, 'location');
  if (location !== undefined && !isLocation(location)) throw unreadable(scanId, 'the location of a finding');
  const accountId = optionalText(row, 'account_id');
  const accountName = optionalText(row, 'account_name');
  return {
    checkId: text(row, 'check_id'),
    severity: severity(row, 'severity'),
    title: text(row, 'title'),
    ...(accountId === undefined ? {} : { accountId }),
    ...(accountName === undefined ? {} : { accountName }),
    message: text(row, 'message'),
    factors,
    why: text(row, 'why'),
    fix: text(row, 'fix'),
    docs: text(row, 'docs'),
    ...(location === undefined ? {} : { location }),
  };
}

function unreadable(scanId: number, what: string): StoreError {
  return new StoreError(
    'unreadable-row',
    `scan ${scanId}: ${what} no longer reads as Lockout saved it`,
    'The database may have been edited by hand; the other scans are unaffected.',
  );
}

// Rows come back from SQLite untyped; these read one column each. A value that is not what Lockout saved is a
// RowProblem: the scan it belongs to no longer reads, the others do.

/** What in a row does not read; `message` names it (`column started_at`). */
class RowProblem extends Error {
  override readonly name = 'RowProblem';
}

function column(row: unknown, name: string): unknown {
  if (typeof row !== 'object' || row === null || !(name in row)) throw new RowProblem(`column ${name}`);
  return (row as Record<string, unknown>)[name];
}

function text(row: unknown, name: string): string {
  const value = column(row, name);
  if (typeof value !== 'string') throw new RowProblem(`column ${name}`);
  return value;
}

function optionalText(row: unknown, name: string): string | undefined {
  const value = column(row, name);
  return value === null ? undefined : text(row, name);
}

function integer(row: unknown, name: string, what = `column ${name}`): number {
  const value = column(row, name);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RowProblem(what);
  return value;
}

function severity(row: unknown, name: string): Severity {
  const value = text(row, name);
  const known = severities.find((candidate) => candidate === value);
  if (known === undefined) throw new RowProblem(`column ${name}`);
  return known;
}

function json(row: unknown, name: string): unknown {
  const value = text(row, name);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new RowProblem(`column ${name}`);
  }
}

function optionalJson(row: unknown, name: string): unknown {
  return column(row, name) === null ? undefined : json(row, name);
}
