/**
 * The dashboard's routes through `app.request()`, without a server: the token on every API route (bearer or
 * cookie), the report and graph shapes, what-if on the incident (losing both photo IDs takes root sign-in;
 * getting the old phone back gives a fast way), the incident plan (the replay of 2022 is late), the history and
 * its diffs, static files, and escaping.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { runPlan } from '../../src/cli/plan-command.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { createApp } from '../../src/server/app.js';
import { loadDashboard, type DashboardData } from '../../src/server/dashboard.js';
import type { GraphPicture } from '../../src/server/graph-picture.js';
import type { DiffView, HistoryView } from '../../src/server/history.js';
import type { CapabilityView, SituationView } from '../../src/server/situation.js';
import { openStore, saveScan } from '../../src/store/index.js';
import { accountFacts, factActions, scanResult, seen } from '../store/scan-builder.js';
import { serverTimes } from '../support/server-timing.js';

const token = 'a'.repeat(64);
const account = '111122223333';
const rootSignIn = `${account}/root-sign-in`;
const auth = { Authorization: `Bearer ${token}` };

let incident: DashboardData;
let app: Hono;

beforeAll(async () => {
  incident = await loadDashboard({ example: 'incident', deadline: '2022-06-30' });
  app = createApp({ data: incident, token, store: join(emptyDir(), 'none.db') });
});

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'lockout-server-'));
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The incident of 2022 as it happened: what the Plan page starts with for the incident example. */
const replay = {
  notices: [
    { kind: 'past-due', date: '2022-06-09' },
    { kind: 'suspension', date: '2022-06-17' },
  ],
  deadline: '2022-06-30',
  now: '2022-06-17',
  booked: [{ kind: 'notary', date: '2022-06-27' }],
  tz: 'Asia/Tokyo',
};
const replayBody = JSON.stringify(replay);

