/**
 * A large Organization's dashboard: a summary first (counts by state, the accounts most at risk, the findings
 * grouped) and an account's details when it is opened — the same capabilities the full situation has — while a
 * small inventory still gets everything at once.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadDashboard, type DashboardData } from '../../src/server/dashboard.js';
import type { GraphPicture } from '../../src/server/graph-picture.js';
import {
  ACCOUNTS_PER_PAGE,
  SUMMARY_ABOVE_ACCOUNTS,
  type AccountDetail,
  type ReportSummary,
  type SituationSummary,
  summarizeSituation,
} from '../../src/server/organization.js';
import { briefOf, type SituationView } from '../../src/server/situation.js';

const token = 'b'.repeat(64);
const auth = { Authorization: `Bearer ${token}` };
const ACCOUNTS = SUMMARY_ABOVE_ACCOUNTS + 10;

let data: DashboardData;
let app: Hono;

beforeAll(async () => {
  const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
  const { organizationInventoryYaml } = (await import(generator)) as {
    organizationInventoryYaml: (accounts: number) => string;
  };
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-org-')), 'organization.yaml');
  writeFileSync(file, organizationInventoryYaml(ACCOUNTS));
  data = await loadDashboard({ inventory: file });
  app = createApp({ data, token, store: join(tmpdir(), 'lockout-none.db') });
}, 120_000);

async function json(path: string, body?: unknown): Promise<{ value: unknown; bytes: number }> {
  const response = await app.request(
    path,
    body === undefined
      ? { headers: auth }
      : {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  return { value: JSON.parse(text) as unknown, bytes: text.length };
}

describe(`an Organization of more than ${SUMMARY_ABOVE_ACCOUNTS} accounts`, () => {
  it('sends a summary report: the accounts most at risk, every account ranked, findings grouped', async () => {
    const { value, bytes } = await json('/api/report');
    const summary = value as ReportSummary;
    expect(summary.summarized).toBe(true);
    // Every account with its provider, and the providers named: AWS, and the generator's identity provider,
    // mail provider and team vault with their accounts (issue 16).
    expect(summary.accountsTotal).toBe(data.report.accounts.length);
    expect(summary.providers).toContainEqual({ id: 'aws', name: 'AWS', accounts: ACCOUNTS });
    expect(summary.providers.map((provider) => provider.id).sort()).toEqual(
      ['1password', 'aws', 'google', 'google-workspace', 'microsoft', 'microsoft-entra'].sort(),
    );
    expect(summary.providers.reduce((sum, provider) => sum + provider.accounts, 0)).toBe(
      summary.accountsTotal,
    );
    expect(summary.ranking.filter((rank) => rank.provider === 'aws')).toHaveLength(ACCOUNTS);
    expect(summary.accounts).toHaveLength(ACCOUNTS_PER_PAGE);
    expect(summary.ranking.map((rank) => rank.id).sort()).toEqual(
      data.report.accounts.map((account) => account.id).sort(),
    );
    expect(summary.accounts.map((account) => account.id)).toEqual(
      summary.ranking.slice(0, ACCOUNTS_PER_PAGE).map((rank) => rank.id),
    );
    const grouped = summary.findingGroups.reduce((sum, group) => sum + group.count, 0);
    expect(grouped).toBe(data.report.findings.length);
    expect(summary.doFirst).toEqual(data.report.doFirst);
    expect(bytes).toBeLessThan(JSON.stringify(data.report).length / 2);
  });

  it('answers a what-if with counts by state and the capabilities it changed', async () => {
    const standing = data.situations.evaluate({ lost: [], restored: [], deadline: data.deadline });
    const before = (await json('/api/whatif', {})).value as SituationSummary;
    expect(before.summarized).toBe(true);
    const total = Object.values(before.states).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(standing.capabilities.length);

    const after = (await json('/api/whatif', { lost: ['team-vault'] })).value as SituationSummary;
    const full = data.situations.evaluate({ lost: ['team-vault'], restored: [], deadline: data.deadline });
    const changed = full.capabilities.filter((view, i) => view.state !== standing.capabilities[i]!.state);
    expect(changed.length).toBeGreaterThan(0);
    expect(after.changedCapabilities).toBe(changed.length);
    for (const capability of changed) {
      const was = standing.capabilities.find((each) => each.id === capability.id)!;
      expect(after.capabilities.find((each) => each.id === capability.id)).toEqual(
        JSON.parse(
          JSON.stringify({
            ...briefOf(capability),
            was: { state: was.state, stateLabel: was.stateLabel, colour: was.colour, verdict: was.verdict },
          }),
        ),
      );
    }
    // The page draws no lockout sets (an account's details carry them): half of a click's answer, not sent.
    for (const capability of after.capabilities) expect(capability).not.toHaveProperty('lockoutSets');
    expect(after.events.find((event) => event.id === 'team-vault')?.change).toBe('lost');
  });

  it('sends, of what a shared factor evaluates again, only the capabilities whose state it changed', async () => {
    const standing = data.situations.evaluate({ lost: [], restored: [], deadline: data.deadline });
    const before = (await json('/api/whatif', {})).value as SituationSummary;
    const shownBefore = new Set(before.ranking.map((rank) => rank.id));
    // The factors of the generated Organization every account shares: each evaluates thousands of capabilities
    // again at scale, most of them unchanged.
    for (const factor of ['card-main', 'team-vault', 'aiko-phone']) {
      const summary = (await json('/api/whatif', { lost: [factor] })).value as SituationSummary;
      const full = data.situations.evaluate({ lost: [factor], restored: [], deadline: data.deadline });
      const changed = new Set(
        full.capabilities.flatMap((view, i) =>
          view.state !== standing.capabilities[i]!.state ? [view.id] : [],
        ),
      );
      const shown = new Set(summary.ranking.map((rank) => rank.id));
      expect(summary.reevaluatedCapabilities).toBeGreaterThan(changed.size);
      expect(summary.changedCapabilities).toBe(changed.size);
      // Each sent capability is of an account the page shows, or one the scenario changed (with what it was).
      for (const capability of summary.capabilities) {
        if (changed.has(capability.id)) expect(capability.was?.state).not.toBe(capability.state);
        else expect(shown.has(capability.accountId)).toBe(true);
      }
      for (const id of changed) expect(summary.capabilities.map((each) => each.id)).toContain(id);
      // The changes counted by state before and after, as many as changed.
      const counted = new Map<string, number>();
      full.capabilities.forEach((view, i) => {
        const was = standing.capabilities[i]!.state;
        if (view.state !== was)
          counted.set(`${was}>${view.state}`, (counted.get(`${was}>${view.state}`) ?? 0) + 1);
      });
      expect(
        new Map(summary.stateChanges.map((change) => [`${change.from}>${change.to}`, change.count])),
      ).toEqual(counted);
      expect(shownBefore.size).toBe(ACCOUNTS_PER_PAGE);
    }
  });

  it("summarizes a what-if without reading the status of every gate (only the graph's picture needs them)", () => {
    const scenario = { lost: ['key-07'], restored: [] };
    const situation = data.situations.evaluate(scenario);
    const standing = data.situations.evaluate({ lost: [], restored: [] });
    // Reading them copies every gate's status (113,000 at 10,000 accounts): most of a click's time.
    let gateReads = 0;
    const watched: SituationView = Object.create(situation) as SituationView;
    for (const key of Object.keys(situation)) {
      Object.defineProperty(watched, key, {
        enumerable: true,
        get: () => {
          if (key === 'gates') gateReads += 1;
          return situation[key as keyof SituationView];
        },
      });
    }
    const summary = summarizeSituation(data.report, watched, standing);
    expect(gateReads).toBe(0);
    expect(summary.gates).toEqual({});
    expect(summary.lost).toEqual(['key-07']);
    expect(summary.asOf).toBe(situation.asOf);
  });

  it('opens an account on demand: its capabilities as the full situation has them, and its graph', async () => {
    const id = data.report.accounts[7]!.id;
    const detail = (await json(`/api/account/${id}?lost=key-07`)).value as AccountDetail;
    const full: SituationView = data.situations.evaluate({
      lost: ['key-07'],
      restored: [],
      deadline: data.deadline,
    });
    expect(detail.account.id).toBe(id);
    expect(detail.capabilities).toEqual(
      JSON.parse(JSON.stringify(full.capabilities.filter((capability) => capability.accountId === id))),
    );
    expect(detail.graph.nodes.some((node) => node.kind === 'account' && node.accountId === id)).toBe(true);
    expect(detail.graph.nodes.every((node) => node.kind !== 'account' || node.accountId === id)).toBe(true);
    const missing = await app.request('/api/account/999999999999', { headers: auth });
    expect(missing.status).toBe(404);
  });

  it('draws the graph of the accounts asked for, not of every account', async () => {
    const id = data.report.accounts[3]!.id;
    const picture = (await json(`/api/graph?account=${id}`)).value as GraphPicture & {
      situation: SituationSummary;
    };
    const accounts = picture.nodes.filter((node) => node.kind === 'account');
    expect(accounts.map((node) => node.accountId)).toEqual([id]);
    expect(picture.situation.summarized).toBe(true);
  });
});

describe('a small inventory', () => {
  it('still gets the whole report and situation at once', async () => {
    const small = await loadDashboard({ example: 'small-team' });
    const smallApp = createApp({ data: small, token, store: join(tmpdir(), 'lockout-none.db') });
    const report = await smallApp.request('/api/report', { headers: auth });
    // The whole report, each account with its provider (every one at AWS here).
    expect(await report.json()).toEqual(
      JSON.parse(
        JSON.stringify({
          ...small.report,
          providers: [{ id: 'aws', name: 'AWS', accounts: small.report.accounts.length }],
          accounts: small.report.accounts.map((account) => ({ ...account, provider: 'aws' })),
        }),
      ),
    );
    const whatIf = await smallApp.request('/api/whatif', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const situation = (await whatIf.json()) as SituationView;
    expect(situation.events.length).toBe(small.situations.recovery.graph.events.length);
    expect('summarized' in situation).toBe(false);
  });
});
