// The facts of the scans outside AWS in the store, beside the AWS scan they ran with: saved (with anything
// token-shaped removed) and loaded back, listed by `lockout history`, compared by `lockout diff` as the AWS
// facts are; a store written before they were kept still loads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { googleWorkspaceCalls } from '../../src/providers/google-workspace/scan/scan.js';
import { seen, unknown, type OutsideScanFacts } from '../../src/providers/outside/scan/facts.js';
import { openStore, type Store } from '../../src/store/database.js';
import { diffStoredScans } from '../../src/store/drift-apart.js';
import { formatDiff, formatHistory } from '../../src/store/format.js';
import { migrate, migrations } from '../../src/store/migrations.js';
import { outsideChangeKinds } from '../../src/store/outside-drift.js';
import { listScans, loadScan, saveScan } from '../../src/store/scans.js';
import { scanResult } from './scan-builder.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => {
  store.close();
});

/** The GitHub organisation acme as its scanner reports it: these owners, 2FA on for each, the requirement. */
function acme(owners: string[], required: 'on' | 'off', offFor: string[] = []): OutsideScanFacts {
  return {
    provider: 'github-organization',
    memberProvider: 'github',
    login: 'acme',
    twoStepRequired: seen(githubCalls.organization, required),
    admins: seen(
      githubCalls.owners,
      owners.map((login) => ({
        login,
        twoStepVerification: seen(githubCalls.twoFactorDisabled, offFor.includes(login) ? 'off' : 'on'),
      })),
    ),
    calls: Object.values(githubCalls),
  };
}

const later = (startedAt: string) => scanResult({ startedAt, finishedAt: startedAt });

/** A scan of that day saved with these outside facts, and loaded back as `diff` reads it. */
const stored = (day: string, outside: OutsideScanFacts[]) =>
  loadScan(store, saveScan(store, later(`${day}T08:00:00.000Z`), [], { outside }));

