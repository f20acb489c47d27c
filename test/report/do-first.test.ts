/**
 * "Do first" at the top of `lockout check`: the few actions that remove the most risk across every account,
 * each with how many accounts and capabilities it moves, the same action for many accounts said once; in the
 * terminal, Markdown, HTML and JSON.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import type { CheckReport } from '../../src/report/check-report.js';
import type { FormatName } from '../../src/report/formats.js';

async function outputs(
  file: string | undefined,
  options: { example?: 'incident' | 'small-team'; deadline?: string } = {},
): Promise<{ report: CheckReport } & Record<'text' | 'md' | 'html' | 'json', string>> {
  const run = (format: FormatName) => runCheck(file, { format, failOn: 'none', color: false, ...options });
  const [text, md, html, json] = await Promise.all([run('text'), run('md'), run('html'), run('json')]);
  return { report: json.report, text: text.output, md: md.output, html: html.output, json: json.output };
}

describe('Do first', () => {
  it('the incident: getting the bill paid again comes first, at the top of every format', async () => {
    const { report, text, md, html, json } = await outputs(undefined, {
      example: 'incident',
      deadline: '2022-06-30',
    });
    const [first] = report.doFirst;
    expect(first).toMatchObject({ from: 'lost-now', accounts: 1, capabilities: 1 });
    expect(first!.action).toMatch(/^Keep the bill paid: get it back in about 9 days .*identity verification/);
    // Then a way back within a day to root and to the payment method, which hold only through days of
    // identity verification; then the alert channel the incident lacked, as a fact to declare (never an
    // emergency); then the single points of failure, each once, with the capabilities it alone takes.
    expect(report.doFirst.slice(1, 3).map((action) => [action.from, action.action.split(':')[0]])).toEqual([
      ['no-fast-way', 'Sign in as root'],
      ['no-fast-way', 'Change the payment method'],
    ]);
    expect(report.doFirst[3]).toMatchObject({
      from: 'unknown',
      action:
        'Declare an alert channel (watch.channels) and run lockout watch: until then hear about trouble in time counts as lost',
    });
    expect(report.doFirst.slice(4).every((action) => action.from === 'one-loss-away')).toBe(true);
    expect(report.doFirst.length).toBeLessThanOrEqual(5);
    expect((JSON.parse(json) as CheckReport).doFirst).toEqual(report.doFirst);
    // At the top: before the first account.
    expect(text.indexOf('Do first')).toBeGreaterThan(0);
    expect(text.indexOf('Do first')).toBeLessThan(text.indexOf('Account personal'));
    expect(text).toContain('  1. Keep the bill paid: get it back in');
    expect(md.indexOf('## Do first')).toBeLessThan(md.indexOf('## Account '));
    expect(md).toMatch(/^1\. Keep the bill paid: get it back in .* \(1 capability\)$/m);
    expect(html.indexOf('<h2>Do first</h2>')).toBeLessThan(html.indexOf('<section class="account"'));
  });

  it('a single point shared by the accounts of an Organization is one action, with the accounts it reaches', async () => {
    const { report, text } = await outputs(undefined, { example: 'small-team' });
    const domain = 'Company domain (mail, web, APIs)';
    const taken = report.accounts.flatMap((account) =>
      account.capabilities
        .filter((capability) => capability.singlePointsOfFailure.some((factor) => factor.label === domain))
        .map(() => account.id),
    );
    expect(new Set(taken).size).toBeGreaterThan(1);
    const actions = report.doFirst.filter((action) => action.action.includes(domain));
    expect(actions).toEqual([
      {
        action: expect.stringMatching(
          /^Make Company domain \(mail, web, APIs\) no longer a single point of failure: give .* a way that does not need it$/,
        ) as string,
        from: 'one-loss-away',
        accounts: new Set(taken).size,
        capabilities: taken.length,
      },
    ]);
    expect(text.replace(/\n +/g, ' ')).toContain(
      `(${taken.length} capabilities of ${new Set(taken).size} accounts)`,
    );
  });

  it('what Lockout cannot see is declared first, never an emergency', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lockout-do-first-')), 'lockout.yaml');
    writeFileSync(
      file,
      readFileSync('examples/incident-2022.yaml', 'utf8').replace(
        /\n {2}identityDocuments:\n(?: {4}.*\n)+/,
        '\n',
      ),
    );
    const { report } = await outputs(file);
    expect(report.doFirst.map((action) => action.action)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Declare a valid photo ID \(lockout init\): until then .* counts? as lost$/),
      ]),
    );
    expect(
      report.doFirst.some((action) => /hold on suspension/.test(action.action)),
      JSON.stringify(report.doFirst, null, 1),
    ).toBe(false);
  });
});
