/**
 * The SARIF 2.1.0 report of `lockout check`, for GitHub code scanning and other SARIF viewers: one run whose
 * rules are every check's metadata and whose results are the findings, pointing at the inventory file. A pure
 * function of the report and the checks: the same input gives the same bytes.
 */

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { severityRank, type Check, type CheckMeta, type Finding, type Severity } from '../checks/check.js';
import type { CheckReport, ScanSummary } from './check-report.js';
import { instanceAccounts, memberIds, repeatedInstances } from './wording.js';

export interface SarifOptions {
  /** The tool's home page, written as tool.driver.informationUri when given. */
  informationUri?: string | undefined;
  /**
   * Absolute folder that relative URIs are resolved against (the repository root in CI). Files under it are
   * written relative to %SRCROOT%; an absolute file outside it is written as a file: URI.
   */
  sourceRoot?: string | undefined;
}

/** The SARIF levels a severity maps to: code scanning shows errors and warnings more prominently than notes. */
export const sarifLevels = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
} as const satisfies Record<Severity, SarifLevel>;

/**
 * GitHub's `security-severity` score (0.0–10.0) per severity: above 9.0 reads as critical, 7.0–8.9 high,
 * 4.0–6.9 medium, below 4.0 low.
 */
export const securitySeverities = {
  critical: 9.5,
  high: 8,
  medium: 5.5,
  low: 3,
  info: 1,
} as const satisfies Record<Severity, number>;

/** The base URI id relative inventory paths are written against; code scanning reads it as the checkout. */
export const SOURCE_ROOT = '%SRCROOT%';

/** The name of the partial fingerprint that lets code scanning track a finding across runs. */
export const FINGERPRINT_NAME = 'lockoutFinding/v1';

/**
 * Related locations kept per result. GitHub code scanning accepts at most 25,000 results per run and shows
 * the 5,000 most severe, and at most 1,000 locations per result, showing 100
 * (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit,
 * read 2026-12-04): the rest of a group's accounts are in its properties' accountIds.
 */
export const MAX_RELATED_LOCATIONS = 100;

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

// The subset of SARIF 2.1.0 that Lockout writes (the full model is in schema/sarif-2.1.0.schema.json).
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  properties: {
    inventory: string;
    asOf: string;
    deadline?: string;
    summary: CheckReport['summary'];
    scan?: SarifScanSummary;
  };
}

/** What a live scan did, in counts: the per-fact provenance stays in the JSON report. */
export type SarifScanSummary = Omit<ScanSummary, 'provenance' | 'contradictions'> & {
  contradictions: number;
};

export interface SarifDriver {
  name: 'lockout';
  version: string;
  semanticVersion: string;
  informationUri?: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; severity: Severity; tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  /** For a result that stands for several findings: where the first MAX_RELATED_LOCATIONS of them are. */
  relatedLocations?: (SarifLocation & { id: number })[];
  properties: {
    severity: Severity;
    factors: string[];
    accountId?: string;
    accountName?: string;
    /** For a result that stands for several findings: how many, and every account they are about. */
    findings?: number;
    accountIds?: string[];
    outsideAccountId?: string;
    outsideAccountName?: string;
  };
}

export interface SarifLocation {
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: 'resource' }[];
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region?: { startLine: number; startColumn?: number };
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** The SARIF log as JSON text, two-space indented, ending with a newline. */
export function renderSarif(
  report: CheckReport,
  checks: readonly Check[],
  options: SarifOptions = {},
): string {
  return JSON.stringify(buildSarifLog(report, checks, options), null, 2) + '\n';
}

