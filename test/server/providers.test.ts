/**
 * The dashboard's API groups accounts by provider (issue 16): on the incident with its outside link declared
 * (examples/incident-2022-outside.yaml: root's address is a Gmail address whose 2-Step Verification and
 * recovery rest on the old number), the report, the what-if situation, the graph and an account's details
 * carry each account's provider, name the providers with their model's display name, and mark the edge where
 * AWS rests on the Google account. Losing the old phone turns the Google sign-in red, and the race against the
 * deadline counts it.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { outsideProviders } from '../../src/providers/outside-providers.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { createApp } from '../../src/server/app.js';
import { loadDashboard, type DashboardData } from '../../src/server/dashboard.js';
import type { GraphPicture } from '../../src/server/graph-picture.js';
import type { AccountDetail } from '../../src/server/organization.js';
import { ProviderIndex, type ProviderGroup } from '../../src/server/providers.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { RaceView } from '../../src/server/race.js';
import type { SituationView } from '../../src/server/situation.js';

const token = 'c'.repeat(64);
const auth = { Authorization: `Bearer ${token}` };
const aws = '111122223333';
const google = 'google-alex';
const googleSignIn = `${google}/sign-in`;

let data: DashboardData;
let app: Hono;

beforeAll(async () => {
  data = await loadDashboard({ inventory: 'examples/incident-2022-outside.yaml', deadline: '2022-06-30' });
  const store = join(mkdtempSync(join(tmpdir(), 'lockout-providers-')), 'none.db');
  app = createApp({ data, token, store });
});

async function get<T>(path: string): Promise<T> {
  const response = await app.request(path, { headers: auth });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function whatIf(lost: string[]): Promise<SituationView> {
  const response = await app.request('/api/whatif', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ lost, restored: [] }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SituationView;
}

/** AWS with its one account, then Google with its one, named as the Google model names itself. */
const expectedProviders: ProviderGroup[] = [
  { id: 'aws', name: 'AWS', accounts: 1 },
  { id: 'google', name: outsideProviders.google.name, accounts: 1 },
];

