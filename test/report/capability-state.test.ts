/**
 * One vocabulary for a capability's state: the same word and the same colour in the terminal, JSON, Markdown
 * and HTML reports and on the dashboard (web/states.css), all from src/report/capability-state.ts; and every
 * report says what moves a capability to the better state.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import {
  capabilityState,
  capabilityStates,
  stateStyles,
  statesCss,
  type CapabilityState,
} from '../../src/report/capability-state.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { capabilitiesOf, type CheckReportJson } from '../../src/report/json-report.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown, text as markdownText } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { writeInventory } from './inventories.js';

/** The check report and every rendering of it, through the CLI's pipeline. */
async function rendered(
  file: string | undefined,
  options: { example?: 'incident' | 'small-team'; asOf?: string; deadline?: string } = {},
): Promise<{ report: CheckReport; terminal: string; markdown: string; html: string; json: CheckReportJson }> {
  const { report } = await runCheck(file, { format: 'html', failOn: 'none', color: false, ...options });
  const { output } = await runCheck(file, { format: 'json', failOn: 'none', color: false, ...options });
  return {
    report,
    terminal: renderTerminal(report, { color: false }),
    markdown: renderMarkdown(report),
    html: renderHtml(report),
    json: JSON.parse(output) as CheckReportJson,
  };
}

const cases: [string, () => ReturnType<typeof rendered>][] = [
  ['the incident of 2022', () => rendered(undefined, { example: 'incident', deadline: '2022-06-30' })],
  [
    'the incident in 2030, every capability lost',
    () => rendered(undefined, { example: 'incident', asOf: '2030-01-01' }),
  ],
  ['the small team', () => rendered(undefined, { example: 'small-team' })],
  ['a bill left unpaid', () => rendered('test/fixtures/truth/dns-in-member-unpaid.yaml')],
];

