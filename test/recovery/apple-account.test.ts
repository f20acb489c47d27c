/**
 * The Apple Account (issue 16): a sync account (iCloud Keychain) naming it holds passkeys that are lost with
 * its sign-in, and its ways back follow Apple's rules: a code on a trusted device or to a trusted number, a new
 * password on a trusted device, a recovery contact, the recovery key (which turns account recovery off), and
 * account recovery's wait of several days, whose end needs a trusted number. In the startup example Taro's
 * GitHub passkey is in iCloud Keychain: his phone alone no longer takes GitHub, his phone and Mac do.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { appleChecked, appleRules, appleTimings } from '../../src/providers/apple/provider-model.js';
import { renderRulesDoc } from '../../src/providers/aws/rules-doc.js';
import type { Rule } from '../../src/recovery/rules.js';
import { analyzeRecoveryGraph } from '../../src/recovery/analysis.js';
import { cli } from '../support/cli.js';

interface WhatIfJson {
  capabilities: { accountId: string; capability: string; before: string; after: string }[];
}

async function whatIf(lose: string): Promise<WhatIfJson> {
  const run = await cli(['whatif', '--example', 'startup', '--lose', lose, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as WhatIfJson;
}

const after = (answer: WhatIfJson, accountId: string): string | undefined =>
  answer.capabilities.find((c) => c.accountId === accountId && c.capability === 'sign-in')?.after;

describe('the startup example: a founder whose passkeys are in iCloud Keychain', () => {
  it("keeps Taro's GitHub when only his phone is lost: the passkey syncs through his Apple Account", async () => {
    const answer = await whatIf('phone-taro');
    expect(after(answer, 'apple-taro')).not.toBe('lost');
    expect(after(answer, 'github-taro')).not.toBe('lost');
  });

  it('loses GitHub with the Apple Account once his phone and Mac are both gone (account recovery needs the number on the phone)', async () => {
    const answer = await whatIf('phone-taro,mac-taro');
    expect(after(answer, 'apple-taro')).toBe('lost');
    expect(after(answer, 'github-taro')).toBe('lost');
  });
});

/** One Apple Account holding a passkey for a GitHub account, with `apple` fields merged in. */
function appleInventory(apple: Record<string, unknown>): Inventory {
  const text = stringify({
    version: 1,
    asOf: '2026-12-04',
    factors: {
      people: [
        { id: 'kim', name: 'Kim' },
        { id: 'sam', name: 'Sam' },
      ],
      devices: [
        { id: 'phone', kind: 'phone', holder: 'kim' },
        { id: 'mac', kind: 'laptop', holder: 'kim' },
      ],
      places: [{ id: 'safe', kind: 'safe' }],
      phoneNumbers: [{ id: 'number', number: '+81 90-0000-0001', holder: 'kim', dependsOn: ['phone'] }],
      syncAccounts: [{ id: 'keychain', provider: 'icloud-keychain', holder: 'kim', account: 'apple-kim' }],
      mailboxes: [{ id: 'root-mail', address: 'aws@example.net', provider: 'fastmail' }],
    },
    accounts: [
      { id: '111122223333', name: 'personal', organization: 'standalone', root: { email: 'root-mail' } },
    ],
    outsideAccounts: [
      {
        id: 'apple-kim',
        provider: 'apple',
        name: "Kim's Apple Account",
        holder: 'kim',
        password: { storedIn: 'kim' },
        twoStepVerification: 'on',
        secondFactors: [
          { type: 'prompt', heldBy: 'phone' },
          { type: 'sms', heldBy: 'number' },
        ],
        ...apple,
      },
      {
        id: 'github-kim',
        provider: 'github',
        holder: 'kim',
        twoStepVerification: 'on',
        secondFactors: [{ type: 'passkey', heldBy: 'keychain' }],
      },
    ],
  });
  const parsed = parseInventory(text, 'apple.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.inventory;
}

/** The Apple Account's sign-in: its status once `lost` are lost, and its ways' ids. */
function appleSignIn(inventory: Inventory, lost: string[] = []) {
  const copy = structuredClone(inventory);
  for (const id of lost) {
    for (const list of [copy.factors?.devices, copy.factors?.people, copy.factors?.places]) {
      const factor = list?.find((f) => f.id === id);
      if (factor) factor.state = 'lost';
    }
  }
  const recovery = analyzeRecoveryGraph(buildRecoveryGraph(copy, copy.asOf!), { asOf: copy.asOf! });
  const capability = (id: string) =>
    recovery.outsideCapabilities!.find((c) => c.account.id === id && c.capability === 'sign-in')!;
  return { apple: capability('apple-kim'), github: capability('github-kim') };
}

describe('the Apple Account model', () => {
  const settled = { recoveryContacts: [], recoveryKey: { enabled: 'off' } };

  it('has the ways Apple documents, account recovery with its ranged wait and the trusted number', () => {
    const { apple } = appleSignIn(appleInventory(settled));
    expect(apple.ways.map((way) => way.id)).toEqual([
      'second-step-1',
      'second-step-2',
      'trusted-device-reset-1',
      'account-recovery-1',
    ]);
    const recovery = apple.ways.find((way) => way.id === 'account-recovery-1')!;
    expect(recovery.label).toContain('several days or longer');
    expect(appleTimings.accountRecovery.duration).toEqual({ min: 72, typical: 168, max: 720 });
    expect(appleTimings.accountRecovery.sources.map((s) => s.kind)).toEqual(['documented', 'observed']);
  });

  it('loses the synced passkey with the Apple Account: the phone, and with it the trusted number, is a single point of failure', () => {
    const { apple, github } = appleSignIn(appleInventory(settled), ['phone']);
    expect(apple.status).toBe('lost');
    expect(github.status).toBe('lost');
  });

  it('keeps the Apple Account (and the passkey) through a recovery contact', () => {
    const inventory = appleInventory({ ...settled, recoveryContacts: ['sam'] });
    expect(appleSignIn(inventory, ['phone']).github.status).not.toBe('lost');
    expect(appleSignIn(inventory, ['phone', 'sam']).github.status).toBe('lost');
  });

  it('with a recovery key on: account recovery is off, the key and the trusted number are a way', () => {
    const inventory = appleInventory({
      recoveryContacts: [],
      recoveryKey: { enabled: 'on', storedIn: 'safe' },
    });
    const ids = appleSignIn(inventory).apple.ways.map((way) => way.id);
    expect(ids).toContain('recovery-key-1');
    expect(ids).not.toContain('account-recovery-1');
    // The Mac is no trusted device here: losing the safe alone leaves the phone; the phone alone takes all.
    expect(appleSignIn(inventory, ['safe']).apple.status).not.toBe('lost');
  });

  it('counts undeclared recovery contacts and recovery key as unknown, never as safe', () => {
    const { apple } = appleSignIn(appleInventory({}), ['phone']);
    expect(apple.status).toBe('lost');
  });
});

describe('the Apple provider model as data', () => {
  it('gives every rule sources checked on the day, and puts each on the generated rules page', () => {
    const page = renderRulesDoc();
    const apple = page.slice(page.indexOf('## Apple Accounts and iCloud Keychain'));
    expect(apple).not.toBe(page);
    for (const rule of Object.values(appleRules) as Rule[]) {
      expect(rule.sources?.length).toBeGreaterThan(0);
      for (const source of rule.sources ?? []) expect(source.checked).toBe(appleChecked);
      expect(apple).toContain(`Id \`${rule.id}\``);
    }
    // Apple gives no figure for account recovery's wait: the range is marked as an estimate beside the quote.
    expect(apple).toContain('`apple.accountRecovery`');
    expect(appleRules.recoveryKey.sources.every((s) => s.kind === 'observed')).toBe(true);
  });
});
