/**
 * Fault injection: the scanner against a local server (127.0.0.1) that answers every AWS call with one fault —
 * no bytes at all, a trickle, an empty 200, an HTML 200, garbage, a reset connection, 403, 500, throttling — and
 * Organization listings that are empty, cut short or malformed. For each: the scan ends within a stated bound,
 * every fact the fault touched is unknown with the reason that names the fault, nothing is reported as seen
 * that was not, and the command's exit code says what happened. Bounds are short here (a call's deadline of
 * CALL_MS, a scan's of SCAN_MS) so that the file runs in seconds; the defaults are 60 s and 30 min.
 */

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  accountFactKeys,
  type AccountFacts,
  type Fact,
  type ScanResult,
} from '../../src/providers/aws/scan/facts.js';
import { scanAws, ScanError, type ScanOptions } from '../../src/providers/aws/scan/scan.js';
import type { CheckReport } from '../../src/report/check-report.js';
import {
  callerIdentity,
  jsonAnswer,
  queryAnswer,
  startFaultServer,
  type Fault,
  type FaultCall,
  type FaultRoute,
  summaryMap,
  wellAnswered,
} from '../support/fault-server.js';

const ACCOUNT = '123456789012';
const MEMBER = '210987654321';
/** The deadline of one call in these tests. */
const CALL_MS = 400;
/** The deadline of a whole scan in these tests. */
const SCAN_MS = 6_000;

/** The facts a standalone scan reads from the endpoint (the others are not-available by design). */
const readFacts = accountFactKeys.filter(
  (key) => !['reached', 'rootMfaDevices', 'primaryEmail'].includes(key),
);

const notInOrganization: Fault = {
  kind: 'error',
  status: 400,
  code: 'AWSOrganizationsNotInUseException',
  message: 'Your account is not a member of an organization.',
};

/** The caller answered, no Organization, every other call answered with `fault`. */
function everyCall(fault: Fault): FaultRoute {
  return (call) => {
    if (call.operation === 'GetCallerIdentity') return callerIdentity(ACCOUNT);
    if (call.operation === 'DescribeOrganization') return notInOrganization;
    return fault;
  };
}