describe('one vocabulary for a capability state', () => {
  it.each(cases)(
    '%s: every format says each capability state in the same words and colour',
    async (_name, make) => {
      const { report, terminal, markdown, html, json } = await make();
      const capabilities = report.accounts.flatMap((account) => account.capabilities);
      expect(capabilities.length).toBeGreaterThan(0);
      for (const [position, capability] of capabilities.entries()) {
        const words = capability.stateLabel;
        expect(words.startsWith(stateStyles[capability.state].label), words).toBe(true);
        // JSON carries the state and its words.
        const fromJson = json.accounts.flatMap((account) => capabilitiesOf(json, account))[position]!;
        expect([fromJson.state, fromJson.stateLabel]).toEqual([capability.state, words]);
        // The terminal: the capability's line.
        expect(terminal).toMatch(
          new RegExp(`^ {4}${escape(capability.label)} +${escape(words)}(?: |$)`, 'm'),
        );
        // Markdown: the status cell of its row.
        expect(markdown).toMatch(
          new RegExp(
            `^\\| ${escape(markdownText(capability.label))} \\| (?:\\*\\*)?${escape(words)}(?:\\*\\*)? \\|`,
            'm',
          ),
        );
        // HTML: a chip of the state's class, painted in the state's colours.
        expect(html).toContain(`<span class="chip state-${capability.state}">${words}</span>`);
      }
      const style = stateStyles;
      for (const state of new Set(capabilities.map((capability) => capability.state))) {
        expect(html).toContain(
          `.chip.state-${state} { color: ${style[state].stroke}; background: ${style[state].fill};`,
        );
      }
      // The old words are gone: "at risk" named nearly every capability whatever its state, and the HTML
      // showed it in a green badge.
      const oldWords = [
        'at risk: one loss away',
        'UNKNOWN (counted as lost)',
        'cannot be lost',
        'chip at-risk',
      ];
      for (const output of [terminal, markdown, html]) {
        for (const old of oldWords) expect(output).not.toContain(old);
        expect(output).not.toMatch(/capabilit(?:y|ies) lost, \d+ at risk/);
      }
      for (const capability of capabilities) {
        expect(terminal).not.toMatch(new RegExp(`^ {4}${escape(capability.label)} +(?:at risk|LOST)`, 'm'));
      }
    },
  );

  it.each(cases)('%s: every capability not in the best state says what moves it up', async (_name, make) => {
    const { report, terminal, markdown, html } = await make();
    for (const capability of report.accounts.flatMap((account) => account.capabilities)) {
      if (capability.state === 'holds') {
        expect(capability.improve).toBeUndefined();
        continue;
      }
      expect(capability.improve, capability.stateLabel).toBeTruthy();
      expect(terminal.replace(/\n +/g, ' ')).toContain(`next step: ${capability.improve!}`);
      expect(markdown).toContain(
        `(${markdownText(capability.stateLabel)}): ${markdownText(capability.improve!)}.`,
      );
      expect(html).toContain(`<p class="improve">${escapeHtml(capability.improve!)}</p>`);
      if (capability.state === 'one-loss-away') {
        // From its single points: each is named.
        for (const factor of capability.singlePointsOfFailure)
          expect(capability.improve).toContain(factor.label);
      }
    }
  });

  it('a capability that holds today but not after the suspension date says the date', async () => {
    const { report } = await rendered('test/fixtures/truth/dns-in-member-unpaid.yaml');
    const root = report.accounts
      .flatMap((account) => account.capabilities)
      .find((capability) => capability.state === 'lost-after')!;
    expect(root.eventually).toBe('lost');
    expect(root.lostAfter).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(root.stateLabel).toBe(`lost after ${root.lostAfter!}`);
    expect(root.improve).toContain(`get the bill paid before ${root.lostAfter!}`);
  });

  // Found by a fault probe: "next step: declare  (lockout init)" in every member of an Organization whose
  // management account declares no card, the unknown being the payer's.
  it("a member unknown through its payer's facts names them", async () => {
    const file = writeInventory(
      'organization.yaml',
      `version: 1
asOf: 2026-12-01
factors:
  mailboxes:
    - { id: mgmt-mail, address: aws@example.org, provider: gmail }
    - { id: member-mail, address: member@example.org, provider: gmail }
  devices:
    - { id: key1, kind: security-key }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111111111111'
    name: mgmt
    organization: management
    root: { email: mgmt-mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key1 }] }
  - id: '222222222222'
    name: member
    organization: member
    managementAccount: '111111111111'
    root: { email: member-mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key1 }] }
    payment: { paidBy: management }
`,
    );
    const { report, terminal } = await rendered(file);
    const bill = report.accounts[1]!.capabilities.find((capability) => capability.id === 'keep-bill-paid')!;
    expect(bill.state).toBe('unknown');
    expect(bill.unknownFacts).toContain('A payment card on file (none declared)');
    expect(bill.improve).toBe('declare a payment card on file (lockout init): until then it counts as lost');
    expect(terminal).not.toMatch(/declare {2}\(/);
  });

  // Found by a fault probe: "root signs in and changes it, then password and an MFA device" (slowest first).
  it('a way back lists its steps in the order they are done', async () => {
    const file = writeInventory(
      'expired-card.yaml',
      `version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: phone, kind: phone, verified: 2026-11-20 }
  mailboxes:
    - { id: root-mail, address: root@gmail.example, provider: gmail }
  cards:
    - { id: visa, lastFour: '4242', expires: 2026-11, status: ok }
  passwordStores:
    - { id: pm }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root: { email: root-mail, password: { storedIn: pm }, mfa: [{ type: virtual, heldBy: phone }] }
    payment: { cards: [visa] }
    iamBillingAccess: { activated: false, verified: 2026-11-20 }
`,
    );
    const { report, terminal } = await rendered(file);
    const bill = report.accounts[0]!.capabilities.find((capability) => capability.id === 'keep-bill-paid')!;
    expect(bill.improve).toMatch(/: password and an MFA device, then root signs in and changes it$/);
    expect(terminal).not.toContain('root signs in and changes it, then password');
  });

  it('the dashboard paints with the same colours: web/states.css is generated from the module', () => {
    expect(readFileSync('web/states.css', 'utf8')).toBe(statesCss());
    for (const state of capabilityStates) {
      expect(statesCss()).toContain(`.state-${state} {\n  --state: ${stateStyles[state].stroke};`);
    }
  });

  it('decides the state from the facts, worst first', () => {
    const at = (facts: Parameters<typeof capabilityState>[0]): CapabilityState => capabilityState(facts);
    expect(at({ status: 'lost', confirmed: true, singlePoints: 1, fast: false })).toBe('lost-now');
    expect(at({ status: 'lost', confirmed: false, singlePoints: 1, fast: false })).toBe('unknown');
    expect(at({ status: 'at-risk', confirmed: true, singlePoints: 1, fast: false })).toBe('no-fast-way');
    expect(at({ status: 'at-risk', confirmed: true, eventually: 'lost', singlePoints: 1, fast: false })).toBe(
      'no-fast-way',
    );
    expect(at({ status: 'at-risk', confirmed: true, eventually: 'lost', singlePoints: 1, fast: true })).toBe(
      'lost-after',
    );
    expect(at({ status: 'at-risk', confirmed: true, singlePoints: 1, fast: true })).toBe('one-loss-away');
    expect(at({ status: 'at-risk', confirmed: true, singlePoints: 0, fast: true })).toBe('holds');
    expect(at({ status: 'cannot-be-lost', confirmed: true, singlePoints: 0, fast: true })).toBe('holds');
  });

  // Found reading the incident's report: "Sign in as root  one loss away" (the amber of "a single loss takes
  // it") while the dashboard painted it red, locked out for now: its one way left, identity verification by
  // AWS Support, takes about 9 days.
  it('a capability held only through ways of days has no fast way, in every report and on the dashboard', async () => {
    const { report, terminal, markdown, json } = await rendered(undefined, { example: 'incident' });
    const [root, pay] = ['root-sign-in', 'change-payment-method'].map((id) =>
      report.accounts[0]!.capabilities.find((capability) => capability.id === id)!,
    );
    for (const capability of [root!, pay!]) {
      expect(capability.status).toBe('at-risk');
      expect(capability.fastest.duration.typical).toBeGreaterThanOrEqual(24);
      expect([capability.state, capability.stateLabel]).toEqual(['no-fast-way', 'no fast way']);
    }
    expect(root!.improve).toBe(
      'get back a way that takes less than a day (MFA sign-in or alternative factors or repairing the contact phone, then alternative factors): ' +
        `until then the fastest way left takes about 9 days (4 days to 20 days): identity verification by AWS Support (notarized affidavit, photo ID, proof of address)`,
    );
    expect(terminal).toMatch(/^ {4}Sign in as root +no fast way +fastest: about 9 days/m);
    expect(markdown).toContain('no fast way');
    expect(capabilitiesOf(json, json.accounts[0]!).map((capability) => capability.state)).toContain(
      'no-fast-way',
    );
    // The capability one loss from that, billing notices, keeps its state: its ways are fast.
    const notices = report.accounts[0]!.capabilities.find((c) => c.id === 'receive-billing-notices')!;
    expect(notices.state).toBe('one-loss-away');
  });

  it('a capability without a fast way only through facts Lockout cannot see asks for them first', async () => {
    // The incident with root's MFA and the contact number not declared: the fast ways count as lost until they
    // are, and identity verification (days) is the way left.
    const text = readFileSync('examples/incident-2022.yaml', 'utf8')
      .replace(/\n {6}mfa:\n(?: {8}.*\n)+/, '\n')
      .replace(/\n {4}contactPhone: old-number\n/, '\n');
    const { report } = await rendered(writeInventory('undeclared-mfa.yaml', text));
    const root = report.accounts[0]!.capabilities.find((capability) => capability.id === 'root-sign-in')!;
    expect(root.state).toBe('no-fast-way');
    expect(root.improve).toMatch(
      /^declare root MFA devices(?:,| and) .*\(lockout init\): until then the fastest way left takes about 9 days/,
    );
  });
});

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
