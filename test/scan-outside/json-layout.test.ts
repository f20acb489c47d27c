/**
 * `lockout scan --format json`, outside AWS and in one run with it, writes JSON as `lockout check` does:
 * compact for a file or a pipe, indented for a terminal. GitHub answers with recorded responses on 127.0.0.1
 * (test/scan-outside/fixtures.ts); AWS, in the run with it, by the scanner's responder hook against a closed
 * local port.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScan } from '../../src/cli/scan-command.js';
import { offlineScan } from '../support/offline-scan.js';
import { acmeAnswers, standaloneAws } from './fixtures.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

let server: RecordedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** Indented JSON has a line break followed by two spaces; compact JSON has one line, ended by a newline. */
function layoutOf(output: string): 'compact' | 'indented' {
  expect(() => JSON.parse(output) as unknown).not.toThrow();
  if (/\n {2}"/.test(output)) return 'indented';
  expect(output.indexOf('\n')).toBe(output.length - 1);
  return 'compact';
}

async function outsideScan(isTerminal: boolean): Promise<string> {
  server = await recordedServer(acmeAnswers(['ana'], [], true));
  vi.stubEnv('GITHUB_TOKEN', 'ghp_test');
  let stdout = '';
  const code = await main(
    [
      'scan',
      '--github-org',
      'acme',
      '--github-api-url',
      server.baseUrl,
      '--format',
      'json',
      '--no-store',
      '--fail-on',
      'none',
    ],
    { stdout: (text) => (stdout += text), stderr: () => {}, isTerminal },
  );
  await server.close();
  server = undefined;
  expect(code).toBe(0);
  return stdout;
}

async function combinedScan(compact: boolean | undefined): Promise<string> {
  server = await recordedServer(acmeAnswers(['ana'], [], true));
  const outcome = await runScan(
    offlineScan({
      store: false,
      format: 'json',
      compact,
      responder: standaloneAws(),
      outside: {
        targets: { githubOrg: 'acme', githubApiUrl: server.baseUrl },
        env: { GITHUB_TOKEN: 'ghp_test' },
      },
    }),
  );
  return outcome.output;
}

describe('lockout scan --format json layout, as lockout check', () => {
  it('outside AWS: compact when standard output is a file or a pipe, indented on a terminal, the same report', async () => {
    const piped = await outsideScan(false);
    const terminal = await outsideScan(true);
    expect(layoutOf(piped)).toBe('compact');
    expect(layoutOf(terminal)).toBe('indented');
    expect(JSON.parse(piped)).toEqual(JSON.parse(terminal));
  });

  it('AWS and GitHub in one run: compact when asked, indented otherwise, the same report', async () => {
    const compact = await combinedScan(true);
    const indented = await combinedScan(undefined);
    expect(layoutOf(compact)).toBe('compact');
    expect(layoutOf(indented)).toBe('indented');
    const strip = (text: string) => {
      const report = JSON.parse(text) as { scan?: { startedAt?: string; finishedAt?: string } };
      delete report.scan?.startedAt;
      delete report.scan?.finishedAt;
      return report;
    };
    expect(strip(compact)).toEqual(strip(indented));
  });
});