describe('the providers of the accounts in the API', () => {
  it('the report gives each account its provider, and the providers by name', async () => {
    const report = await get<CheckReport & { providers: ProviderGroup[] }>('/api/report');
    expect(report.providers).toEqual(expectedProviders);
    const providerOf = Object.fromEntries(
      report.accounts.map((account) => [account.id, (account as { provider?: string }).provider]),
    );
    expect(providerOf).toEqual({ [aws]: 'aws', [google]: 'google' });
  });

  it('the what-if situation holds the Google account’s sign-in beside the AWS capabilities', async () => {
    const situation = await whatIf([]);
    expect(situation.providers).toEqual(expectedProviders);
    const signIn = situation.capabilities.find((capability) => capability.id === googleSignIn);
    expect(signIn).toMatchObject({
      accountId: google,
      accountName: "Alex's Google account",
      provider: 'google',
      capability: 'sign-in',
    });
    const rootSignIn = situation.capabilities.find((capability) => capability.id === `${aws}/root-sign-in`);
    expect(rootSignIn?.provider).toBe('aws');
    // AWS's capabilities first, as every report lists them.
    expect(situation.capabilities.at(-1)?.id).toBe(googleSignIn);
  });

  it('losing the old phone turns the Google sign-in red, as it does root’s mailbox-bound ways', async () => {
    const before = await whatIf([]);
    expect(before.capabilities.find((capability) => capability.id === googleSignIn)?.colour).not.toBe('red');
    const after = await whatIf(['old-phone']);
    const signIn = after.capabilities.find((capability) => capability.id === googleSignIn)!;
    expect(signIn.colour).toBe('red');
    expect(signIn.status).toBe('lost');
    // The old phone is a single point of failure of the Google sign-in as things stand.
    const phone = before.events.find((event) => event.id === 'old-phone')!;
    expect(phone.singlePointOf).toContain(googleSignIn);
  });

  it('the graph puts each node in its provider’s group and marks the edge from AWS to Google', async () => {
    const picture = await get<GraphPicture & { situation: SituationView }>('/api/graph');
    expect(picture.providers).toEqual([
      { id: 'aws', name: 'AWS' },
      { id: 'google', name: outsideProviders.google.name },
    ]);
    const node = (id: string) => picture.nodes.find((each) => each.id === id);
    expect(node(`account:${aws}`)?.provider).toBe('aws');
    expect(node(`account:${google}`)?.provider).toBe('google');
    expect(node(`${aws}/root-sign-in`)?.provider).toBe('aws');
    expect(node(googleSignIn)?.provider).toBe('google');
    // The mailbox of root's address is held by the Google account: it is drawn in Google's group.
    expect(node('aws-mailbox')?.provider).toBe('google');
    // The owner's own things belong to no provider.
    expect(node('old-phone')?.provider).toBeUndefined();
    const crossing = picture.edges.filter((edge) => edge.crossesProviders);
    expect(crossing).toContainEqual(
      expect.objectContaining({ from: `${aws}/receive-billing-notices`, to: 'aws-mailbox' }),
    );
    // Every crossing edge joins two providers, and no edge within one provider is marked.
    for (const edge of picture.edges) {
      const from = node(edge.from)?.provider;
      const to = node(edge.to)?.provider;
      expect(edge.crossesProviders === true).toBe(from !== undefined && to !== undefined && from !== to);
    }
  });

  it('the race against the deadline counts the Google sign-in among what the old phone takes', async () => {
    const response = await app.request('/api/race', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lost: ['old-phone'], restored: [], deadline: '2022-06-30' }),
    });
    expect(response.status).toBe(200);
    const race = (await response.json()) as RaceView;
    const signIn = race.capabilities.find((capability) => capability.id === googleSignIn);
    expect(signIn).toMatchObject({
      accountId: google,
      accountName: "Alex's Google account",
      provider: 'google',
      now: 'lost',
    });
    // Root's mailbox is at Google: AWS's billing notices are lost with it.
    const notices = race.capabilities.find(
      (capability) => capability.id === `${aws}/receive-billing-notices`,
    );
    expect(notices).toMatchObject({ provider: 'aws', now: 'lost' });
  });

  it('an outside account’s details carry its provider', async () => {
    const detail = await get<AccountDetail>(`/api/account/${google}`);
    expect(detail.capabilities.map((capability) => [capability.id, capability.provider])).toEqual([
      [googleSignIn, 'google'],
    ]);
    expect(detail.graph.providers.map((provider) => provider.id)).toContain('google');
  });
});

describe('which provider group a factor is drawn in', () => {
  it('what an outside account holds or registers is in its group; the owner’s own things in none', () => {
    const inventory: Inventory = {
      version: 1,
      accounts: [],
      outsideAccounts: [
        { id: 'gmail', provider: 'google' },
        { id: 'registrar', provider: 'other', name: 'A registrar' },
      ],
      factors: {
        mailboxes: [{ id: 'mailbox', address: 'owner@example.net', account: 'gmail' }],
        domains: [{ id: 'domain', name: 'example.net', registrar: 'registrar', dns: 'Some DNS host' }],
        devices: [{ id: 'phone', kind: 'phone' }],
      },
    };
    const index = new ProviderIndex(inventory);
    expect(index.holderOf('mailbox')).toBe('gmail');
    expect(index.holderOf('domain')).toBe('registrar');
    expect(index.holderOf('phone')).toBeUndefined();
    expect(index.providerOf('registrar')).toEqual({ id: 'other', name: outsideProviders.other.name });
    expect(index.providerOf('123456789012')).toEqual({ id: 'aws', name: 'AWS' });
    expect(index.groups.map((group) => [group.id, group.accounts])).toEqual([
      ['google', 1],
      ['other', 1],
    ]);
  });
});
