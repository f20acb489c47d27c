// The committed JSON Schema of `lockout check --format json` is the one src/report/json-schema.ts builds. After
// changing it, regenerate with `npx vitest run test/report/check-report-schema.test.ts -u` and commit the result.
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import type { CheckReport, OrganizationSetReport, ScanSummary } from '../../src/report/check-report.js';
import { checkReportJsonSchema, checkReportJsonSchemaPath } from '../../src/report/json-schema.js';
import { runCheck } from '../../src/cli/check-command.js';
import { toJsonReport, type CheckReportJson } from '../../src/report/json-report.js';
import { checkReport, cli, describeErrors, validateCheckReport } from './support.js';

async function rendered(): Promise<string> {
  const options = await resolveConfig(checkReportJsonSchemaPath);
  // Formatted as Prettier would, so `prettier --check .` and this test agree on every byte.
  return format(JSON.stringify(checkReportJsonSchema()), { ...options, filepath: checkReportJsonSchemaPath });
}

/**
 * The incident's report as `lockout scan --org` would shape it (the live scan needs an AWS endpoint; the shape
 * is what is tested here). Typed literals: a field the types add or drop fails to compile.
 */
async function scannedReport(): Promise<CheckReport> {
  const report = await checkReport('incident', { deadline: '2022-06-30', format: 'html' });
  const scan: ScanSummary = {
    callerAccountId: '111122223333',
    organizationId: 'o-exampleorgid',
    region: 'us-east-1',
    startedAt: '2022-06-09T08:00:00.000Z',
    finishedAt: '2022-06-09T08:00:04.000Z',
    accounts: 1,
    reached: 1,
    failed: 0,
    apiCalls: 23,
    retries: 1,
    unknownFacts: 2,
    provenance: [
      { accountId: '111122223333', field: 'root.mfa', source: 'seen', detail: 'iam:GetAccountSummary' },
      { accountId: '111122223333', field: 'payment.cards', source: 'attested', detail: 'the inventory' },
      { accountId: '111122223333', field: 'contactPhone', source: 'unknown', detail: 'AccessDenied' },
    ],
    contradictions: [
      { accountId: '111122223333', field: 'root.mfa', message: 'declared one device, AWS shows none' },
      // The outside scans' comparison says how much its contradictions matter.
      {
        accountId: 'github-octocat',
        field: 'twoStepVerification',
        message: 'owner octocat has no second step (GET /orgs/{org}/members?filter=2fa_disabled)',
        severity: 'high',
      },
    ],
    hostedZones: ['example.net'],
    accountsMatch: {
      notScanned: [{ id: '999999999999', name: 'typo' }],
      notDeclared: [{ id: '222222222222', name: 'sandbox' }],
    },
  };
  const organizationLockoutSets: OrganizationSetReport[] = [
    { factors: ['alex'], capability: 'root-sign-in', accounts: ['personal'] },
  ];
  return { ...report, scan, organizationLockoutSets };
}

/** The report as the CLI prints it (version 3): JSON turns Infinity into null and drops undefined. */
function asJson(report: CheckReport): CheckReportJson {
  return JSON.parse(JSON.stringify(toJsonReport(report))) as CheckReportJson;
}

describe(checkReportJsonSchemaPath, () => {
  it('matches the schema src/report/json-schema.ts builds', async () => {
    await expect(await rendered()).toMatchFileSnapshot(`../../${checkReportJsonSchemaPath}`);
  });

  it('is strict draft-07: unknown keys are refused at every level', () => {
    const schema = checkReportJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'formatVersion',
      'tool',
      'inventory',
      'asOf',
      'accounts',
      'capabilities',
      'findings',
      'checks',
      'ways',
      'losses',
      'summary',
      'doFirst',
      'stillUnknown',
    ]);
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'object') objects.push(record);
        Object.values(record).forEach(walk);
      }
    };
    walk(schema);
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) expect(object.additionalProperties).toBe(false);
  });
});