let storeDir: string;
beforeAll(() => {
  storeDir = mkdtempSync(path.join(tmpdir(), 'lockout-faults-'));
  // The command line reads credentials from the environment: fake ones, and no profile or config file.
  const nowhere = path.join(path.sep, 'nonexistent', 'lockout-test-aws');
  for (const [key, value] of Object.entries({
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(nowhere, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  })) {
    vi.stubEnv(key, value);
  }
  for (const key of [
    'AWS_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_ENDPOINT_URL',
  ]) {
    vi.stubEnv(key, undefined);
  }
});
afterAll(() => {
  vi.unstubAllEnvs();
});

interface Run {
  scan: ScanResult;
  ms: number;
  calls: FaultCall[];
  /** Connections the scanner left open once it returned. */
  leftOpen: number;
}

async function scanAgainst(route: FaultRoute, options: Partial<ScanOptions> = {}): Promise<Run> {
  const server = await startFaultServer(route);
  const started = performance.now();
  try {
    const scan = await scanAws({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      org: false,
      roleName: 'OrganizationAccountAccessRole',
      concurrency: 2,
      maxAttempts: 1,
      callTimeoutMs: CALL_MS,
      timeoutMs: SCAN_MS,
      ...options,
    });
    const ms = performance.now() - started;
    // The scanner destroyed its clients: the server sees every connection closed.
    await vi
      .waitFor(() => {
        if (server.openConnections() > 0) throw new Error('connections still open');
      }, 2_000)
      .catch(() => undefined);
    return { scan, ms, calls: [...server.calls], leftOpen: server.openConnections() };
  } finally {
    await server.stop();
  }
}

async function cli(
  route: FaultRoute,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; ms: number; store: string }> {
  const server = await startFaultServer(route);
  const store = path.join(mkdtempSync(path.join(storeDir, 'run-')), 'lockout.db');
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  try {
    const code = await main(
      [
        'scan',
        '--endpoint-url',
        server.url,
        '--max-attempts',
        '1',
        '--format',
        'json',
        '--no-progress',
        '--store',
        store,
        ...args,
      ],
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    );
    return { code, stdout, stderr, ms: performance.now() - started, store };
  } finally {
    await server.stop();
  }
}

function own(scan: ScanResult): AccountFacts {
  const account = scan.accounts.find((a) => a.accountId === ACCOUNT);
  if (!account) throw new Error('the caller account is not in the scan');
  return account;
}

function unseenMessages(report: CheckReport): string {
  return report.findings
    .filter((finding) => finding.checkId === 'unseen-facts')
    .map((finding) => finding.message)
    .join('\n');
}

function messageOf(fact: Fact<unknown>): string {
  return fact.status === 'unknown' ? fact.message : '(seen)';
}

/** Every fact read from the endpoint is unknown for `reason`; none is seen but `reached`. */
function expectUnknown(facts: AccountFacts, reason: string): void {
  for (const key of readFacts) {
    expect(facts[key], key).toMatchObject({ status: 'unknown', reason });
  }
  const seen = accountFactKeys.filter((key) => facts[key].status === 'seen');
  expect(seen).toEqual(['reached']);
}

describe('the fault server', () => {
  it('can answer every call well: then every fact is seen (the faults below are what makes them unknown)', async () => {
    const run = await scanAgainst(wellAnswered());
    const facts = own(run.scan);
    for (const key of readFacts) expect(facts[key], key).toMatchObject({ status: 'seen' });
    expect(facts.rootMfaEnabled).toMatchObject({ value: true });
    expect(facts.contactInformation).toMatchObject({ value: { phoneNumber: '+1 206 555 0100' } });
    expect(facts.rootVirtualMfaDevices).toMatchObject({ value: [] });
  });
});

describe('an endpoint that does not answer', () => {
  it('accepts and never sends a byte: each call ends at its deadline, facts unknown "timeout"', async () => {
    const run = await scanAgainst(everyCall({ kind: 'silent' }), { timeoutMs: 60_000 });
    expectUnknown(own(run.scan), 'timeout');
    expect(messageOf(own(run.scan).rootMfaEnabled)).toContain('deadline of one call');
    // 15 calls at most (the credential report is one attempt: it never answers), each CALL_MS.
    expect(run.ms).toBeLessThan(15 * CALL_MS + 2_000);
    expect(run.leftOpen).toBe(0);
  });

  it('trickles a byte at a time: each call ends at its deadline, facts unknown "timeout"', async () => {
    const run = await scanAgainst(everyCall({ kind: 'trickle', intervalMs: 50 }), { timeoutMs: 60_000 });
    expectUnknown(own(run.scan), 'timeout');
    expect(run.ms).toBeLessThan(15 * CALL_MS + 2_000);
    expect(run.leftOpen).toBe(0);
  });

  it('ends the whole scan at the scan\'s time limit, with a report whose unread facts are unknown "timeout"', async () => {
    // Calls that would each wait 60 s: only the scan's own bound can end this scan.
    const run = await scanAgainst(everyCall({ kind: 'silent' }), { callTimeoutMs: 60_000, timeoutMs: 1_500 });
    expect(run.ms).toBeLessThan(1_500 + 1_500);
    expectUnknown(own(run.scan), 'timeout');
    expect(messageOf(own(run.scan).budgets)).toContain("scan's time limit of 1.5 s");
    expect(run.leftOpen).toBe(0);
  });

  it("ends an Organization's fan-out at the scan's time limit: every member's unread facts unknown \"timeout\"", async () => {
    const members = ['210987654321', '310987654321', '410987654321', '510987654321', '610987654321'];
    const run = await scanAgainst(
      (call) => {
        switch (call.operation) {
          case 'GetCallerIdentity':
            return callerIdentity(ACCOUNT);
          case 'DescribeOrganization':
            return jsonAnswer({
              Organization: { Id: 'o-faultsrv01', MasterAccountId: ACCOUNT, FeatureSet: 'ALL' },
            });
          case 'ListAccounts':
            return jsonAnswer({
              Accounts: [ACCOUNT, ...members].map((id) => ({
                Id: id,
                Name: `account ${id}`,
                State: 'ACTIVE',
              })),
            });
          default:
            // The caller's own account reads well; every member's calls hang.
            return call.body.includes('AssumeRole') || call.index > 0
              ? { kind: 'silent' }
              : wellAnswered()(call);
        }
      },
      { org: true, callTimeoutMs: 60_000, timeoutMs: 2_000 },
    );
    expect(run.ms).toBeLessThan(2_000 + 1_500);
    expect(run.scan.accounts.map((a) => a.accountId)).toEqual([ACCOUNT, ...members]);
    for (const member of run.scan.accounts.slice(1)) {
      const seen = accountFactKeys.filter((key) => member[key].status === 'seen');
      expect(seen, member.accountId).toEqual([]);
      expect(member.reached).toMatchObject({
        status: 'unknown',
        reason: 'timeout',
        action: 'sts:AssumeRole',
      });
    }
    expect(run.scan.stats.accountsFailed).toBe(members.length);
    expect(run.leftOpen).toBe(0);
  });

  it('from the command line: --timeout and --call-timeout bound the scan, which still reports and saves', async () => {
    const result = await cli(everyCall({ kind: 'silent' }), ['--timeout', '2', '--call-timeout', '0.4']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as CheckReport;
    // The scan itself ends at --timeout; analysing and reporting (and loading them the first time) come after.
    const scanMs = Date.parse(report.scan?.finishedAt ?? '') - Date.parse(report.scan?.startedAt ?? '');
    expect(scanMs).toBeLessThan(2_000 + 500);
    expect(result.ms).toBeLessThan(2_000 + 8_000);
    expect(report.scan?.unknownFacts).toBe(accountFactKeys.length - 1);
    expect(
      report.findings
        .filter((f) => f.checkId === 'unseen-facts')
        .map((f) => f.message)
        .join(' '),
    ).toContain('timed out');
    // Nothing about root was seen, and unknown is never safe: root's MFA is reported as not known, and the
    // high findings on what nobody could see (who pays) fail the run. The scan is saved for history.
    expect(report.findings.find((f) => f.checkId === 'root-mfa-missing')?.message).toContain('unknown');
    expect(result.code).toBe(1);
    expect(existsSync(result.store)).toBe(true);
  });
});

describe('answers that are not the API’s', () => {
  it.each<[string, Fault]>([
    ['an empty 200', { kind: 'empty' }],
    ['an HTML 200', { kind: 'html' }],
    ['garbage', { kind: 'garbage' }],
  ])('%s: every fact unknown "malformed-answer", none seen', async (_name, fault) => {
    const run = await scanAgainst(everyCall(fault));
    expectUnknown(own(run.scan), 'malformed-answer');
    // No waiting on a credential report that will never be "COMPLETE".
    expect(run.ms).toBeLessThan(3_000);
  });

  it('a summary without AccountAccessKeysPresent: root access keys unknown, not absent', async () => {
    const run = await scanAgainst((call) =>
      call.operation === 'GetAccountSummary'
        ? queryAnswer('GetAccountSummary', summaryMap({ AccountMFAEnabled: 1 }))
        : wellAnswered()(call),
    );
    const facts = own(run.scan);
    expect(facts.rootMfaEnabled).toMatchObject({ status: 'seen', value: true });
    expect(facts.rootAccessKeysPresent).toMatchObject({ status: 'unknown', reason: 'malformed-answer' });
  });

  it('an empty 200 from the command line: a report, nothing seen about root, payments or contacts, exit 1', async () => {
    const result = await cli(everyCall({ kind: 'empty' }), ['--call-timeout', '0.4']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.scan?.unknownFacts).toBe(accountFactKeys.length - 1);
    expect(report.scan?.provenance.filter((p) => p.source === 'seen')).toEqual([]);
    expect(report.findings.some((f) => f.checkId === 'payment-trouble')).toBe(false);
    // The report says why each fact stayed unknown.
    expect(unseenMessages(report)).toContain('Not seen, the answer was not one AWS gives');
    expect(unseenMessages(report)).toContain('the contact phone number AWS calls');
    expect(result.code).toBe(1);
  });
});

describe('a connection reset', () => {
  it('is reported as "connection-reset", not as a timeout', async () => {
    const run = await scanAgainst(everyCall({ kind: 'reset' }));
    expectUnknown(own(run.scan), 'connection-reset');
    expect(run.ms).toBeLessThan(3_000);
  });

  it('from the command line: the report names the reset', async () => {
    const result = await cli(everyCall({ kind: 'reset' }), ['--call-timeout', '0.4']);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(unseenMessages(report)).toContain('Not seen, the connection was reset');
    expect(unseenMessages(report)).not.toContain('timed out');
  });
});

describe('AWS errors', () => {
  it.each<[string, Fault, string]>([
    ['403 AccessDenied', { kind: 'error', status: 403, code: 'AccessDenied' }, 'access-denied'],
    ['500 InternalFailure', { kind: 'error', status: 500, code: 'InternalFailure' }, 'error'],
  ])('%s: every fact unknown', async (_name, fault, reason) => {
    const run = await scanAgainst(everyCall(fault));
    expectUnknown(own(run.scan), reason);
    expect(run.ms).toBeLessThan(3_000);
  });

  const throttling: Fault = { kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' };

  it('throttling past the retries: every fact unknown "throttled"', async () => {
    // The SDK's adaptive rate limiter slows every call after a throttle (to one every ~0.5 s): calls get time.
    const run = await scanAgainst(everyCall(throttling), { callTimeoutMs: 5_000, timeoutMs: 30_000 });
    expectUnknown(own(run.scan), 'throttled');
    expect(run.ms).toBeLessThan(12_000);
  });

  it('throttling once: the retry reads the fact, and the retry is counted', async () => {
    const run = await scanAgainst(
      (call) =>
        call.operation === 'GetAccountSummary' && call.index === 0 ? throttling : wellAnswered()(call),
      { maxAttempts: 2, callTimeoutMs: 5_000 },
    );
    expect(own(run.scan).rootMfaEnabled).toMatchObject({ status: 'seen', value: true });
    expect(run.scan.stats.retries).toBe(1);
  });
});

describe('who the credentials are', () => {
  it.each<[string, Fault]>([
    ['an empty 200', { kind: 'empty' }],
    [
      'no 12-digit Account',
      queryAnswer('GetCallerIdentity', '<Arn>arn:aws:iam::x:user/a</Arn><Account>12345</Account>'),
    ],
  ])('GetCallerIdentity with %s: an error naming it, exit 2, no saved scan', async (_name, fault) => {
    const route: FaultRoute = (call) =>
      call.operation === 'GetCallerIdentity' ? fault : wellAnswered()(call);
    await expect(scanAgainst(route)).rejects.toThrow(/12-digit account id/);
    const result = await cli(route, []);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/12-digit account id/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(result.store)).toBe(false);
  });
});

describe('an Organization listing that cannot be read', () => {
  const organization =
    (listAccounts: (call: FaultCall) => Fault): FaultRoute =>
    (call) => {
      if (call.operation === 'DescribeOrganization') {
        return jsonAnswer({
          Organization: { Id: 'o-faultsrv01', MasterAccountId: ACCOUNT, FeatureSet: 'ALL' },
        });
      }
      if (call.operation === 'ListAccounts') return listAccounts(call);
      return wellAnswered()(call);
    };
  const account = (id: string): object => ({ Id: id, Name: `account ${id}`, State: 'ACTIVE' });

  it.each([
    ['answered {}', organization(() => jsonAnswer({}))],
    ['answered with an empty list', organization(() => jsonAnswer({ Accounts: [] }))],
    [
      'an account without an Id',
      organization(() => jsonAnswer({ Accounts: [account(ACCOUNT), { Name: 'x' }] })),
    ],
    ['a listing without the caller', organization(() => jsonAnswer({ Accounts: [account(MEMBER)] }))],
    [
      'cut short: the second page fails',
      organization((call) =>
        call.index === 0
          ? jsonAnswer({ Accounts: [account(ACCOUNT), account(MEMBER)], NextToken: 'page-2' })
          : { kind: 'error', status: 500, code: 'ServiceException' },
      ),
    ],
    ['reset', organization(() => ({ kind: 'reset' }))],
  ])('%s: --org says so and exits 2, saving nothing', async (_name, route) => {
    await expect(scanAgainst(route, { org: true })).rejects.toBeInstanceOf(ScanError);
    const result = await cli(route, ['--org', '--call-timeout', '0.4']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot list the Organization's accounts/);
    expect(existsSync(result.store)).toBe(false);
  });

  it('a DescribeOrganization answered {}: --org says it cannot tell, exit 2', async () => {
    const route: FaultRoute = (call) =>
      call.operation === 'DescribeOrganization' ? jsonAnswer({}) : wellAnswered()(call);
    const result = await cli(route, ['--org']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot tell which Organization/);
  });
});