export function buildSarifLog(
  report: CheckReport,
  checks: readonly Check[],
  options: SarifOptions = {},
): SarifLog {
  const metas = ruleMetas(report, checks);
  const rules = metas.map(rule);
  const ruleIndex = new Map(metas.map((meta, index) => [meta.id, index]));
  const sourceRoot = options.sourceRoot === undefined ? undefined : slashes(options.sourceRoot);
  const inventory = inventoryFile(report);

  // Findings that say the same thing about several accounts are one result, listing them: 41,010 findings
  // of 10,000 accounts would pass code scanning's 25,000 results per run, which shows only 5,000 (see
  // MAX_RELATED_LOCATIONS).
  const members = memberIds(report);
  const results = repeatedInstances([...report.findings].sort(compareFindings)).map(
    (instance): SarifResult => {
      const finding = instance.findings[0]!;
      const single = instance.findings.length === 1;
      const properties: SarifResult['properties'] = {
        severity: finding.severity,
        factors: single
          ? [...finding.factors]
          : [...new Set(instance.findings.flatMap((each) => each.factors))],
      };
      if (single && finding.accountId !== undefined) properties.accountId = finding.accountId;
      if (single && finding.accountName !== undefined) properties.accountName = finding.accountName;
      if (finding.outsideAccountId !== undefined) properties.outsideAccountId = finding.outsideAccountId;
      if (finding.outsideAccountName !== undefined)
        properties.outsideAccountName = finding.outsideAccountName;
      const result: SarifResult = {
        ruleId: finding.checkId,
        ruleIndex: ruleIndex.get(finding.checkId)!,
        level: sarifLevels[finding.severity],
        message: { text: finding.message },
        locations: locations(finding, inventory, sourceRoot),
        partialFingerprints: { [FINGERPRINT_NAME]: fingerprint(finding) },
        properties,
      };
      if (single) return result;
      // One alert however many accounts join or leave the group: its fingerprint names none of them.
      result.partialFingerprints = { [FINGERPRINT_NAME]: fingerprint({ ...finding, accountId: undefined }) };
      result.message = { text: `${instanceAccounts(instance, members)}: ${instance.message}` };
      properties.findings = instance.findings.length;
      properties.accountIds = instance.findings.flatMap((each) =>
        each.accountId === undefined ? [] : [each.accountId],
      );
      result.relatedLocations = instance.findings
        .slice(0, MAX_RELATED_LOCATIONS)
        .flatMap((each, index) =>
          locations(each, inventory, sourceRoot).map((location) => ({ id: index, ...location })),
        );
      return result;
    },
  );

  const driver: SarifDriver = {
    name: 'lockout',
    version: report.tool.version,
    semanticVersion: report.tool.version,
    ...(options.informationUri === undefined ? {} : { informationUri: options.informationUri }),
    rules,
  };

  const scan = report.scan;
  // Key order as a reader scans it: what was analysed and when, then the counts.
  const properties: SarifRun['properties'] = {
    inventory: report.inventory,
    asOf: report.asOf,
    ...(report.deadline === undefined ? {} : { deadline: report.deadline }),
    summary: report.summary,
    ...(scan
      ? {
          scan: {
            callerAccountId: scan.callerAccountId,
            ...(scan.organizationId === undefined ? {} : { organizationId: scan.organizationId }),
            region: scan.region,
            startedAt: scan.startedAt,
            finishedAt: scan.finishedAt,
            accounts: scan.accounts,
            reached: scan.reached,
            failed: scan.failed,
            apiCalls: scan.apiCalls,
            retries: scan.retries,
            unknownFacts: scan.unknownFacts,
            contradictions: scan.contradictions.length,
          },
        }
      : {}),
  };
  const run: SarifRun = {
    tool: { driver },
    ...(sourceRoot !== undefined && isAbsolute(sourceRoot)
      ? { originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(sourceRoot) } } }
      : {}),
    columnKind: 'utf16CodeUnits',
    results,
    properties,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/**
 * Every check's metadata, sorted by id; a finding whose check is not in the list (a check retired since the
 * report was made) brings its own metadata, so that every result has its rule.
 */
function ruleMetas(report: CheckReport, checks: readonly Check[]): CheckMeta[] {
  const metas = new Map<string, CheckMeta>();
  for (const check of checks) if (!metas.has(check.meta.id)) metas.set(check.meta.id, check.meta);
  for (const finding of report.findings) {
    if (!metas.has(finding.checkId)) {
      metas.set(finding.checkId, {
        id: finding.checkId,
        severity: finding.severity,
        title: finding.title,
        why: finding.why,
        fix: finding.fix,
        docs: finding.docs,
      });
    }
  }
  return [...metas.values()].sort((a, b) => compareText(a.id, b.id));
}

function rule(meta: CheckMeta): SarifRule {
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.why },
    help: {
      text: `${meta.fix}\n\nDocumentation: ${meta.docs}`,
      markdown: `${meta.fix}\n\n[Documentation](${meta.docs})`,
    },
    helpUri: meta.docs,
    defaultConfiguration: { level: sarifLevels[meta.severity] },
    properties: {
      'security-severity': securitySeverities[meta.severity].toFixed(1),
      severity: meta.severity,
      // Code scanning counts a rule as a security rule (and reads security-severity) only with this tag.
      tags: ['security', 'lockout', 'aws'],
    },
  };
}

