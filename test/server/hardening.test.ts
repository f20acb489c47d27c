/**
 * The dashboard against hostile or careless requests, through `app.request()`: asset names that are names of
 * Object's own properties are not files (404, not 500), a request body has a size limit (413 before it is
 * read whole, even when it never ends), and every response — refusals and errors included — carries the
 * security headers.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { loadDashboard, type DashboardData } from '../../src/server/dashboard.js';

const token = 'c'.repeat(64);
const auth = { Authorization: `Bearer ${token}` };
const host = '127.0.0.1:4321';
const origin = `http://${host}`;

let incident: DashboardData;
let app: Hono;

beforeAll(async () => {
  incident = await loadDashboard({ example: 'incident', deadline: '2022-06-30' });
  app = createApp({ data: incident, token, allowedHosts: [host] });
});

describe('asset names', () => {
  it.each([
    '/vendor/constructor',
    '/vendor/toString',
    '/vendor/__proto__',
    '/vendor/hasOwnProperty',
    '/vendor/valueOf',
  ])('%s is not found', async (path) => {
    const response = await app.request(`${origin}${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('request bodies', () => {
  const limit = 1024 * 1024;

  it('refuses a declared body over 1 MB with 413 and a message', async () => {
    const body = JSON.stringify({ lost: ['x'.repeat(limit)] });
    const response = await app.request(`${origin}/api/whatif`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      body,
    });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.error).toBe('too-large');
    expect(answer.message).toContain('1 MB');
  });

  it('stops reading a streamed body once it passes 1 MB', async () => {
    // 32 MB without a declared length: without a limit all of it would be read (a real client can send more).
    const total = 32 * limit;
    let sent = 0;
    const chunk = new TextEncoder().encode(`"${'x'.repeat(64 * 1024 - 2)}",`);
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"lost":['));
      },
      pull(controller) {
        if (sent >= total) {
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await app.request(`${origin}/api/plan`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: endless,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    // Read no further than the limit and the stream's look-ahead.
    expect(sent).toBeLessThan(limit + 16 * chunk.length);
  }, 10_000);

  it('still takes a body under the limit', async () => {
    const response = await app.request(`${origin}/api/whatif`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lost: [] }),
    });
    expect(response.status).toBe(200);
  });
});

describe('security headers', () => {
  type Init = RequestInit & { headers?: Record<string, string> };
  const cases: [string, string, Init, number][] = [
    ['the page', `${origin}/`, { headers: auth }, 200],
    ['an API answer', `${origin}/api/report`, { headers: auth }, 200],
    ['a foreign Host', 'http://evil.example/api/report', { headers: auth }, 403],
    ['a foreign Host on the page', 'http://evil.example/', {}, 403],
    ['no token', `${origin}/api/report`, {}, 401],
    ['an unknown API route', `${origin}/api/nothing`, { headers: auth }, 404],
    ['an unknown page', `${origin}/nothing`, {}, 404],
    ['an unknown asset', `${origin}/vendor/constructor`, {}, 404],
    [
      'a bad request',
      `${origin}/api/whatif`,
      { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{' },
      400,
    ],
    [
      'a body too large',
      `${origin}/api/whatif`,
      {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': String(2 ** 21) },
        body: ' '.repeat(2 ** 21),
      },
      413,
    ],
  ];

  it.each(cases)('%s carries them', async (_name, url, init, status) => {
    const response = await app.request(url, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('an internal error carries them and no stack trace', async () => {
    // A source that fails on reading: what a bug in loading or analysis looks like to the app.
    const failing = createApp({
      token,
      allowedHosts: [host],
      data: {
        get current(): DashboardData {
          throw new Error('analysis failed');
        },
        status: () => ({ version: 1, loadedAt: new Date(0).toISOString() }),
      },
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      const response = await failing.request(`${origin}/api/report`, { headers: auth });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).not.toContain('analysis failed');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
