/**
 * The SARIF report of `lockout check`: valid against the official SARIF 2.1.0 schema, one rule per check with
 * its documentation, every result pointing at its rule and at the inventory, fingerprints that survive edits
 * elsewhere in the file, and the same bytes for the same input.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Check, Finding, Severity } from '../../src/checks/check.js';
import { checks } from '../../src/checks/index.js';
import type { CheckReport } from '../../src/report/check-report.js';
import {
  artifactLocation,
  buildSarifLog,
  fingerprint,
  FINGERPRINT_NAME,
  inventoryFile,
  renderSarif,
  sarifLevels,
  securitySeverities,
  SOURCE_ROOT,
  type SarifLog,
} from '../../src/report/sarif.js';
import { checkReport, describeErrors, sarifSchemaPath, validateSarif } from './support.js';

const incident = await checkReport('incident', { deadline: '2022-06-30' });
const smallTeam = await checkReport('small-team');

function log(report: CheckReport, allChecks: readonly Check[] = checks): SarifLog {
  return JSON.parse(renderSarif(report, allChecks)) as SarifLog;
}

/** The incident as a live scan without an inventory would report it: no file, no locations. */
function liveScanReport(): CheckReport {
  return {
    ...structuredClone(incident),
    inventory: '(live scan, no inventory)',
    findings: incident.findings.map((finding) => ({ ...finding, location: undefined })),
    scan: {
      callerAccountId: '111122223333',
      region: 'us-east-1',
      startedAt: '2022-06-09T08:00:00.000Z',
      finishedAt: '2022-06-09T08:00:04.000Z',
      accounts: 1,
      reached: 1,
      failed: 0,
      apiCalls: 23,
      retries: 0,
      unknownFacts: 1,
      provenance: [
        { accountId: '111122223333', field: 'contactPhone', source: 'unknown', detail: 'AccessDenied' },
      ],
      contradictions: [],
    },
  };
}

describe('the SARIF report against the official SARIF 2.1.0 schema', () => {
  const cases: [string, () => string][] = [
    ['incident', () => renderSarif(incident, checks)],
    ['small-team', () => renderSarif(smallTeam, checks)],
    ['incident, with a source root', () => renderSarif(incident, checks, { sourceRoot: process.cwd() })],
    [
      'incident, with an information URI',
      () => renderSarif(incident, checks, { informationUri: 'https://example.org/lockout' }),
    ],
    ['a live scan without an inventory', () => renderSarif(liveScanReport(), checks)],
  ];

  it.each(cases)('%s is valid', (_name, render) => {
    expect(describeErrors(validateSarif(JSON.parse(render())))).toEqual([]);
  });

  it('the vendored schema is the SARIF 2.1.0 schema, and it does refuse broken logs', () => {
    const schema = JSON.parse(readFileSync(sarifSchemaPath, 'utf8')) as Record<string, unknown>;
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(readFileSync('schema/README.md', 'utf8')).toContain('@microsoft/sarif-multitool-linux@5.7.0');

    const good = log(incident);
    const broken: [string, (copy: SarifLog) => void][] = [
      ['no version', (copy) => Reflect.deleteProperty(copy, 'version')],
      ['a level SARIF does not have', (copy) => Object.assign(copy.runs[0]!.results[0]!, { level: 'fatal' })],
      ['a result without a message', (copy) => Reflect.deleteProperty(copy.runs[0]!.results[0]!, 'message')],
      [
        'a line 0',
        (copy) =>
          Object.assign(copy.runs[0]!.results[0]!.locations[0]!.physicalLocation!.region!, { startLine: 0 }),
      ],
      [
        'an unknown key on a rule',
        (copy) => Object.assign(copy.runs[0]!.tool.driver.rules[0]!, { severity: 'x' }),
      ],
    ];
    expect(validateSarif(good)).toEqual([]);
    for (const [name, breakIt] of broken) {
      const copy = structuredClone(good);
      breakIt(copy);
      expect(validateSarif(copy).length, name).toBeGreaterThan(0);
    }
  });
});