describe('lockout check --format json against the schema', () => {
  const runs: [string, string[]][] = [
    ['incident', ['check', '--example', 'incident', '--format', 'json']],
    [
      'incident with a deadline',
      ['check', '--example', 'incident', '--deadline', '2022-06-30', '--format', 'json'],
    ],
    ['incident years later', ['check', '--example', 'incident', '--as-of', '2030-01-01', '--format', 'json']],
    ['small-team', ['check', '--example', 'small-team', '--format', 'json']],
    [
      'small-team with a deadline',
      ['check', '--example', 'small-team', '--deadline', '2025-07-15', '--format', 'json'],
    ],
  ];

  it.each(runs)('%s is valid', async (_name, args) => {
    const { stdout, stderr } = await cli(args);
    expect(stderr).toBe('');
    expect(describeErrors(validateCheckReport(JSON.parse(stdout)))).toEqual([]);
  });

  it('covers a recovery that is impossible: durations of never print as null', async () => {
    const report = await checkReport('incident', { deadline: '2022-06-30' });
    const capability = report.accounts[0]!.capabilities[0]!;
    capability.status = 'lost';
    capability.fastest = {
      possible: false,
      duration: { min: Infinity, typical: Infinity, max: Infinity },
      cost: 0,
      steps: [],
    };
    const json = asJson(report);
    expect(json.capabilities[json.accounts[0]!.capabilities[0]!]!.fastest.duration.typical).toBeNull();
    expect(describeErrors(validateCheckReport(json))).toEqual([]);
  });

  it('covers the recovery graph the HTML format asks for', async () => {
    for (const example of ['incident', 'incident-outside', 'small-team'] as const) {
      const report = await checkReport(example, { format: 'html' });
      expect(report.graph?.accounts.length).toBe(report.accounts.length);
      expect(describeErrors(validateCheckReport(asJson(report)))).toEqual([]);
    }
  });

  it('covers the shape of a live scan of an Organization', async () => {
    expect(describeErrors(validateCheckReport(asJson(await scannedReport())))).toEqual([]);
  });

  it('refuses what the report never holds', async () => {
    const report = asJson(await checkReport('incident')) as Record<string, unknown> & CheckReportJson;
    const broken: [string, (copy: typeof report) => void][] = [
      ['an unknown top-level key', (copy) => Object.assign(copy, { extra: 1 })],
      ['an unknown finding key', (copy) => Object.assign(copy.findings[0]!, { score: 3 })],
      ['a severity that does not exist', (copy) => Object.assign(copy.findings[0]!, { severity: 'fatal' })],
      ['a line 0', (copy) => Object.assign(copy.findings[0]!.location!, { line: 0 })],
      [
        'a missing summary count',
        (copy) => delete (copy.summary.findings as Partial<typeof copy.summary.findings>).low,
      ],
      ['a bad day', (copy) => Object.assign(copy, { asOf: '9 June 2022' })],
      ['an unknown capability', (copy) => Object.assign(copy.capabilities[0]!, { id: 'fly' })],
      [
        'a capability by id under an account',
        (copy) => copy.accounts[0]!.capabilities.push('root-sign-in' as never),
      ],
      [
        'a null where a way takes time',
        (copy) => Object.assign(copy.ways['identity-verification']!.duration!, { typical: null }),
      ],
      ['another version', (copy) => Object.assign(copy, { formatVersion: 1 })],
      [
        'a way key that is no id',
        (copy) => Object.assign(copy.ways, { 'mfa-sign-in~two': copy.ways['mfa-sign-in'] }),
      ],
      [
        'a check text under a finding',
        (copy) => Object.assign(copy.findings[0]!, { why: copy.checks[copy.findings[0]!.checkId]!.why }),
      ],
      ['a loss by label', (copy) => copy.capabilities[0]!.lockoutSets.push(['alex'] as never)],
    ];
    for (const [name, breakIt] of broken) {
      const copy = structuredClone(report);
      breakIt(copy);
      expect(validateCheckReport(copy).length, name).toBeGreaterThan(0);
    }
  });

  it('declares nothing the reports never hold: every property occurs in some report', async () => {
    // A bill left unpaid: what holds now but not at the suspension date says so (`eventually`).
    const unpaid = await runCheck('test/fixtures/truth/dns-in-member-unpaid.yaml', {
      format: 'json',
      failOn: 'none',
      color: false,
    });
    // Questions still open about a shared factor: who holds a device nobody vouched for.
    const unattested = await runCheck('test/fixtures/truth/unattested.yaml', {
      format: 'json',
      failOn: 'none',
      color: false,
    });
    const reports = [
      await scannedReport(),
      await checkReport('small-team', { format: 'html' }),
      // Findings about accounts outside AWS name them (outsideAccountId).
      await checkReport('startup', { format: 'json' }),
      unpaid.report,
      unattested.report,
    ].map(asJson);
    const seen = new Set<string>();
    // A dictionary's keys are data: its entries count as `.ways.*`.
    const dictionaries = new Set(['.checks', '.ways']);
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) {
        for (const item of node) visit(item, `${at}[]`);
      } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          const path = dictionaries.has(at) ? `${at}.*` : `${at}.${key}`;
          seen.add(path);
          visit(value, path);
        }
      }
    };
    for (const report of reports) visit(report, '');
    const schema = checkReportJsonSchema();
    const definitions = schema.definitions as Record<string, Record<string, unknown>>;
    const declared = new Set<string>();
    const collect = (node: Record<string, unknown>, at: string, depth: number): void => {
      if (depth > 12) return;
      const target =
        typeof node.$ref === 'string' ? definitions[node.$ref.replace('#/definitions/', '')]! : node;
      const properties = target.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, value] of Object.entries(properties ?? {})) {
        declared.add(`${at}.${key}`);
        collect(value, `${at}.${key}`, depth + 1);
      }
      const patterns = target.patternProperties as Record<string, Record<string, unknown>> | undefined;
      for (const value of Object.values(patterns ?? {})) {
        declared.add(`${at}.*`);
        collect(value, `${at}.*`, depth + 1);
      }
      const items = target.items as Record<string, unknown> | undefined;
      if (items) collect(items, `${at}[]`, depth + 1);
    };
    collect(schema, '', 0);
    expect([...declared].filter((property) => !seen.has(property))).toEqual([]);
  });
});