/**
 * Where the finding is: its place in the inventory when known, else the inventory file as a whole; with the
 * account as a logical location. Code scanning refuses a result without a physical location, so a finding
 * about an account as a whole still points at the file that declares it. Only a live scan without an
 * inventory has no file: its findings name the account alone.
 */
function locations(
  finding: Finding,
  inventory: string | undefined,
  sourceRoot: string | undefined,
): SarifLocation[] {
  const file = finding.location?.file ?? inventory;
  const result: SarifLocation = {};
  if (file !== undefined) {
    const physicalLocation: SarifPhysicalLocation = { artifactLocation: artifactLocation(file, sourceRoot) };
    if (finding.location && finding.location.line >= 1) {
      physicalLocation.region =
        finding.location.column >= 1
          ? { startLine: finding.location.line, startColumn: finding.location.column }
          : { startLine: finding.location.line };
    }
    result.physicalLocation = physicalLocation;
  }
  if (finding.accountId !== undefined) {
    result.logicalLocations = [
      {
        name: finding.accountName ?? finding.accountId,
        fullyQualifiedName: `aws/account/${finding.accountId}`,
        kind: 'resource',
      },
    ];
  } else if (finding.outsideAccountId !== undefined) {
    result.logicalLocations = [
      {
        name: finding.outsideAccountName ?? finding.outsideAccountId,
        fullyQualifiedName: `outside/account/${finding.outsideAccountId}`,
        kind: 'resource',
      },
    ];
  }
  return result.physicalLocation || result.logicalLocations ? [result] : [];
}

/**
 * The inventory file the report was made from, or undefined for a live scan without one (the report then
 * names the inventory as a note in parentheses, which is no path).
 */
export function inventoryFile(report: CheckReport): string | undefined {
  return /^\(.*\)$/.test(report.inventory) ? undefined : report.inventory;
}

/** A file as SARIF wants it: relative to %SRCROOT% when it can be, with forward slashes and URI escapes. */
export function artifactLocation(file: string, sourceRoot?: string): SarifArtifactLocation {
  const normalized = slashes(file);
  if (!isAbsolute(normalized)) {
    return { uri: encodePath(stripDotSlash(path.posix.normalize(normalized))), uriBaseId: SOURCE_ROOT };
  }
  const root = sourceRoot === undefined ? undefined : slashes(sourceRoot);
  if (root !== undefined && isAbsolute(root)) {
    const relative = path.posix.relative(path.posix.normalize(root), path.posix.normalize(normalized));
    if (relative.length > 0 && !relative.startsWith('../') && relative !== '..' && !isAbsolute(relative)) {
      return { uri: encodePath(relative), uriBaseId: SOURCE_ROOT };
    }
  }
  return { uri: fileUri(normalized) };
}

/**
 * A stable id for a finding across runs: the check, the account, the factors and the evidence, but not the
 * line, so that editing the inventory above it does not make a new alert. Days and day counts in the evidence
 * ("21 days after 2022-06-09") move with the day the report is judged at, which is today for an inventory
 * without asOf: they are left out, or every daily run would close each alert and open it anew.
 */
export function fingerprint(finding: Finding): string {
  const factors = [...finding.factors].sort(compareText);
  const evidence = finding.message
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<day>')
    .replace(/\b\d+(\.\d+)? days?\b/g, '<n> days');
  return createHash('sha256')
    .update(JSON.stringify([finding.checkId, finding.accountId ?? null, factors, evidence]))
    .digest('hex');
}

/** Most severe first, then by check, account, place in the file and message: the same order every run. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.checkId, b.checkId) ||
    compareText(a.accountId ?? '', b.accountId ?? '') ||
    compareText(a.location?.file ?? '', b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    compareText(a.message, b.message) ||
    compareText(fingerprint(a), fingerprint(b))
  );
}

/** Code-unit order: unlike localeCompare, the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function slashes(file: string): string {
  return file.replaceAll('\\', '/');
}

/** Absolute on POSIX (/x) or Windows (C:/x, //server/share). */
function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}

function stripDotSlash(file: string): string {
  return file.startsWith('./') ? file.slice(2) : file;
}

function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** A file: URI built from the path alone, so that it reads the same on every platform. */
function fileUri(absolute: string): string {
  const normalized = path.posix.normalize(absolute);
  const drive = /^([A-Za-z]:)(\/.*)$/.exec(normalized);
  return drive ? `file:///${drive[1]!}${encodePath(drive[2]!)}` : `file://${encodePath(normalized)}`;
}

function directoryUri(absolute: string): string {
  const uri = fileUri(absolute);
  return uri.endsWith('/') ? uri : `${uri}/`;
}