describe('the outside facts in the store', () => {
  it('are saved with the scan and load back as they were', () => {
    const outside = [acme(['ana', 'ben'], 'on')];
    const id = saveScan(store, scanResult(), [], { outside });
    expect(loadScan(store, id).outside).toEqual(outside);
  });

  it('keep no token: one in an error message is removed from the saved copy', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
    const leaked: OutsideScanFacts = {
      ...acme(['ana'], 'on'),
      admins: unknown(githubCalls.owners, 'access-denied', `HTTP 401: Bad credentials for ${token}`),
    };
    const warnings: string[] = [];
    const id = saveScan(store, scanResult(), [], {
      outside: [leaked],
      onRedacted: (message) => warnings.push(message),
    });
    const raw = store.db.prepare('SELECT outside FROM scans WHERE id = ?').get(id) as { outside: string };
    expect(raw.outside).not.toContain(token);
    expect(JSON.stringify(loadScan(store, id))).not.toContain(token);
    expect(warnings.join('\n')).toMatch(/a GitHub token/);
  });

  it('are shown by the history, and an AWS-only scan shows none', () => {
    saveScan(store, later('2024-06-01T08:00:00.000Z'), []);
    saveScan(store, later('2024-06-02T08:00:00.000Z'), [], {
      outside: [
        acme(['ana'], 'on'),
        {
          provider: 'google-workspace',
          memberProvider: 'google',
          login: 'my_customer',
          admins: unknown(googleWorkspaceCalls.superAdmins, 'access-denied', 'HTTP 403: Not Authorized'),
          calls: [googleWorkspaceCalls.superAdmins],
        },
      ],
    });
    const [newer, older] = listScans(store);
    expect(newer!.outside).toEqual(['GitHub organisation acme', 'Google Workspace my_customer']);
    expect(older).not.toHaveProperty('outside');
    const text = formatHistory(listScans(store));
    expect(text).toMatch(/Outside AWS/);
    expect(text).toMatch(/GitHub organisation acme, Google Workspace my_customer/);
  });

  it('drift: an owner added, the 2FA requirement turned off and an owner without 2FA are reported as AWS drift is', () => {
    const before = stored('2024-06-01', [acme(['ana', 'ben'], 'on')]);
    const after = stored('2024-06-02', [acme(['ana', 'ben', 'carol'], 'off', ['carol'])]);
    const { changes } = diffStoredScans(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'outside-admin-added', accountId: 'acme', after: 'carol' }),
        expect.objectContaining({
          kind: 'outside-two-step-required-off',
          severity: 'high',
          before: 'on',
          after: 'off',
        }),
      ]),
    );
    // carol is new: her 2FA being off is said with her arrival, not as a change of hers.
    expect(changes.find((change) => change.kind === 'outside-admin-added')?.message).toMatch(
      /carol.*2FA off|2FA off.*carol/,
    );
    const text = formatDiff(changes);
    expect(text).toMatch(/acme \(GitHub organisation\)/);
    expect(text).toMatch(/HIGH\s+outside-two-step-required-off/);
  });

  it('drift: a fact read before and unknown now is unknown, never a change of its value', () => {
    const readable = acme(['ana', 'ben'], 'on', ['ben']);
    const unreadable: OutsideScanFacts = {
      ...readable,
      admins: unknown(githubCalls.owners, 'access-denied', 'HTTP 403'),
      twoStepRequired: unknown(githubCalls.organization, 'access-denied', 'HTTP 403'),
    };
    const before = stored('2024-06-01', [readable]);
    const after = stored('2024-06-02', [unreadable]);
    const kinds = diffStoredScans(before, after).changes.map((change) => change.kind);
    expect(kinds).toEqual(['outside-fact-became-unknown', 'outside-fact-became-unknown']);
    const back = diffStoredScans(after, stored('2024-06-03', [acme(['ana'], 'on')]));
    expect(back.changes.map((change) => change.kind)).toEqual([
      'outside-fact-became-known',
      'outside-fact-became-known',
    ]);
  });

  it('drift: an owner removed, 2FA turned off and back on for one, the requirement turned on', () => {
    const first = stored('2024-06-01', [acme(['ana', 'ben'], 'off')]);
    const second = stored('2024-06-02', [acme(['ana'], 'on', ['ana'])]);
    const third = stored('2024-06-03', [acme(['ana'], 'on')]);
    const kinds = (a: typeof first, b: typeof first) =>
      diffStoredScans(a, b)
        .changes.map((change) => change.kind)
        .sort();
    expect(kinds(first, second)).toEqual([
      'outside-admin-removed',
      'outside-admin-two-step-off',
      'outside-two-step-required-on',
    ]);
    expect(kinds(second, third)).toEqual(['outside-admin-two-step-on']);
    const covered = new Set([
      ...kinds(first, second),
      ...kinds(second, third),
      'outside-admin-added',
      'outside-two-step-required-off',
      'outside-fact-became-unknown',
      'outside-fact-became-known',
    ]);
    expect(outsideChangeKinds.filter((kind) => !covered.has(kind))).toEqual([]);
  });
});

describe('a store written before the outside facts were kept', () => {
  it('still loads, lists and compares its scans', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lockout-outside-store-'));
    const file = path.join(folder, 'scans.db');
    try {
      // The store as schema version 4 left it, with one scan saved then.
      const old = new Sqlite(file);
      migrate(old, migrations.slice(0, 4));
      const scan = scanResult();
      old
        .prepare(
          `INSERT INTO scans (started_at, finished_at, started_ms, caller_account_id, region, organization_id,
                              organization, stats, tool_version, saved_at, inventory)
           VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, '0.9.0', ?, NULL)`,
        )
        .run(
          scan.startedAt,
          scan.finishedAt,
          Date.parse(scan.startedAt),
          scan.callerAccountId,
          scan.region,
          JSON.stringify(scan.stats),
          scan.startedAt,
        );
      old.close();

      const reopened = openStore(file);
      try {
        const [summary] = listScans(reopened);
        expect(summary).not.toHaveProperty('outside');
        const loaded = loadScan(reopened, summary!.id);
        expect(loaded).not.toHaveProperty('outside');
        const newer = loadScan(
          reopened,
          saveScan(reopened, later('2024-06-02T08:00:00.000Z'), [], { outside: [acme(['ana'], 'on')] }),
        );
        // Not scanned before: nothing to compare, so no outside change.
        expect(
          diffStoredScans(loaded, newer).changes.filter((change) => change.kind.startsWith('outside-')),
        ).toEqual([]);
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