describe.each([
  ['incident', incident],
  ['small-team', smallTeam],
])('the SARIF report of %s', (_name, report) => {
  const sarif = log(report);
  const run = sarif.runs[0]!;
  const rules = run.tool.driver.rules;

  it('is one run of lockout at the report’s version, with the summary', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('lockout');
    expect(run.tool.driver.version).toBe(report.tool.version);
    expect(run.properties.summary).toEqual(report.summary);
    expect(run.properties.asOf).toBe(report.asOf);
    expect(run.properties.deadline).toBe(report.deadline);
  });

  it('has one rule per check, sorted by id, with the check’s metadata and AWS documentation', () => {
    expect(rules.map((rule) => rule.id)).toEqual(checks.map((check) => check.meta.id).sort());
    for (const rule of rules) {
      const meta = checks.find((check) => check.meta.id === rule.id)!.meta;
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.shortDescription.text).toBe(meta.title);
      expect(rule.fullDescription.text).toBe(meta.why);
      expect(rule.help.text).toContain(meta.fix);
      expect(rule.help.text).toContain(meta.docs);
      expect(rule.help.markdown).toContain(`(${meta.docs})`);
      expect(rule.helpUri).toBe(meta.docs);
      const host = new URL(rule.helpUri).hostname;
      // AWS's documentation, or (issue 16) the outside provider's own for the checks about it.
      expect(
        [
          'docs.aws.amazon.com',
          'aws.amazon.com',
          'support.google.com',
          'learn.microsoft.com',
          'docs.github.com',
          'www.icann.org',
          'support.1password.com',
          'bitwarden.com',
        ],
        rule.id,
      ).toContain(host);
      expect(new URL(rule.helpUri).protocol).toBe('https:');
      expect(rule.defaultConfiguration.level).toBe(sarifLevels[meta.severity]);
      const score = Number(rule.properties['security-severity']);
      expect(score).toBe(securitySeverities[meta.severity]);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(rule.properties.tags).toContain('security');
    }
  });

  it('has one result per finding, or per group of findings saying the same about several accounts', () => {
    expect(run.results.reduce((sum, result) => sum + (result.properties.findings ?? 1), 0)).toBe(
      report.findings.length,
    );
    for (const result of run.results) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const accountIds = result.properties.accountIds ?? [result.properties.accountId];
      for (const accountId of accountIds) {
        const finding = report.findings.find(
          (candidate) =>
            candidate.checkId === result.ruleId &&
            candidate.accountId === accountId &&
            (candidate.message === result.message.text ||
              result.message.text.endsWith(`): ${candidate.message}`)),
        )!;
        expect(finding).toBeDefined();
        expect(result.level).toBe(sarifLevels[finding.severity]);
        expect(result.properties.severity).toBe(finding.severity);
      }
    }
  });

  it('points every result at its line in the inventory, relative to the source root', () => {
    // A finding about the inventory as a whole (the incident declares no alert channel) names the file alone.
    const whole = run.results.filter(
      (result) => result.properties.accountId === undefined && result.properties.accountIds === undefined,
    );
    expect(whole.map((result) => result.ruleId)).toEqual(
      report === incident ? ['alerts-depend-on-watched-account'] : [],
    );
    for (const result of whole) {
      expect(result.locations).toEqual([
        { physicalLocation: { artifactLocation: { uri: report.inventory, uriBaseId: SOURCE_ROOT } } },
      ]);
    }
    for (const result of run.results.filter((each) => each.properties.accountId !== undefined)) {
      expect(result.locations).toHaveLength(1);
      const location = result.locations[0]!;
      const physical = location.physicalLocation!;
      expect(physical.artifactLocation).toEqual({ uri: report.inventory, uriBaseId: SOURCE_ROOT });
      expect(physical.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(physical.region!.startColumn).toBeGreaterThanOrEqual(1);
      expect(location.logicalLocations?.[0]?.fullyQualifiedName).toBe(
        `aws/account/${result.properties.accountId!}`,
      );
    }
  });

  it('gives every result its own fingerprint', () => {
    const prints = run.results.map((result) => result.partialFingerprints[FINGERPRINT_NAME]!);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('orders results most severe first', () => {
    const ranks = run.results.map((result) => ['error', 'warning', 'note'].indexOf(result.level));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('deterministic output', () => {
  it('is the same bytes whatever order findings and checks come in', () => {
    const shuffled: CheckReport = { ...incident, findings: [...incident.findings].reverse() };
    expect(renderSarif(shuffled, [...checks].reverse())).toBe(renderSarif(incident, checks));
    expect(renderSarif(incident, checks)).toBe(renderSarif(structuredClone(incident), checks));
  });
});

describe('fingerprints', () => {
  const finding = incident.findings[0]!;

  it('survive edits elsewhere in the inventory (the line moves) and a reordering of factors', () => {
    const moved: Finding = {
      ...finding,
      location: { ...finding.location!, line: finding.location!.line + 7 },
    };
    expect(fingerprint(moved)).toBe(fingerprint(finding));
    const reordered: Finding = { ...finding, factors: ['b', 'a'] };
    expect(fingerprint(reordered)).toBe(fingerprint({ ...finding, factors: ['a', 'b'] }));
  });

  it('survive the day moving on: day counts and days in the evidence are not its identity', async () => {
    const prints = async (asOf: string): Promise<string[]> =>
      (await checkReport('small-team', { asOf })).findings.map(fingerprint).sort();
    const card = smallTeam.findings.find((candidate) => candidate.checkId === 'payment-card-expiring')!;
    expect(card.message).toMatch(/\d+ days after 2025-06-01/);
    expect(await prints('2025-06-02')).toEqual(await prints('2025-06-01'));
  });

  it('change with the check, the account, the factors or the evidence', () => {
    const base = fingerprint(finding);
    for (const changed of [
      { ...finding, checkId: 'another-check' },
      { ...finding, accountId: '999999999999' },
      { ...finding, accountId: undefined },
      { ...finding, factors: [...finding.factors, 'another-factor'] },
      { ...finding, message: `${finding.message} (again)` },
    ]) {
      expect(fingerprint(changed)).not.toBe(base);
    }
  });
});

describe('findings without a place in the file', () => {
  it('point at the inventory file as a whole, naming the account', () => {
    const finding: Finding = { ...incident.findings[0]!, location: undefined };
    const sarif = buildSarifLog({ ...incident, findings: [finding] }, checks);
    expect(sarif.runs[0]!.results[0]!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'examples/incident-2022.yaml', uriBaseId: SOURCE_ROOT },
        },
        logicalLocations: [
          { name: 'personal', fullyQualifiedName: 'aws/account/111122223333', kind: 'resource' },
        ],
      },
    ]);
  });

  it('name the account alone when a live scan had no inventory, and carry the scan in counts', () => {
    const report = liveScanReport();
    expect(inventoryFile(report)).toBeUndefined();
    const run = buildSarifLog(report, checks).runs[0]!;
    // The finding about the inventory as a whole (no alert channel) has neither a file nor an account to name.
    for (const result of run.results) {
      if (result.properties.accountId === undefined) {
        expect(result.ruleId).toBe('alerts-depend-on-watched-account');
        expect(result.locations).toEqual([]);
        continue;
      }
      expect(result.locations).toEqual([
        {
          logicalLocations: [
            { name: 'personal', fullyQualifiedName: 'aws/account/111122223333', kind: 'resource' },
          ],
        },
      ]);
    }
    expect(run.properties.scan).toMatchObject({
      callerAccountId: '111122223333',
      apiCalls: 23,
      contradictions: 0,
    });
    expect(run.properties.scan).not.toHaveProperty('provenance');
  });

  it('have no location at all when they name neither a file nor an account', () => {
    const finding: Finding = {
      ...incident.findings[0]!,
      location: undefined,
      accountId: undefined,
      accountName: undefined,
    };
    const report = { ...liveScanReport(), findings: [finding] };
    expect(buildSarifLog(report, checks).runs[0]!.results[0]!.locations).toEqual([]);
    expect(validateSarif(buildSarifLog(report, checks))).toEqual([]);
  });
});

describe('artifact locations', () => {
  it.each([
    [
      'examples/incident-2022.yaml',
      undefined,
      { uri: 'examples/incident-2022.yaml', uriBaseId: SOURCE_ROOT },
    ],
    ['./lockout.yaml', undefined, { uri: 'lockout.yaml', uriBaseId: SOURCE_ROOT }],
    [
      'ops/my accounts/lock#out.yaml',
      undefined,
      { uri: 'ops/my%20accounts/lock%23out.yaml', uriBaseId: SOURCE_ROOT },
    ],
    ['ops\\lockout.yaml', undefined, { uri: 'ops/lockout.yaml', uriBaseId: SOURCE_ROOT }],
    ['/repo/ops/lockout.yaml', '/repo', { uri: 'ops/lockout.yaml', uriBaseId: SOURCE_ROOT }],
    ['/repo/ops/lockout.yaml', '/repo/', { uri: 'ops/lockout.yaml', uriBaseId: SOURCE_ROOT }],
    ['/elsewhere/lockout.yaml', '/repo', { uri: 'file:///elsewhere/lockout.yaml' }],
    ['/repository/lockout.yaml', '/repo', { uri: 'file:///repository/lockout.yaml' }],
    ['/home/a b/lockout.yaml', undefined, { uri: 'file:///home/a%20b/lockout.yaml' }],
    ['C:\\repo\\lockout.yaml', 'C:\\repo', { uri: 'lockout.yaml', uriBaseId: SOURCE_ROOT }],
    ['C:\\other\\lockout.yaml', 'C:\\repo', { uri: 'file:///C:/other/lockout.yaml' }],
  ])('%s (root %s)', (file, root, expected) => {
    expect(artifactLocation(file, root)).toEqual(expected);
  });

  it('declare the source root as a directory URI when it is known', () => {
    const run = buildSarifLog(incident, checks, { sourceRoot: '/home/alex/infra' }).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ [SOURCE_ROOT]: { uri: 'file:///home/alex/infra/' } });
    expect(buildSarifLog(incident, checks).runs[0]!.originalUriBaseIds).toBeUndefined();
  });
});

