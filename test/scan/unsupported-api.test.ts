/**
 * An endpoint that lacks an API (moto 5.2.1, see test/aws/MOTO.md) is not AWS hiding a fact: the scan says the
 * endpoint does not offer the API, never "not visible through any API" (AWS has it) nor "access denied". The
 * answers below are moto's own, as recorded: a Werkzeug 404 page where it has no route (Account API), a 500 page
 * where the action is not implemented (IAM SimulatePrincipalPolicy, BCM), a credential report without root's row.
 */

import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { scanAws } from '../../src/providers/aws/scan/scan.js';
import {
  queryAnswer,
  startFaultServer,
  wellAnswered,
  type Fault,
  type FaultRoute,
} from '../support/fault-server.js';

const ACCOUNT = '123456789012';

const moto404: Fault = {
  kind: 'answer',
  status: 404,
  contentType: 'text/html; charset=utf-8',
  body:
    '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
    '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
};

const moto500: Fault = {
  kind: 'answer',
  status: 500,
  contentType: 'text/html; charset=utf-8',
  body:
    '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
    '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n',
};

/** moto's credential report: the standard header, one IAM user, no `<root_account>` row. */
const reportWithoutRoot = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,access_key_2_last_rotated',
  `alice,arn:aws:iam::${ACCOUNT}:user/alice,2020-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,false,N/A,false,N/A`,
].join('\n');

const motoLike: FaultRoute = (call) => {
  switch (call.operation) {
    case 'GetContactInformation':
      return moto404;
    case 'SimulatePrincipalPolicy':
    case 'ListRecommendedActions':
      return moto500;
    case 'ListUsers':
      // One user, so that the simulator is asked about someone.
      return queryAnswer(
        'ListUsers',
        `<Users><member><Path>/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLE000000001</UserId><Arn>arn:aws:iam::${ACCOUNT}:user/alice</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></member></Users><IsTruncated>false</IsTruncated>`,
      );
    case 'GetCredentialReport':
      return queryAnswer(
        'GetCredentialReport',
        `<Content>${Buffer.from(reportWithoutRoot).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat>`,
      );
    default:
      return wellAnswered(ACCOUNT)(call);
  }
};

const credentials = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/lockout-test-aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/lockout-test-aws/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

describe('an endpoint that lacks an API', () => {
  it('leaves the fact unknown "not-supported", with the action, never access denied', async () => {
    const server = await startFaultServer(motoLike);
    try {
      const scan = await scanAws({
        region: 'us-east-1',
        endpoint: server.url,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        org: false,
        roleName: 'OrganizationAccountAccessRole',
        concurrency: 2,
        maxAttempts: 1,
        callTimeoutMs: 2_000,
        timeoutMs: 10_000,
      });
      const facts = scan.accounts.find((account) => account.accountId === ACCOUNT)!;
      expect(facts.contactInformation).toMatchObject({
        status: 'unknown',
        reason: 'not-supported',
        action: 'account:GetContactInformation',
      });
      expect(facts.billingPrincipals).toMatchObject({ status: 'unknown', reason: 'not-supported' });
      expect(facts.recommendedActions).toMatchObject({ status: 'unknown', reason: 'not-supported' });
      expect(facts.rootCredentialReport).toMatchObject({
        status: 'unknown',
        reason: 'not-supported',
        action: 'iam:GetCredentialReport',
      });
      // What AWS itself never shows a standalone account stays "not available": declared, not scanned.
      expect(facts.primaryEmail).toMatchObject({ status: 'unknown', reason: 'not-available' });
      // What the endpoint did answer is seen.
      expect(facts.rootMfaEnabled).toMatchObject({ status: 'seen', value: true });
    } finally {
      await server.stop();
    }
  });

  it('is reported as the endpoint not offering the API, not as invisible on AWS', async () => {
    for (const [key, value] of Object.entries(credentials)) vi.stubEnv(key, value);
    for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) vi.stubEnv(key, undefined);
    const server = await startFaultServer(motoLike);
    let stdout = '';
    try {
      await main(
        [
          'scan',
          '--endpoint-url',
          server.url,
          '--max-attempts',
          '1',
          '--format',
          'json',
          '--no-progress',
        ].concat(['--no-store', '--fail-on', 'none']),
        { stdout: (text) => (stdout += text), stderr: () => undefined },
      );
    } finally {
      await server.stop();
      vi.unstubAllEnvs();
    }
    const report = JSON.parse(stdout) as CheckReport;
    const unseen = report.findings.filter((finding) => finding.checkId === 'unseen-facts');
    const unsupported = unseen.find((finding) => finding.message.includes('does not offer'));
    expect(unsupported?.message).toContain('account:GetContactInformation');
    expect(unsupported?.message).toContain('iam:SimulatePrincipalPolicy');
    expect(unsupported?.message).toContain('iam:GetCredentialReport');
    expect(unsupported?.severity).toBe('medium');
    // The "declare it" finding keeps only what AWS itself does not show.
    const declare = unseen.find((finding) => finding.message.startsWith('Not visible through any API'));
    expect(declare?.message ?? '').not.toContain('account:GetContactInformation');
    expect(declare?.message ?? '').not.toContain('iam:GetCredentialReport');
    expect(unseen.some((finding) => /access denied/i.test(finding.message))).toBe(false);
  });
});
