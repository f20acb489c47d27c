/**
 * bench/moto-org.py builds the fixture's Organization inside moto's own process (boto3 to moto's in-process mock)
 * and serves it with moto's threaded server: what the scan benchmark builds 10,000 members with. It must build what
 * buildOrganization builds over HTTP: the same calls, and the same facts for a scan, ids included (same seed, same
 * order). Its access-key index (--index-access-keys) must change nothing a scan sees.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scanAws } from '../../src/providers/aws/scan/scan.js';
import type { ScanResult } from '../../src/providers/aws/scan/facts.js';
import { buildOrganization } from './organization-fixture.js';
import { FAKE_CREDENTIALS, MOTO_REGION, startMotoServer, type MotoServer } from './moto-server.js';
import { startPythonOrganization } from './python-organization.js';

const MEMBERS = 12;
const servers: MotoServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
});

/** A whole scan of the Organization at `url`, every time in it (when it ran, when a domain expires) masked. */
async function scan(url: string): Promise<unknown> {
  const result = await scanAws({
    region: MOTO_REGION,
    endpoint: url,
    credentials: { ...FAKE_CREDENTIALS },
    org: true,
    roleName: 'OrganizationAccountAccessRole',
    concurrency: 4,
    maxAttempts: 1,
  });
  return masked(result);
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function masked(value: unknown): unknown {
  if (value instanceof Date) return 'time';
  if (typeof value === 'string') return ISO_TIME.test(value) ? 'time' : value;
  if (Array.isArray(value)) return value.map(masked);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, masked(inner)]));
  return value;
}

/** "IAM:CreateUser" (the SDK's names) and "iam:create_user" (boto3's) alike: "iam:createuser". */
function normalised(calls: Iterable<[string, number]>): Record<string, number> {
  const entries: [string, number][] = [...calls].map(([operation, count]) => [
    operation.toLowerCase().replace(/_/g, ''),
    count,
  ]);
  return Object.fromEntries(entries.sort());
}

describe('the Organization built in-process by bench/moto-org.py', () => {
  let overHttp: unknown;
  let httpCalls: Record<string, number>;

  it('makes the calls buildOrganization makes, and a scan sees the same facts, ids included', async () => {
    const moto = await startMotoServer();
    servers.push(moto);
    const built = await buildOrganization(moto.url, { members: MEMBERS });
    httpCalls = normalised(built.calls);
    overHttp = await scan(moto.url);
    await moto.stop();

    const python = await startPythonOrganization({ members: MEMBERS });
    servers.push(python);
    expect(python.accounts).toBe(MEMBERS + 1);
    expect(normalised(Object.entries(python.calls))).toEqual(httpCalls);
    const inProcess = await scan(python.url);
    await python.stop();

    const { stats, accounts } = inProcess as ScanResult;
    expect(stats.accountsReached).toBe(MEMBERS + 1);
    expect(accounts.map((account) => account.accountId)).toEqual(built.accounts.map((account) => account.id));
    expect(inProcess).toEqual(overHttp);
  }, 180_000);

  it('answers the same with its access-key index', async () => {
    const indexed = await startPythonOrganization({ members: MEMBERS, indexAccessKeys: true });
    servers.push(indexed);
    const seen = await scan(indexed.url);
    await indexed.stop();
    expect(seen).toEqual(overHttp);
  }, 120_000);
});
