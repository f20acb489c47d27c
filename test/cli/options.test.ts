/**
 * Option values through main(): dates out of range or impossible, counts that mean nothing, an output file that
 * cannot be written. Each is one message naming the option and exit code 2, never a stack trace.
 */

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli as run } from '../support/cli.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'lockout-options-'));
}

/** Exit 2 with one message that names `what`, and no stack trace. */
function expectInputError(result: { code: number; stderr: string }, what: string): void {
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toContain(what);
  expect(result.code).toBe(2);
}

describe('dates in options', () => {
  it.each([
    ['9999-12-31'],
    ['0099-06-17'],
    ['10000-01-01'],
    ['1969-12-31'],
    ['2022-02-30'],
    ['2022-02-30T09:00'],
  ])('plan --now %s is refused with the option named', async (value) => {
    const result = await run(['plan', '--example', 'incident', '--now', value, '--tz', 'Asia/Tokyo']);
    expectInputError(result, `--now ${value}`);
  });

  it.each([
    ['--deadline', '9999-12-31'],
    ['--card-failed', '9999-12-31'],
    ['--card-failed', '0099-06-17'],
  ])('plan %s %s is refused with the option named', async (option, value) => {
    const result = await run(['plan', '--example', 'incident', option, value, '--tz', 'Asia/Tokyo']);
    expectInputError(result, `${option} ${value}`);
  });

  it('plan --notice and --booked refuse days out of range', async () => {
    expectInputError(
      await run(['plan', '--example', 'incident', '--notice', 'past-due:9999-12-31']),
      '9999-12-31',
    );
    expectInputError(
      await run(['plan', '--example', 'incident', '--booked', 'notary:0099-06-27']),
      '0099-06-27',
    );
  });

  it.each([
    ['check', '--as-of'],
    ['check', '--deadline'],
    ['whatif', '--as-of'],
    ['calendar', '--as-of'],
    ['export', '--as-of'],
  ])('%s %s 9999-12-31 is refused with the option named', async (command, option) => {
    const extra =
      command === 'whatif' ? ['--lose', 'old-phone'] : command === 'export' ? ['--format', 'mef'] : [];
    const result = await run([command, '--example', 'incident', ...extra, option, '9999-12-31']);
    expectInputError(result, `${option} 9999-12-31`);
  });

  it('a plan at the edge of the range still answers', async () => {
    const result = await run([
      'plan',
      '--example',
      'incident',
      '--now',
      '2999-12-01',
      '--notice',
      'past-due:2999-11-25',
      '--tz',
      'Asia/Tokyo',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toContain('2999-12-01');
  });
});

describe('counts in options', () => {
  it.each([['0'], ['-1'], [''], ['1e3'], ['0x10'], ['2.5'], ['99999999999999999999']])(
    'history -n %j is refused with the option named',
    async (value) => {
      const store = join(tempFolder(), 'lockout.db');
      const result = await run(['history', '--store', store, '-n', value]);
      expectInputError(result, '-n');
    },
  );

  it('history -n 1 lists at most one scan', async () => {
    const store = join(tempFolder(), 'lockout.db');
    const result = await run(['history', '--store', store, '-n', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No scans yet');
  });

  it.each([['0'], ['61'], ['x']])('calendar --drill-months %s is refused', async (value) => {
    const result = await run(['calendar', '--example', 'incident', '--drill-months', value]);
    expectInputError(result, '--drill-months');
  });

  it.each([
    ['--concurrency', '0'],
    ['--max-attempts', '0'],
    ['--concurrency', '1e3'],
  ])('scan %s %s is refused before anything is sent', async (option, value) => {
    // Should the option pass, the scan may only reach the closed local port: never the credential chain's
    // network sources.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-real-secret');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    // Refused while the arguments are read: no credentials are looked for, no call is made.
    const result = await run(['scan', '--endpoint-url', 'http://127.0.0.1:9', '--no-store', option, value]);
    expectInputError(result, option);
  });

  it.each([['70000'], ['65536'], ['-1'], ['8080x']])(
    'serve --port %s is refused before anything starts',
    async (value) => {
      const result = await run(['serve', '--example', 'incident', '--port', value]);
      expectInputError(result, '--port');
    },
  );

  it.each([['-1'], ['1.5'], ['abc']])('diff %s is refused as a scan id', async (value) => {
    const store = join(tempFolder(), 'lockout.db');
    const result = await run(['diff', '--store', store, value, '2']);
    expectInputError(result, value);
  });
});

describe('output files', () => {
  it('calendar -o /dev/full says the file could not be written', async () => {
    const result = await run(['calendar', '--example', 'incident', '-o', '/dev/full']);
    expectInputError(result, '/dev/full');
    expect(result.stderr).toMatch(/no space/i);
  });

  it('export -o /dev/full says the file could not be written', async () => {
    const result = await run(['export', '--example', 'incident', '--format', 'mef', '-o', '/dev/full']);
    expectInputError(result, '/dev/full');
    expect(result.stderr).toMatch(/no space/i);
  });

  it('calendar -o into a missing folder names the file', async () => {
    const file = join(tempFolder(), 'missing', 'lockout.ics');
    const result = await run(['calendar', '--example', 'incident', '-o', file]);
    expectInputError(result, file);
  });
});

describe('lists in options', () => {
  it.each([
    [['whatif', '--example', 'incident', '--lose', ''], '--lose'],
    [['whatif', '--example', 'incident', '--lose', ','], '--lose'],
    [['plan', '--example', 'incident', '--lost', ' , '], '--lost'],
    [['plan', '--example', 'incident', '--notice', ''], '--notice'],
  ])('%j: a value that names nothing is refused', async (args, option) => {
    expectInputError(await run(args), `${option}: expected`);
  });

  it('names around commas lose their spaces', async () => {
    const result = await run(['whatif', '--example', 'incident', '--lose', 'old-phone, current-phone']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Assuming lost: .*Android phone from 2016/);
  });
});

describe('paths in options', () => {
  it.each([
    [['history', '--store', ''], '--store'],
    [['diff', '--store', ''], '--store'],
    [['calendar', '--example', 'incident', '-o', ''], '--output'],
    [['export', '--example', 'incident', '--format', 'mef', '-o', ''], '--output'],
  ])('%j: an empty path is refused', async (args, option) => {
    expectInputError(await run(args), `${option}: expected a file name`);
  });

  it('history and diff on a store that does not exist create nothing', async () => {
    const folder = tempFolder();
    const store = join(folder, 'not', 'yet', 'lockout.db');
    const history = await run(['history', '--store', store]);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`No scans yet in ${store}`);
    const json = await run(['history', '--store', store, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expectInputError(await run(['diff', '--store', store]), 'diff needs two scans');
    expectInputError(await run(['diff', '--store', store, '1']), 'diff takes two scan ids');
    expect(existsSync(join(folder, 'not'))).toBe(false);
  });
});

describe('plan on an inventory without accounts', () => {
  it('says there is no account, not "several accounts"', async () => {
    const file = join(tempFolder(), 'empty.yaml');
    writeFileSync(file, 'version: 1\nasOf: 2025-06-01\naccounts: []\n');
    const result = await run(['plan', file, '--card-failed', '2025-06-01', '--now', '2025-06-02']);
    expectInputError(result, 'no account');
    expect(result.stderr).not.toContain('several');
  });
});
