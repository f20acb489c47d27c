/**
 * Dates in the dashboard's API go through the same check as the command line's options: an impossible or
 * out-of-range day is a 400 naming the field, never a 500 or a day silently moved.
 */

import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadDashboard } from '../../src/server/dashboard.js';

const token = 'b'.repeat(64);
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
let app: Hono;

beforeAll(async () => {
  const data = await loadDashboard({ example: 'incident', deadline: '2022-06-30' });
  app = createApp({ data, token });
});

async function post(path: string, body: unknown): Promise<{ status: number; message: string }> {
  const response = await app.request(path, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  const answer = (await response.json()) as { message?: string };
  return { status: response.status, message: answer.message ?? '' };
}

describe('/api/plan', () => {
  it.each([
    [{ now: '9999-12-31' }, 'now 9999-12-31'],
    [{ now: '0099-06-17' }, 'now 0099-06-17'],
    [{ now: '2022-02-30T09:00' }, 'now 2022-02-30T09:00'],
    [{ deadline: '2022-02-30' }, 'deadline 2022-02-30'],
    [{ cardFailed: '9999-12-31' }, 'cardFailed 9999-12-31'],
    [{ notices: [{ kind: 'past-due', date: '2022-02-30' }] }, 'notices.0.date 2022-02-30'],
    [{ booked: [{ kind: 'notary', date: '9999-12-31' }] }, 'booked.0.date 9999-12-31'],
  ])('%j is a 400 naming the field', async (body, field) => {
    const answer = await post('/api/plan', { tz: 'Asia/Tokyo', ...body });
    expect(answer.status).toBe(400);
    expect(answer.message).toContain(field);
  });
});

describe('/api/whatif', () => {
  it.each(['2022-02-30', '2022-13-01', '9999-12-31', '0099-06-17'])(
    'deadline %s is a 400 naming the field',
    async (deadline) => {
      const answer = await post('/api/whatif', { lost: [], deadline });
      expect(answer.status).toBe(400);
      expect(answer.message).toContain(`deadline ${deadline}`);
    },
  );

  it('a real deadline is answered', async () => {
    const answer = await post('/api/whatif', { lost: [], deadline: '2022-06-30' });
    expect(answer.status).toBe(200);
  });
});
