// A run of the organisations outside AWS only is saved in the same store as the AWS scans, with no AWS data
// made up for it: `lockout history` lists it and `lockout diff` compares two of them. Migration 6 lets a scan
// row have no AWS caller, and keeps every account's facts and finding of the scans saved before it. GitHub
// answers with recorded responses on 127.0.0.1 in the shapes of its REST API (test/scan-outside/fixtures.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { seen } from '../../src/providers/outside/scan/facts.js';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { diffStoredScans } from '../../src/store/drift-apart.js';
import { formatDiff } from '../../src/store/format.js';
import {
  latestScans,
  listScans,
  loadScan,
  migrate,
  migrations,
  openStore,
  saveOutsideScan,
  saveScan,
} from '../../src/store/index.js';
import { cli } from '../support/cli.js';
import { acmeAnswers } from '../scan-outside/fixtures.js';
import { recordedServer } from '../scan-outside/recorded-server.js';
import { finding, scanResult } from './scan-builder.js';

const folder = mkdtempSync(path.join(tmpdir(), 'lockout-outside-only-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** `lockout scan --github-org acme` against GitHub's recorded answers, saved in `store`. */
async function scanAcme(store: string, answers: Parameters<typeof recordedServer>[0], ...extra: string[]) {
  const github = await recordedServer(answers);
  vi.stubEnv('GITHUB_TOKEN', 'ghp_storetest');
  try {
    return await cli([
      'scan',
      '--github-org',
      'acme',
      '--github-api-url',
      github.baseUrl,
      '--fail-on',
      'none',
      ...(store === '' ? ['--no-store'] : ['--store', store]),
      ...extra,
    ]);
  } finally {
    await github.close();
  }
}

describe('a run outside AWS only, in the store', () => {
  it('two runs: history lists both with no AWS account, and diff reports the owner added and 2FA turned off', async () => {
    const store = path.join(folder, 'two-runs.db');
    expect((await scanAcme(store, acmeAnswers(['ana', 'ben'], [], true))).code).toBe(0);
    expect((await scanAcme(store, acmeAnswers(['ana', 'ben', 'mallory'], [], false))).code).toBe(0);

    const history = await cli(['history', '--store', store]);
    expect(history.code).toBe(0);
    const lines = history.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/Outside AWS$/);
    for (const line of lines.slice(1))
      expect(line).toMatch(/\(outside AWS only\)\s+0\s+0\s+0\s.*GitHub organisation acme$/);

    const json = JSON.parse((await cli(['history', '--store', store, '--format', 'json'])).stdout) as {
      callerAccountId?: string;
      accounts: number;
      outside: string[];
    }[];
    expect(json.map((scan) => [scan.callerAccountId, scan.accounts, scan.outside])).toEqual([
      [undefined, 0, ['GitHub organisation acme']],
      [undefined, 0, ['GitHub organisation acme']],
    ]);

    const diff = await cli(['diff', '--store', store, '--format', 'json']);
    expect(diff.code).toBe(0);
    const changes = JSON.parse(diff.stdout) as { awsCompared: boolean; changes: { kind: string }[] };
    expect(changes.awsCompared).toBe(false);
    expect(changes.changes.map((change) => change.kind)).toEqual(
      expect.arrayContaining(['outside-admin-added', 'outside-two-step-required-off', 'finding-new']),
    );
    const text = (await cli(['diff', '--store', store])).stdout;
    expect(text).toMatch(/^Changes from scan 1 \(.+\) to scan 2 \(.+\)\n/);
    expect(text).toMatch(/HIGH\s+outside-two-step-required-off: 2FA is no longer required of its members/);
    expect(text).toMatch(/mallory became an owner/);

    // Nothing AWS is made up: the row has no caller, region or stats, and loads back without a scan.
    const opened = openStore(store);
    try {
      const raw = opened.db.prepare('SELECT caller_account_id, region, stats FROM scans').all();
      expect(raw).toEqual([
        { caller_account_id: null, region: null, stats: null },
        { caller_account_id: null, region: null, stats: null },
      ]);
      const [latest] = latestScans(opened, 1);
      expect(latest).not.toHaveProperty('scan');
      expect(latest!.outside?.[0]?.login).toBe('acme');
      expect(JSON.stringify(latest)).not.toContain('ghp_storetest');
    } finally {
      opened.close();
    }
  });

  it('--no-store saves nothing, and --store names the store as for an AWS scan', async () => {
    const unused = path.join(folder, 'unused.db');
    vi.stubEnv('LOCKOUT_HOME', path.join(folder, 'home'));
    expect((await scanAcme('', acmeAnswers(['ana'], [], true))).code).toBe(0);
    expect((await cli(['history', '--store', unused])).stdout).toMatch(/^No scans yet/);
    expect((await cli(['history'])).stdout).toMatch(/^No scans yet/);
  });

  it('a run with AWS then one without: only the findings outside AWS and the outside facts are compared', () => {
    const store = openStore(':memory:');
    try {
      const acme = (required: 'on' | 'off') => ({
        provider: 'github-organization' as const,
        memberProvider: 'github' as const,
        login: 'acme',
        twoStepRequired: seen(githubCalls.organization, required),
        admins: seen(githubCalls.owners, [
          { login: 'ana', twoStepVerification: seen(githubCalls.twoFactorDisabled, 'on' as const) },
        ]),
        calls: [],
      });
      const aws = scanResult({
        startedAt: '2024-06-01T08:00:00.000Z',
        finishedAt: '2024-06-01T08:01:00.000Z',
      });
      const first = saveScan(store, aws, [finding({ accountId: aws.accounts[0]!.accountId })], {
        outside: [acme('on')],
      });
      const second = saveOutsideScan(
        store,
        {
          startedAt: '2024-06-02T08:00:00.000Z',
          finishedAt: '2024-06-02T08:00:01.000Z',
          outside: [acme('off')],
        },
        [],
      );
      const drift = diffStoredScans(loadScan(store, first), loadScan(store, second));
      expect(drift.awsCompared).toBe(false);
      // The AWS account's finding was not looked for in the second run: not "resolved".
      expect(drift.changes.map((change) => change.kind)).toEqual(['outside-two-step-required-off']);
      expect(listScans(store).map((summary) => summary.callerAccountId)).toEqual([
        undefined,
        aws.callerAccountId,
      ]);
    } finally {
      store.close();
    }
  });
});

describe('two runs outside AWS judged against different inventories', () => {
  it('tell the edits from what changed in the organisations, and never say AWS', () => {
    const store = openStore(':memory:');
    try {
      const acme = {
        provider: 'github-organization' as const,
        memberProvider: 'github' as const,
        login: 'acme',
        twoStepRequired: seen(githubCalls.organization, 'on' as const),
        admins: seen(githubCalls.owners, [
          { login: 'ana', twoStepVerification: seen(githubCalls.twoFactorDisabled, 'on' as const) },
        ]),
        calls: [],
      };
      const inventory = (owners: string) => ({
        version: 1 as const,
        accounts: [],
        outsideAccounts: [
          {
            id: 'acme-github',
            provider: 'github-organization',
            login: 'acme',
            owners: owners.split(','),
            twoFactorRequired: 'on',
          },
          { id: 'gh-ana', provider: 'github', login: 'ana', twoStepVerification: 'on' },
          { id: 'gh-ben', provider: 'github', login: 'ben', twoStepVerification: 'on' },
        ],
      });
      const run = (day: string) => ({
        startedAt: `${day}T08:00:00.000Z`,
        finishedAt: `${day}T08:00:01.000Z`,
        outside: [acme],
      });
      const before = loadScan(
        store,
        saveOutsideScan(store, run('2024-06-01'), [finding({ checkId: 'inventory-contradicted' })], {
          inventory: inventory('gh-ana,gh-ben') as never,
        }),
      );
      const after = loadScan(
        store,
        saveOutsideScan(store, run('2024-06-02'), [], { inventory: inventory('gh-ana') as never }),
      );
      const drift = diffStoredScans(before, after);
      expect(drift.inventoryEdited).toBe(true);
      expect(drift.changes.some((change) => change.source === 'aws')).toBe(false);
      const text = formatDiff(drift.changes);
      expect(text).not.toMatch(/In AWS/);
      expect(text).toMatch(/^Outside AWS: /);
    } finally {
      store.close();
    }
  });
});

describe('migration 6', () => {
  it('keeps the facts and findings of the scans saved before it, and refuses a row with neither AWS nor outside facts', () => {
    const file = path.join(folder, 'schema-5.db');
    const old = new Sqlite(file);
    migrate(old, migrations.slice(0, 5));
    old.close();
    // A schema-5 store holding one AWS scan with its account facts and a finding, written by that schema.
    const schema5 = new Sqlite(file);
    schema5.pragma('foreign_keys = ON');
    const scan = scanResult();
    const id = Number(
      schema5
        .prepare(
          `INSERT INTO scans (started_at, finished_at, started_ms, caller_account_id, region, stats, tool_version, saved_at)
           VALUES (?, ?, ?, ?, ?, ?, '0.9.0', ?)`,
        )
        .run(
          scan.startedAt,
          scan.finishedAt,
          Date.parse(scan.startedAt),
          scan.callerAccountId,
          scan.region,
          JSON.stringify(scan.stats),
          scan.startedAt,
        ).lastInsertRowid,
    );
    const account = scan.accounts[0]!;
    schema5
      .prepare(
        `INSERT INTO account_facts (scan_id, position, account_id, name, organization_role, state, reached, facts)
         VALUES (?, 0, ?, NULL, ?, NULL, 1, ?)`,
      )
      .run(id, account.accountId, account.organizationRole, JSON.stringify(account));
    schema5
      .prepare(
        `INSERT INTO findings (scan_id, position, check_id, severity, title, message, factors, why, fix, docs)
         VALUES (?, 0, 'root-mfa', 'high', 't', 'm', '[]', 'w', 'f', 'd')`,
      )
      .run(id);
    expect(schema5.pragma('user_version', { simple: true })).toBe(5);
    schema5.close();

    const store = openStore(file);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      const loaded = loadScan(store, id);
      expect(loaded.scan?.accounts).toEqual([account]);
      expect(loaded.findings.map((f) => f.checkId)).toEqual(['root-mfa']);
      expect(() =>
        store.db
          .prepare(
            `INSERT INTO scans (started_at, finished_at, started_ms, tool_version, saved_at)
             VALUES ('2024-06-01T08:00:00Z', '2024-06-01T08:00:00Z', 0, '1', '2024-06-01')`,
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      // Deleting a scan still takes its facts and findings with it: the keys hold on the new table.
      store.db.prepare('DELETE FROM scans WHERE id = ?').run(id);
      expect(store.db.prepare('SELECT count(*) AS n FROM account_facts').get()).toEqual({ n: 0 });
      expect(store.db.prepare('SELECT count(*) AS n FROM findings').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
