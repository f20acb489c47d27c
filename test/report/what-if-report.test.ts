// Issue 13: `lockout whatif` says what changed and why — for each capability whose answer changes, before →
// after in the reports' words, each way lost and the losses that took it, the fastest way back against the
// deadline or why none remains — and what does not change in one line. JSON carries the same.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
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

describe('lockout whatif and lockout check use the same words', () => {
  it('a capability lost through an assumed loss and a fact Lockout cannot see is unknown, as check says', async () => {
    const inventory = (phoneState: string): string => `version: 1
asOf: 2026-12-03
factors:
  devices:
    - { id: phone, kind: phone${phoneState} }
  mailboxes:
    - { id: root-mail, address: root@mail.example, provider: fastmail }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root: { email: root-mail, password: { storedIn: vault }, mfa: [{ type: virtual, heldBy: phone }] }
`;
    const folder = mkdtempSync(join(tmpdir(), 'lockout-whatif-words-'));
    const kept = join(folder, 'kept.yaml');
    const lost = join(folder, 'lost.yaml');
    writeFileSync(kept, inventory(''));
    writeFileSync(lost, inventory(', state: lost'));
    const report = JSON.parse(await runWhatIf(kept, { lose: ['phone'], format: 'json' })) as WhatIfReport;
    const root = report.capabilities.find((c) => c.capability === 'root-sign-in')!;
    // MFA sign-in goes with the phone (known); the other ways rest on an undeclared contact phone and photo ID.
    const checked = await runCheck(lost, { format: 'json', failOn: 'none', color: false });
    const inCheck = checked.report.accounts[0]!.capabilities.find((c) => c.id === 'root-sign-in')!;
    expect(inCheck.state).toBe('unknown');
    expect(root.stateAfter).toBe(inCheck.state);
  });
});
