// Issue 13: `lockout whatif` says what changed and why — for each capability whose answer changes, before →
// after in the reports' words, each way lost and the losses that took it, the fastest way back against the
// deadline or why none remains — and what does not change in one line. JSON carries the same.
import { describe, expect, it } from 'vitest';
import { runWhatIf } from '../../src/cli/whatif-command.js';
import type { WhatIfReport } from '../../src/report/what-if-report.js';

const text = (example: 'incident' | 'small-team', lose: string[]): Promise<string> =>
  runWhatIf(undefined, { example, lose, format: 'text' });
const json = async (example: 'incident' | 'small-team', lose: string[]): Promise<WhatIfReport> =>
  JSON.parse(await runWhatIf(undefined, { example, lose, format: 'json' })) as WhatIfReport;

describe('lockout whatif', () => {
  it('names each way lost and what took it, and sums up what does not change', async () => {
    const output = await text('small-team', ['office-safe']);
    expect(output).toContain('way lost: Password and an MFA device — taken by Office safe');
    expect(output).toMatch(/unchanged: Change the payment method \(holds\)/);
    expect(output).not.toContain('at-risk');
  });

  it('says before → after, the fastest way back and the date it must beat', async () => {
    const output = await text('small-team', ['corporate-card', 'backup-card']);
    expect(output).toMatch(
      /Keep the bill paid\s+holds → lost now\n\s+way lost: A valid card on file — taken by/,
    );
    expect(output).toMatch(/fastest way back: about 15 min/);
    expect(output).toMatch(/it must be done before 2025-06-14/);
    const report = await json('small-team', ['corporate-card', 'backup-card']);
    const bill = report.capabilities.find(
      (c) => c.accountId === '444455556666' && c.capability === 'keep-bill-paid',
    )!;
    expect([bill.stateBefore, bill.stateAfter, bill.changed]).toEqual(['holds', 'lost-now', true]);
    expect(bill.waysTaken).toEqual([
      {
        way: 'A valid card on file',
        by: ['Corporate card (default)', 'Backup card from a second bank'],
        alreadyLost: [],
      },
    ]);
  });

  it('says nothing changes when what is assumed lost is lost already', async () => {
    const output = await text('incident', ['old-phone']);
    expect(output).toContain('Nothing changes: what is assumed lost is lost already in the inventory.');
    expect((await json('incident', ['old-phone'])).capabilities.every((c) => !c.changed)).toBe(true);
  });
});