async function plan(body: unknown): Promise<Response> {
  return app.request('/api/plan', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function whatIf(body: unknown): Promise<Response> {
  return app.request('/api/whatif', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function capability(situation: SituationView, id: string): CapabilityView {
  const found = situation.capabilities.find((each) => each.id === id);
  if (!found) throw new Error(`no capability ${id}`);
  return found;
}

describe('the access token', () => {
  type Init = { method?: string; body?: string; headers?: Record<string, string> };
  const routes: [string, Init?][] = [
    ['/api/report'],
    ['/api/graph'],
    ['/api/history'],
    ['/api/diff'],
    ['/api/whatif', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }],
    ['/api/plan/defaults'],
    ['/api/plan', { method: 'POST', body: replayBody, headers: { 'Content-Type': 'application/json' } }],
  ];

  it.each(routes)('%s answers 401 without it, or with a wrong one', async (path, init) => {
    expect((await app.request(path, init)).status).toBe(401);
    const wrong = { ...init, headers: { ...init?.headers, Authorization: `Bearer ${'b'.repeat(64)}` } };
    expect((await app.request(path, wrong)).status).toBe(401);
  });

  it.each(routes)('%s answers with the bearer token', async (path, init) => {
    const response = await app.request(path, { ...init, headers: { ...init?.headers, ...auth } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('opening the page with ?token= sets an HTTP-only cookie and drops the token from the address', async () => {
    const opened = await app.request(`/?token=${token}`);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/');
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`lockout-token=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const pair = cookie.split(';')[0]!;
    expect((await app.request('/api/report', { headers: { Cookie: pair } })).status).toBe(200);
    const page = await app.request('/', { headers: { Cookie: pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/static/main.js');
  });

  it('the page without the token, or with a wrong one, says how to get in', async () => {
    for (const path of ['/', `/?token=${'b'.repeat(64)}`]) {
      const response = await app.request(path);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('Access token needed');
    }
  });

  it('refuses a Host that is not the server’s own', async () => {
    const bound = createApp({ data: incident, token, allowedHosts: ['127.0.0.1:4321'] });
    const rebound = await bound.request('http://evil.example/api/report', { headers: auth });
    expect(rebound.status).toBe(403);
    const own = await bound.request('http://127.0.0.1:4321/api/report', { headers: auth });
    expect(own.status).toBe(200);
  });

  it('sends a strict content security policy and no referrer', async () => {
    const response = await app.request('/api/report', { headers: auth });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('GET /api/report', () => {
  it('is the check report of the inventory', async () => {
    const report = await json<CheckReport>(await app.request('/api/report', { headers: auth }));
    expect(report.tool.name).toBe('lockout');
    expect(report.inventory).toBe('examples/incident-2022.yaml');
    expect(report.asOf).toBe('2022-06-09');
    expect(report.deadline).toBe('2022-06-30');
    expect(report.accounts.map((each) => each.id)).toEqual([account]);
    expect(report.accounts[0]!.capabilities.map((each) => each.id)).toEqual([
      'root-sign-in',
      'change-payment-method',
      'keep-bill-paid',
      'receive-billing-notices',
      'hear-about-trouble',
    ]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.summary.findings.critical).toBeGreaterThan(0);
  });
});

describe('GET /api/graph', () => {
  it('draws accounts, capabilities, ways and factors, coloured with words beside the colours', async () => {
    const picture = await json<GraphPicture & { situation: SituationView }>(
      await app.request('/api/graph', { headers: auth }),
    );
    const node = (id: string) => picture.nodes.find((each) => each.id === id);
    expect(node(`account:${account}`)).toMatchObject({ kind: 'account', colour: 'red' });
    expect(node(rootSignIn)).toMatchObject({
      kind: 'capability',
      colour: 'red',
      statusText: 'LOCKED OUT FOR NOW',
    });
    expect(node('old-phone')).toMatchObject({
      kind: 'factor',
      colour: 'red',
      statusText: 'LOST (declared lost)',
    });
    expect(node(`${rootSignIn}/identity-verification`)).toMatchObject({
      kind: 'way',
      colour: 'red',
      statusText: 'HOLDS BUT SLOW: ~9 days',
    });
    // Alex alone takes every way back; the password database is under capabilities with no fast way already,
    // and its loss alone changes none of them: not a single point of failure.
    expect(node('alex')).toMatchObject({ singlePoint: true, colour: 'amber' });
    expect(node('keepass')).toMatchObject({ singlePoint: false, colour: 'green' });
    expect(picture.edges).toContainEqual({ from: `account:${account}`, to: rootSignIn, kind: 'has' });
    expect(picture.edges).toContainEqual({
      from: rootSignIn,
      to: `${rootSignIn}/mfa-sign-in`,
      kind: 'any-of',
    });
    const ids = new Set(picture.nodes.map((each) => each.id));
    for (const edge of picture.edges) {
      expect(ids.has(edge.from) && ids.has(edge.to), `${edge.from} -> ${edge.to}`).toBe(true);
    }
  });

  it('colours the graph for a scenario given in the query', async () => {
    const picture = await json<GraphPicture>(
      await app.request('/api/graph?restored=old-phone', { headers: auth }),
    );
    const root = picture.nodes.find((each) => each.id === rootSignIn)!;
    expect(root.colour).toBe('amber');
    expect(picture.nodes.find((each) => each.id === 'old-phone')).toMatchObject({
      colour: 'amber',
      statusText: 'RESTORED, SINGLE POINT',
    });
  });
});

describe('POST /api/whatif', () => {
  it('as things stand, root sign-in is locked out for now: only identity verification, ~9 days', async () => {
    const situation = await json<SituationView>(await whatIf({}));
    const root = capability(situation, rootSignIn);
    expect(root.status).toBe('at-risk');
    expect(root.colour).toBe('red');
    expect(root.headline).toBe('Sign in as root — LOCKED OUT FOR NOW: only identity verification, ~9 days');
    expect(situation.deadlineHours).toBe(21 * 24);
    expect(root.fastest.steps).toHaveLength(1);
    expect(root.fastest.slack!.typical).toBe(21 * 24 - 216);
  });

  it('losing the passport and the driving licence takes root sign-in', async () => {
    const situation = await json<SituationView>(await whatIf({ lost: ['passport', 'driving-licence'] }));
    const root = capability(situation, rootSignIn);
    expect(root.status).toBe('lost');
    expect(root.colour).toBe('red');
    expect(root.verdict).toBe('LOST');
    expect(root.ways.every((way) => way.status === 'lost')).toBe(true);
    // The way back: renew a document, then identity verification, which starts when the document is back.
    const [renew, verify] = root.fastest.steps;
    expect(renew).toMatchObject({ kind: 'restore', start: { typical: 0 } });
    expect(verify).toMatchObject({ kind: 'process' });
    expect(verify!.label).toMatch(/^Identity verification/);
    expect(verify!.start.typical).toBe(renew!.end.typical);
    expect(root.fastest.duration.typical).toBe(verify!.end.typical);
    expect(root.fastest.slack!.typical).toBeLessThan(0);
    expect(situation.lost).toEqual(['passport', 'driving-licence']);
    expect(situation.events.find((event) => event.id === 'passport')).toMatchObject({
      lost: true,
      lostNow: false,
      change: 'lost',
    });
  });

  it('getting the old phone back makes root sign-in hold with a fast way, one loss away', async () => {
    const situation = await json<SituationView>(await whatIf({ restored: ['old-phone'] }));
    const root = capability(situation, rootSignIn);
    expect(root.status).toBe('at-risk');
    expect(root.colour).toBe('amber');
    const mfa = root.ways.find((way) => way.id === 'mfa-sign-in')!;
    expect(mfa).toMatchObject({ status: 'at-risk', fast: true });
    expect(mfa.duration!.typical).toBeLessThan(1);
    expect(root.fastSinglePoints.map((factor) => factor.id)).toContain('old-phone');
    expect(root.headline).toMatch(/^Sign in as root — HOLDS, ONE LOSS AWAY: MFA sign-in/);
    // Paying again now takes minutes: root signs in and changes the card.
    const bill = capability(situation, `${account}/keep-bill-paid`);
    expect(bill.colour).toBe('amber');
    expect(bill.fastest.duration.typical).toBeLessThan(1);
    expect(situation.restored).toEqual(['old-phone']);
  });

  it('restoring the phone and then losing it again is where we started', async () => {
    const start = await json<SituationView>(await whatIf({}));
    const again = await json<SituationView>(await whatIf({ lost: ['old-phone'] }));
    expect(capability(again, rootSignIn).colour).toBe(capability(start, rootSignIn).colour);
    expect(again.lost).toEqual([]);
  });

  it('takes a deadline for the timeline', async () => {
    const situation = await json<SituationView>(await whatIf({ deadline: '2022-06-12' }));
    expect(situation.deadlineHours).toBe(72);
    expect(capability(situation, rootSignIn).fastest.slack!.typical).toBe(72 - 216);
    const none = await json<SituationView>(await whatIf({ deadline: null }));
    expect(none.deadlineHours).toBeUndefined();
  });

  it('says how long the server took, as Server-Timing: evaluating, summarizing, writing the JSON', async () => {
    const response = await whatIf({ lost: ['passport'] });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const durations = serverTimes(response.headers.get('server-timing') ?? '');
    expect(Object.keys(durations)).toEqual(['evaluate', 'summary', 'json']);
    for (const duration of Object.values(durations)) expect(duration).toBeGreaterThanOrEqual(0);
    // The body is the answer, as before.
    expect(capability(await json<SituationView>(response), rootSignIn).status).toBe('at-risk');
  });

  it('refuses unknown factors and malformed bodies with 400 and a message', async () => {
    const unknown = await whatIf({ lost: ['no-such-thing'] });
    expect(unknown.status).toBe(400);
    expect((await json<{ message: string }>(unknown)).message).toContain('"no-such-thing"');
    expect((await whatIf({ lost: 'passport' })).status).toBe(400);
    expect((await whatIf({ deadline: 'June' })).status).toBe(400);
    const notJson = await app.request('/api/whatif', {
      method: 'POST',
      headers: auth,
      body: 'lost=passport',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('POST /api/plan', () => {
  type PlanJson = {
    verdict: string;
    headline: string;
    timeZone: string;
    deadline: { day: string; at: string };
    steps: { id: string; end: string; critical: boolean; awsSide: boolean; afterDeadline: boolean }[];
    escalation: { first: boolean; request: string };
  };
  const pacificDay = (iso: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(iso));

  it('starts the form from the incident as it happened', async () => {
    const response = await app.request('/api/plan/defaults', { headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject(replay);
  });

  it('replays the incident: LATE, MFA removed on 2022-07-01 US Pacific, the hold request first', async () => {
    const response = await plan(replay);
    expect(response.status).toBe(200);
    const body = await json<PlanJson>(response);
    expect(body.verdict).toBe('late');
    expect(body.headline).toMatch(/^LATE: /);
    expect(body.timeZone).toBe('Asia/Tokyo');
    expect(body.deadline.at).toBe('2022-07-01T07:00:00.000Z');
    const removed = body.steps.find((step) => step.id === 'mfa-removed')!;
    expect(pacificDay(removed.end)).toBe('2022-07-01');
    expect(removed.afterDeadline).toBe(true);
    expect(removed.critical).toBe(true);
    expect(body.steps.find((step) => step.id === 'aws-review')!.awsSide).toBe(true);
    expect(body.escalation.first).toBe(true);
    expect(body.escalation.request).toMatch(/hold/i);
  });

  it('is the same plan as lockout plan gives', async () => {
    const { output } = await runPlan(undefined, {
      example: 'incident',
      notice: ['past-due:2022-06-09', 'suspension:2022-06-17'],
      deadline: '2022-06-30',
      now: '2022-06-17',
      booked: ['notary:2022-06-27'],
      tz: 'Asia/Tokyo',
      format: 'json',
    });
    expect(await (await plan(replay)).json()).toEqual(JSON.parse(output));
  });

  it('refuses bad dates, zones, factors and bodies with 400 and a message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...replay, deadline: '2022-02-30' }, /deadline 2022-02-30: expected a date/],
      [{ ...replay, now: 'tomorrow' }, /now tomorrow: expected YYYY-MM-DD/],
      [{ ...replay, notices: [{ kind: 'past-due', date: '06/09' }] }, /notices\.0\.date/],
      [{ ...replay, notices: [{ kind: 'overdue', date: '2022-06-09' }] }, /notices\.0\.kind/],
      [{ ...replay, tz: 'Mars/Olympus' }, /not a time zone/],
      [{ ...replay, lost: ['no-such-phone'] }, /no factor "no-such-phone"/],
      [{ ...replay, account: 'nobody' }, /no account "nobody"/],
      [{ ...replay, extra: 1 }, /extra|unrecognized/i],
      ['not json', /must be JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await plan(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = await json<{ error: string; message: string }>(response);
      expect(answer.error).toBe('bad-request');
      expect(answer.message).toMatch(message);
    }
  });
});

describe('GET /api/history and /api/diff', () => {
  it('are empty, without creating a store, when there is none', async () => {
    const history = await json<HistoryView>(await app.request('/api/history', { headers: auth }));
    expect(history).toEqual({ store: null, scans: [] });
    const diff = await json<DiffView>(await app.request('/api/diff', { headers: auth }));
    expect(diff.changes).toEqual([]);
    expect(diff.note).toMatch(/No scans yet/);
  });

  it('refuse a file that is not a Lockout store with a message, not a 500, and leave it alone', async () => {
    const path = join(emptyDir(), 'notes.txt');
    writeFileSync(path, 'my own notes, not a database\n');
    const withForeign = createApp({ data: incident, token, store: path });
    for (const route of ['/api/history', '/api/diff']) {
      const response = await withForeign.request(route, { headers: auth });
      expect(response.status, route).toBe(409);
      const answer = await json<{ error: string; message: string }>(response);
      expect(answer.error).toBe('store');
      expect(answer.message).toContain(path);
    }
    expect(readFileSync(path, 'utf8')).toBe('my own notes, not a database\n');
  });

  it.each(['1e3', '0x10', '1.0', ' 2'])('refuse a scan id written as %j', async (id) => {
    const response = await app.request(`/api/diff?from=${encodeURIComponent(id)}`, { headers: auth });
    expect(response.status).toBe(400);
  });

  it("list only the scans of the inventory's accounts, and compare the latest two of them", async () => {
    const path = join(emptyDir(), 'lockout.db');
    const store = openStore(path);
    const at = (day: string) => ({ startedAt: `${day}T08:00:00.000Z`, finishedAt: `${day}T08:00:40.000Z` });
    // The incident's account is 111122223333; the store also holds scans of an account it does not declare.
    const mine = saveScan(
      store,
      scanResult({ ...at('2024-05-01'), accounts: [accountFacts('111122223333')] }),
      [],
    );
    const mineLater = saveScan(
      store,
      scanResult({
        ...at('2024-06-01'),
        accounts: [accountFacts('111122223333', { rootMfaEnabled: seen(false, factActions.rootMfaEnabled) })],
      }),
      [],
    );
    saveScan(store, scanResult({ ...at('2024-07-01'), accounts: [accountFacts('999999999999')] }), []);
    store.close();
    const withStore = createApp({ data: incident, token, store: path });
    const history = await json<HistoryView>(await withStore.request('/api/history', { headers: auth }));
    expect(history.scans.map((scan) => scan.id)).toEqual([mineLater, mine]);
    const diff = await json<DiffView>(await withStore.request('/api/diff', { headers: auth }));
    expect([diff.from?.id, diff.to?.id]).toEqual([mine, mineLater]);
    expect(diff.changes.map((change) => change.kind)).toContain('root-mfa-disabled');
  });

  it('list the scans and what changed, with phone numbers masked', async () => {
    const path = join(emptyDir(), 'lockout.db');
    const store = openStore(path);
    const first = saveScan(store, scanResult({ accounts: [accountFacts('111122223333')] }), []);
    const changed = accountFacts('111122223333', {
      rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
      contactInformation: seen(
        { name: 'Hana Sato', phoneNumber: '+81 80-9999-0011' },
        factActions.contactInformation,
      ),
    });
    const second = saveScan(
      store,
      scanResult({
        startedAt: '2024-07-01T08:00:00.000Z',
        finishedAt: '2024-07-01T08:00:40.000Z',
        accounts: [changed],
      }),
      [],
    );
    store.close();
    const withStore = createApp({ data: incident, token, store: path });

    const history = await json<HistoryView>(await withStore.request('/api/history', { headers: auth }));
    expect(history.store).toBe(path);
    expect(history.scans.map((scan) => scan.id)).toEqual([second, first]);

    const response = await withStore.request('/api/diff', { headers: auth });
    const text = await response.text();
    const diff = JSON.parse(text) as DiffView;
    expect(diff.from!.id).toBe(first);
    expect(diff.to!.id).toBe(second);
    expect(diff.changes.map((change) => change.kind)).toEqual(
      expect.arrayContaining(['root-mfa-disabled', 'contact-phone-changed']),
    );
    expect(text).not.toContain('80-9999-0011');

    const explicit = await json<DiffView>(
      await withStore.request(`/api/diff?from=${first}&to=${second}`, { headers: auth }),
    );
    expect(explicit.changes).toEqual(diff.changes);
    expect((await withStore.request(`/api/diff?from=${first}`, { headers: auth })).status).toBe(400);
    expect((await withStore.request('/api/diff?from=1&to=99', { headers: auth })).status).toBe(400);
    expect((await withStore.request('/api/diff?from=x&to=2', { headers: auth })).status).toBe(400);
  });
});

describe('static files', () => {
  it('serves the page scripts, styles and the browser builds of cytoscape from the installed packages', async () => {
    for (const path of [
      '/static/main.js',
      '/static/style.css',
      '/vendor/cytoscape.js',
      '/vendor/cytoscape-dagre.js',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
    }
  });

  it('serves nothing outside the web folder', async () => {
    for (const path of ['/static/..%2Fpackage.json', '/static/.env', '/static/x.ts', '/vendor/dagre.js']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});

describe('escaping', () => {
  it('escapes what comes from the inventory in the page', async () => {
    const dir = emptyDir();
    const file = join(dir, 'lockout.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        "owner: '<img src=x onerror=alert(1)>'",
        'asOf: 2024-06-01',
        'accounts:',
        "  - id: '123456789012'",
        '    name: <b>shop</b>',
        '    organization: standalone',
      ].join('\n'),
    );
    const data = await loadDashboard({ inventory: file });
    const page = await createApp({ data, token }).request('/', { headers: auth });
    const text = await page.text();
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img src=x');
  });
});
