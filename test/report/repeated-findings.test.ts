/**
 * Findings that say the same thing about several members of an Organization are grouped ("5 members (…): …")
 * instead of printed once per member, in the terminal, Markdown and HTML reports.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { organizationInventory, writeInventory } from './inventories.js';

describe('repeated findings', () => {
  it('an Organization of 8 members: a message repeated across members is said once, with how many', async () => {
    const file = writeInventory('org.yaml', organizationInventory(8));
    const run = (format: 'text' | 'md' | 'html') => runCheck(file, { format, failOn: 'none', color: false });
    const [{ report, output: text }, { output: md }, { output: html }] = await Promise.all([
      run('text'),
      run('md'),
      run('html'),
    ]);
    // Some finding's message, word for word, is about several members: found from the report itself.
    const byMessage = new Map<string, string[]>();
    for (const finding of report.findings) {
      if (finding.accountId === undefined) continue;
      const key = `${finding.checkId} ${finding.severity} ${finding.message}`;
      byMessage.set(key, [...(byMessage.get(key) ?? []), finding.accountId]);
    }
    const repeated = [...byMessage.entries()].filter(([, accounts]) => accounts.length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    const members = new Set(
      report.accounts.filter((account) => account.organization === 'member').map((account) => account.id),
    );
    for (const [key, accounts] of repeated) {
      const message = key.split(' ').slice(2).join(' ');
      const who = `${accounts.length} ${accounts.every((id) => members.has(id)) ? 'members' : 'accounts'} (`;
      // Once in each format, with the count, never once per account.
      const flat = text.replace(/\n +/g, ' ');
      expect(flat.split(message).length - 1, message).toBe(1);
      expect(flat).toContain(who);
      expect(md.split(message.replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`)).length - 1, message).toBe(1);
      expect(html).toContain(`<span class="who">${who}`);
    }
    expect(text).toContain('Findings in several accounts');
  });
});
