/**
 * The dashboard's race against the suspension date (POST /api/race), through `app.request()`: with a deadline
 * (lockout serve --deadline, or the what-if's), each capability's fastest way back against the days left, and
 * what an unpaid bill on that day takes, with the way back that would remain. The fixture is issue 11's item 1
 * once it happened: the card revoked, the password vault lost, root's mail domain hosted in a member account.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { loadDashboard } from '../../src/server/dashboard.js';
import type { CapabilityRace, RaceView } from '../../src/server/race.js';

const token = 'b'.repeat(64);
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const management = '111111111111';
const fixture = 'test/fixtures/truth/dns-in-member-unpaid.yaml';

let withDeadline: Hono;
let withoutDeadline: Hono;

beforeAll(async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'lockout-race-')), 'none.db');
  withDeadline = createApp({
    data: await loadDashboard({ inventory: fixture, deadline: '2026-12-19' }),
    token,
    store,
  });
  withoutDeadline = createApp({ data: await loadDashboard({ inventory: fixture }), token, store });
});

async function race(app: Hono, body: unknown): Promise<Response> {
  return app.request('/api/race', { method: 'POST', headers: auth, body: JSON.stringify(body) });
}

function capability(view: RaceView, id: string): CapabilityRace {
  const found = view.capabilities.find((each) => each.id === id);
  if (!found)
    throw new Error(`no capability ${id} in ${view.capabilities.map((each) => each.id).join(', ')}`);
  return found;
}

describe('the race against the suspension date', () => {
  it("with lockout serve's deadline: the way back against the days left, and what the day would take", async () => {
    const response = await race(withDeadline, {});
    expect(response.status).toBe(200);
    const view = (await response.json()) as RaceView;
    expect(view).toMatchObject({
      asOf: '2026-12-01',
      deadline: '2026-12-19',
      daysLeft: 19,
      suspensionDay: '2026-12-20',
    });
    // The bill is unpaid now; root resets its password by mail and pays in minutes, well before the date.
    const bill = capability(view, `${management}/keep-bill-paid`);
    expect(bill.now).toBe('lost');
    expect(bill.wayBack!.possible).toBe(true);
    expect(bill.wayBack!.duration!.typical).toBeLessThan(1);
    expect(bill.wayBack!.race).toBe('won');
    expect(bill.wayBack!.slack!.typical).toBeGreaterThan(18 * 24);
    // If it is still unpaid on the date: root's mail domain goes with the member, and no way back remains.
    expect(bill.later).toBe('lost');
    expect(bill.afterDeadline).toEqual({ possible: false, steps: [] });
    const root = capability(view, `${management}/root-sign-in`);
    expect(root.now).not.toBe('lost');
    expect(root.wayBack).toBeUndefined();
    expect(root.later).toBe('lost');
    expect(root.afterDeadline?.possible).toBe(false);
  });

  it("the what-if's deadline replaces serve's: fewer days left, the same minutes", async () => {
    const view = (await (await race(withDeadline, { deadline: '2026-12-02' })).json()) as RaceView;
    expect(view).toMatchObject({ deadline: '2026-12-02', daysLeft: 2, suspensionDay: '2026-12-03' });
    const bill = capability(view, `${management}/keep-bill-paid`);
    expect(bill.wayBack!.race).toBe('won');
    expect(bill.wayBack!.slack!.typical).toBeLessThan(2 * 24);
  });

  it("a what-if loss counts: root's security key lost, the way back goes through alternative factors", async () => {
    const view = (await (await race(withDeadline, { lost: ['key-kim'] })).json()) as RaceView;
    const bill = capability(view, `${management}/keep-bill-paid`);
    expect(bill.wayBack!.steps.join(' | ')).toMatch(/Alternative factors/);
    expect(bill.wayBack!.steps.join(' | ')).not.toMatch(/MFA device/);
    expect(bill.wayBack!.race).toBe('won');
  });

  it('without any deadline there is nothing to race against', async () => {
    const response = await race(withoutDeadline, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deadline: null });
    // A deadline set in the what-if is enough.
    const view = (await (await race(withoutDeadline, { deadline: '2026-12-19' })).json()) as RaceView;
    expect(view.daysLeft).toBe(19);
  });

  it('refuses an impossible date and unknown factors with a 400 naming them', async () => {
    const bad = await race(withDeadline, { deadline: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('2026-02-30');
    const unknown = await race(withDeadline, { lost: ['no-such-factor'] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain('"no-such-factor"');
  });

  it('a capability whose normal state is lost stays lost after the date: the incident, 2022-06-15', async () => {
    const incident = createApp({
      data: await loadDashboard({ example: 'incident', deadline: '2022-06-30' }),
      token,
      store: join(mkdtempSync(join(tmpdir(), 'lockout-race-')), 'none.db'),
    });
    const view = (await (await race(incident, { deadline: '2022-06-15' })).json()) as RaceView;
    const bill = capability(view, '111122223333/keep-bill-paid');
    // The revoked card: lost now, and identity verification (about 9 days) ends after the date.
    expect(bill.now).toBe('lost');
    expect(bill.wayBack!.race).toBe('lost');
    expect(bill.wayBack!.slack!.typical).toBeLessThan(0);
    expect(bill.later).toBe('lost');
    expect(bill.afterDeadline).toBeDefined();
  });

  it('needs the token', async () => {
    const response = await withDeadline.request('/api/race', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});
