/**
 * `lockout check --format md`: the incident and the small team as a ticket would show them (title, summary,
 * what matters now, a table of capabilities, single points of failure, findings by severity with why, fix and
 * docs), inventory text that stays text, and an Organization of 200 accounts kept to the worst 20.
 */

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { severities } from '../../src/checks/check.js';
import { checks } from '../../src/checks/index.js';
import { formats } from '../../src/report/formats.js';
import { renderMarkdown, text } from '../../src/report/markdown.js';
import { hostile, hostileIncident, organizationInventory, writeInventory } from './inventories.js';
import { checkReport, cli } from './support.js';

/** The cells of a GFM table row: split at pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, `table ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

describe('lockout check --format md on the incident', () => {
  it('is what the CLI prints, and the same bytes every time', async () => {
    const args = ['check', '--example', 'incident', '--deadline', '2022-06-30', '--fail-on', 'none'];
    const { stdout, stderr, code } = await cli([...args, '--format', 'md']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = await checkReport('incident', { deadline: '2022-06-30', format: 'md' });
    expect(formats.md(report, checks, { color: false })).toBe(stdout);
    expect(renderMarkdown(report)).toBe(stdout);
  });

  it('has a title, the summary, and the account with what matters now', async () => {
    const report = await checkReport('incident', { deadline: '2022-06-30' });
    const md = renderMarkdown(report);
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Lockout check: examples/incident-2022.yaml');
    expect(md).toContain('as of 2022-06-09 · deadline **2022-06-30**');
    expect(md).toContain(
      '**Summary:** 2 critical, 8 high, 4 medium, 1 low, 1 info findings; capabilities: 1 lost now, 2 no fast way, 1 unknown, 1 one loss away.',
    );
    expect(md).toContain('## Account personal (111122223333), standalone');
    const story = lines.slice(lines.indexOf('### What matters now') + 2);
    for (const [index, sentence] of report.accounts[0]!.story.entries()) {
      expect(story[index]).toBe(`- ${text(sentence)}`);
    }
    expect(md).toContain(
      '- Against the deadline of 2022-06-30: 12 days to spare in the typical case, 23 h in the worst.',
    );
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('tables the capabilities: status, ways held and lost, fastest way back, slack', async () => {
    const md = renderMarkdown(await checkReport('incident', { deadline: '2022-06-30' }));
    const rows = tableRows(md, '| Capability |');
    expect(rows.map((row) => row.length)).toEqual([6, 6, 6, 6, 6]);
    const root = rows.find((row) => row[0] === 'Sign in as root')!;
    expect(root[1]).toBe('no fast way');
    expect(root[2]).toBe('identity verification');
    expect(root[3]).toContain("MFA sign-in (Android phone from 2016 (held root's authenticator app))");
    expect(root[3]).toContain('alternative factors (Mobile number of 2016)');
    expect(root[4]).toBe('about 9 days (4 days to 20 days)');
    expect(root[5]).toMatch(/^12 days to spare \(typical\); \d+ h to spare in the worst case$/);
    const pay = rows.find((row) => row[0] === 'Change the payment method')!;
    expect(pay[3]).toBe('a delegated payer (IAM access to billing is not activated)');
  });

  it('lists the single points of failure with what each takes', async () => {
    const md = renderMarkdown(await checkReport('incident'));
    expect(md).toContain(
      '- **KeePassXC database**: losing it alone takes Sign in as root, Change the payment method, Keep the bill paid, Receive billing notices.',
    );
    expect(md).toContain(
      "- **The mailbox of root's address**: losing it alone takes Receive billing notices.",
    );
  });

  it('groups the findings by severity, each check once with why, fix and a docs link', async () => {
    const report = await checkReport('incident');
    const md = renderMarkdown(report);
    const findings = md.slice(md.indexOf('## Findings'));
    const headings = findings.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Critical (2)',
      '### High (8)',
      '### Medium (4)',
      '### Low (1)',
      '### Info (1)',
    ]);
    const order = severities.filter((severity) => report.summary.findings[severity] > 0);
    expect(order).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    for (const finding of report.findings) {
      expect(findings).toContain(`#### \`${finding.checkId}\`: ${text(finding.title)}`);
      expect(findings).toContain(text(finding.message));
      expect(findings).toContain(
        `(${finding.docs.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)})`,
      );
    }
    expect(findings).toContain('**Why:** When the charge fails, AWS sends "past due" notices');
    expect(findings).toContain('**Fix:** Add a valid card in Payment preferences');
    expect(findings).toContain(
      '**Docs:** [docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html](https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html)',
    );
    expect(findings).toContain('(`examples/incident-2022.yaml:123:15`)');
    // single-point-of-failure comes in two severities: once under each, its three high ones together.
    expect(findings.match(/#### `single-point-of-failure`/g)).toHaveLength(2);
  });
});

describe('lockout check --format md on the small team', () => {
  it('details every account of the Organization', async () => {
    const md = renderMarkdown(await checkReport('small-team', { deadline: '2025-07-15' }));
    expect(md.match(/^## Account /gm)).toHaveLength(3);
    expect(md).toContain('## Account acme-production (777788889999), member');
    expect(md).not.toContain('## Accounts');
    for (const row of tableRows(md, '| Capability |')) expect(row).toHaveLength(6);
    expect(md).toContain('### High (10)');
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['<script>', '\\<script\\>'],
    ['a & b', 'a \\& b'],
    ['*x* _y_ `z`', '\\*x\\* \\_y\\_ \\`z\\`'],
    ['[a](b) | c', '\\[a\\](b) \\| c'],
    ['~~s~~ $m$', '\\~\\~s\\~\\~ \\$m\\$'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two lines'],
  ])('%s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it('keeps inventory labels as text in every part of the report', async () => {
    const file = writeInventory('hostile.yaml', hostileIncident());
    const { output: md } = await runCheck(file, { format: 'md', failOn: 'none', color: false });
    // Every < of the labels is escaped: no raw HTML reaches the renderer.
    expect(md).not.toMatch(/(?<!\\)<(script|img|b>)/);
    expect(md).toContain(text(hostile.card));
    expect(md).toContain("\\<script\\>alert('card')\\</script\\> \\& Co");
    expect(md).toContain(`## Account ${text(hostile.account)} (111122223333), standalone`);
    expect(md).toContain(text(hostile.workload));
    // A name that starts like an ordered list does not open one inside a list item.
    expect(md).toContain('- 1\\. personal \\<b\\>\\&amp;\\</b\\> (111122223333): The default card');
    expect(md).not.toMatch(/^- \d+\. /m);
    // The hostile labels sit inside the table too, whose rows keep their six cells.
    for (const row of tableRows(md, '| Capability |')) expect(row).toHaveLength(6);
    expect(md).toContain('alternative factors (# 1. Mobile number of 2016 \\`tick\\` \\$x\\$)');
  });
});

describe('Markdown for a large Organization', () => {
  it('lists every account in one table and details the 20 worst', async () => {
    const file = writeInventory('org.yaml', organizationInventory(199));
    const { output: md, report } = await runCheck(file, { format: 'md', failOn: 'none', color: false });
    expect(report.accounts).toHaveLength(200);
    expect(tableRows(md, '| Account | Lost now |')).toHaveLength(200);
    expect(md.match(/^## Account /gm)).toHaveLength(20);
    expect(md).toContain('The 20 accounts most at risk, of 200, follow in detail');
    expect(md).toMatch(/^- … and \d+ more$/m);
    expect(md.length).toBeLessThan(200_000);
  });
});
