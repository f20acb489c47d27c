/**
 * `lockout serve` follows the inventory file: a save loads it again (the API answers from the new version), a
 * save with a mistake keeps the last good version and says where the mistake is, the next good save clears it.
 */

import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { LiveDashboard, loadDashboard, type DashboardStatus } from '../../src/server/dashboard.js';
import type { CheckReport } from '../../src/report/check-report.js';

const example = fileURLToPath(new URL('../../examples/small-team.yaml', import.meta.url));
const token = 'b'.repeat(64);
const auth = { Cookie: `lockout-token=${token}`, Authorization: `Bearer ${token}` };

let live: LiveDashboard | undefined;
afterEach(() => {
  live?.close();
  live = undefined;
});

/** Waits until the dashboard reports a status that satisfies `done` (the watcher works in the background). */
async function until(done: (status: DashboardStatus) => boolean): Promise<DashboardStatus> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const status = live!.status();
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no such status within 10 s: ${JSON.stringify(live!.status())}`);
}

function inventoryCopy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-live-')), 'lockout.yaml');
  copyFileSync(example, file);
  return file;
}

describe('LiveDashboard', () => {
  it('loads a changed file again, keeps the last good version through a mistake, and recovers', async () => {
    const file = inventoryCopy();
    const original = readFileSync(file, 'utf8');
    live = await LiveDashboard.load({ inventory: file });
    const reloads: DashboardStatus[] = [];
    live.watch((status) => reloads.push(status));
    const app = createApp({ data: live, token });
    const accountNames = async (): Promise<string[]> => {
      const report = (await (await app.request('/api/report', { headers: auth })).json()) as CheckReport;
      return report.accounts.map((account) => account.name);
    };
    expect(await accountNames()).toContain('acme-staging');
    expect(live.status()).toMatchObject({ version: 1, problem: undefined });

    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-qa'));
    await until((status) => status.version === 2);
    expect(await accountNames()).toContain('acme-qa');
    expect(await (await app.request('/api/status', { headers: auth })).json()).toMatchObject({ version: 2 });

    // A mistake: the account's name is no longer a string. The last good version stays; the file and line are named.
    const broken = original.replace('name: acme-staging', 'name: [acme, staging]');
    const line = broken.split('\n').findIndex((text) => text.includes('[acme, staging]')) + 1;
    writeFileSync(file, broken);
    const failed = await until((status) => status.problem !== undefined);
    expect(failed.version).toBe(2);
    expect(failed.problem).toContain(`lockout.yaml:${line}`);
    expect(failed.problem).toContain('name');
    expect(await accountNames()).toContain('acme-qa');

    // Saved the way many editors do: a new file renamed over the old one.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, original);
    renameSync(temporary, file);
    const fixed = await until((status) => status.version === 3);
    expect(fixed.problem).toBeUndefined();
    expect(await accountNames()).toContain('acme-staging');
    expect(reloads.map((status) => status.version)).toContain(3);
  }, 30_000);
});

describe('LiveDashboard after an internal error', () => {
  it('says so in its status and loads again on the next save', async () => {
    const file = inventoryCopy();
    const original = readFileSync(file, 'utf8');
    // A fault in the engine while loading (not a mistake in the file): injected, as no inventory is known to
    // cause one.
    let failing = false;
    const failures: unknown[] = [];
    live = await LiveDashboard.load({ inventory: file }, async (input) => {
      if (failing) throw new TypeError('engine fault');
      return loadDashboard(input);
    });
    live.watch(undefined, (error) => failures.push(error));
    const app = createApp({ data: live, token });

    failing = true;
    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-qa'));
    const failed = await until((status) => status.error !== undefined);
    expect(failed.version).toBe(1);
    expect(failed.error).toContain('engine fault');
    expect(failed.problem).toBeUndefined();
    expect(failures).toHaveLength(1);
    expect(await (await app.request('/api/status', { headers: auth })).json()).toMatchObject({
      version: 1,
      error: expect.stringContaining('engine fault') as unknown,
    });

    failing = false;
    writeFileSync(file, original.replace('name: acme-staging', 'name: acme-dev'));
    const recovered = await until((status) => status.version === 2);
    expect(recovered.error).toBeUndefined();
    const report = (await (await app.request('/api/report', { headers: auth })).json()) as CheckReport;
    expect(report.accounts.map((account) => account.name)).toContain('acme-dev');

    // reload() itself tells its caller of a failure, and the one after it still loads.
    failing = true;
    await expect(live.reload()).rejects.toThrow('engine fault');
    failing = false;
    await live.reload();
    expect(live.status()).toMatchObject({ version: 3, error: undefined });
  }, 30_000);
});