describe('rules', () => {
  it('map severities to levels and security-severity scores as code scanning reads them', () => {
    const table: [Severity, string, string][] = [
      ['critical', 'error', '9.5'],
      ['high', 'error', '8.0'],
      ['medium', 'warning', '5.5'],
      ['low', 'note', '3.0'],
      ['info', 'note', '1.0'],
    ];
    for (const [severity, level, score] of table) {
      const meta = { ...checks[0].meta, id: `a-${severity}-check`, severity };
      const rule = buildSarifLog({ ...incident, findings: [] }, [{ meta, run: () => [] }]).runs[0]!.tool
        .driver.rules[0]!;
      expect([rule.defaultConfiguration.level, rule.properties['security-severity']]).toEqual([level, score]);
    }
  });

  it('keep a result’s own level when its severity differs from the check’s default', () => {
    const finding = {
      ...incident.findings.find((candidate) => candidate.severity === 'critical')!,
      severity: 'low' as const,
    };
    const run = buildSarifLog({ ...incident, findings: [finding] }, checks).runs[0]!;
    expect(run.results[0]!.level).toBe('note');
    expect(run.tool.driver.rules[run.results[0]!.ruleIndex]!.defaultConfiguration.level).toBe('error');
  });

  it('describe a check the registry no longer lists from its finding, so every result has its rule', () => {
    const retired: Finding = { ...incident.findings[0]!, checkId: 'zz-retired-check', title: 'Retired' };
    const sarif = buildSarifLog({ ...incident, findings: [retired, ...incident.findings] }, checks);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toContain('zz-retired-check');
    const result = run.results.find((candidate) => candidate.ruleId === 'zz-retired-check')!;
    expect(run.tool.driver.rules[result.ruleIndex]!.shortDescription.text).toBe('Retired');
    expect(validateSarif(sarif)).toEqual([]);
  });
});
