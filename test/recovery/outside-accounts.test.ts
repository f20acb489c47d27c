// Accounts outside AWS in the same recovery graph (issue 16): the incident extended with its outside link
// (examples/incident-2022-outside.yaml: root's Gmail address, whose Google account sends its 2-Step
// Verification code to the number that is also AWS's contact phone and Google's recovery phone).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { whatIfOverTime, type WhatIfOverTime } from '../../src/providers/aws/what-if-over-time.js';
import { TimedRecovery } from '../../src/analysis/timed-recovery.js';

const example = readFileSync('examples/incident-2022-outside.yaml', 'utf8');

function load(text: string): Inventory {
  const result = parseInventory(text, 'inventory.yaml');
  if (!result.ok) throw new Error(result.errors.map((issue) => issue.message).join('; '));
  return result.inventory;
}

/** The same inventory with root's mailbox a bare mailbox at Gmail: the link to the Google account cut. */
const withoutLink = example.replace('      account: google-alex\n', '      provider: gmail\n');

function analysis(text: string) {
  const inventory = load(text);
  return analyzeRecovery(inventory, { asOf: inventory.asOf!, setLimit: 50 });
}

/** The first capability of an account outside AWS: they follow the AWS accounts' in the one list. */
const firstOutside = (result: WhatIfOverTime) => result.capabilities.find((c) => c.provider !== 'aws')!;

const ids = (sets: { id: string }[][]): string[] =>
  sets.map((set) =>
    set
      .map((factor) => factor.id)
      .sort()
      .join('+'),
  );

describe('lockout sets cross AWS and Google', () => {
  const linked = analysis(example);
  const root = linked.capability('111122223333', 'root-sign-in');
  const google = linked.outsideCapabilities?.find((c) => c.account.id === 'google-alex');

  it("has the Google account's sign-in, lost to the old number alone (its SMS step and its recovery phone)", () => {
    expect(google?.capability).toBe('sign-in');
    expect(google?.status).toBe('at-risk');
    expect(google?.singlePointsOfFailure.map((f) => f.id)).toContain('old-number');
  });

  it('the old number and the laptop lock root out: the password store and, through Google, the reset mail', () => {
    expect(ids(linked.lockoutSetsUpTo(root, 2))).toContain('laptop+old-number');
    // Without the Google account the same two losses leave the reset mail to root's mailbox, then identity
    // verification: not a lockout set. The set exists only because the graph crosses providers.
    const bare = analysis(withoutLink);
    const bareRoot = bare.capability('111122223333', 'root-sign-in');
    expect(ids(bare.lockoutSetsUpTo(bareRoot, 2))).not.toContain('laptop+old-number');
  });

  it("the old number alone takes AWS's billing notices, through the Google account that holds root's mailbox", () => {
    const notices = linked.capability('111122223333', 'receive-billing-notices');
    expect(notices.singlePointsOfFailure.map((f) => f.id)).toEqual(
      expect.arrayContaining(['old-number', 'old-phone', 'aws-mailbox']),
    );
    const bare = analysis(withoutLink).capability('111122223333', 'receive-billing-notices');
    expect(bare.singlePointsOfFailure.map((f) => f.id)).not.toContain('old-number');
  });
});

describe('what if the 2016 phone is lost (its SIM holds the old number)', () => {
  const recovery = buildRecoveryGraph(load(example), '2019-03-01');
  const result = whatIfOverTime(recovery, ['old-phone']);
  const aws = (capability: string) =>
    result.capabilities.find((c) => c.gate === `111122223333/${capability}`)!;

  it("loses both providers' capabilities: Google's sign-in and AWS's billing notices", () => {
    const google = result.capabilities.find((c) => c.gate === 'google-alex/sign-in');
    expect(google?.provider).toBe('google');
    expect(google?.now.before).toBe('at-risk');
    expect(google?.now.after).toBe('lost');
    expect(google?.recovery?.possible).toBe(false);
    expect(aws('receive-billing-notices').now.after).toBe('lost');
  });

  it('leaves root only identity verification: the MFA, the mail-based ways and the contact phone are gone', () => {
    expect(aws('root-sign-in').now.after).toBe('at-risk');
    expect(aws('root-sign-in').waysLost.sort()).toEqual(['alternative-factors', 'mfa-sign-in']);
  });
});

describe('the way back goes through Google first', () => {
  // Google's recovery e-mail at work: losing the number and the laptop leaves account recovery at Google.
  const text = example
    .replace(
      '  cards:\n',
      "    - id: work-mailbox\n      address: alex@work.example\n      provider: the employer's mail\n  cards:\n",
    )
    .replace('      phone: old-number\n', '      phone: old-number\n      email: work-mailbox\n');
  const recovery = buildRecoveryGraph(load(text), '2019-03-01');
  const lost = new Set(['old-number', 'laptop'].map((name) => recovery.graph.findEvent(name)!.index));
  const times = new TimedRecovery(
    recovery.graph,
    (index) => recovery.graph.events[index]!.lost || lost.has(index),
  );

  it("recovers the Google account by its recovery e-mail (3-5 business days) before AWS's reset mail to root", () => {
    const estimate = times.estimate('111122223333/root-sign-in');
    expect(estimate.possible).toBe(true);
    const names = estimate.steps.map((step) => step.name);
    const google = 'google-alex/sign-in/recovery-email';
    expect(names).toContain(google);
    // The AWS way runs after Google's recovery: it waits on it, directly or through what it needs.
    const aws = estimate.steps.find((step) => step.name.startsWith('111122223333/root-sign-in/'))!;
    const before = new Set<string>();
    const walk = (name: string): void => {
      for (const after of estimate.steps.find((step) => step.name === name)?.after ?? []) {
        if (!before.has(after)) {
          before.add(after);
          walk(after);
        }
      }
    };
    walk(aws.name);
    expect(before).toContain(google);
    // Google's 3-5 business days, then a sign-in of minutes.
    expect(estimate.duration.typical).toBeGreaterThanOrEqual(96);
    expect(estimate.duration.max).toBeGreaterThanOrEqual(168);
  });
});

describe('unknown Google facts are unknown, never safe', () => {
  const bareGoogle = example.replace(
    / {4}password:\n {6}storedIn: keepass\n {4}twoStepVerification: on\n {4}secondFactors:\n {6}- type: sms\n {8}heldBy: old-number\n {4}recovery:\n {6}phone: old-number\n/,
    '',
  );

  it('an account with nothing declared signs in by no known way: lost, each way waiting on an unknown', () => {
    expect(bareGoogle).not.toBe(example);
    const result = analysis(bareGoogle);
    const google = result.outsideCapabilities!.find((c) => c.account.id === 'google-alex')!;
    expect(google.status).toBe('lost');
    expect(google.ways.map((way) => [way.id, way.status])).toEqual([
      ['second-step', 'lost'],
      ['account-recovery', 'lost'],
    ]);
    const unknowns = [...result.events.values()].filter((e) => e.lostBecause?.startsWith('unknown:'));
    expect(unknowns.map((e) => e.label)).toEqual(
      expect.arrayContaining([
        "The password of Alex's Google account (where it is kept: not declared)",
        "The second steps of Alex's Google account (2-Step Verification not declared)",
        "The recovery phone and e-mail of Alex's Google account (not declared)",
      ]),
    );
    // And what it holds follows: AWS's billing notices read lost, not safe.
    expect(result.capability('111122223333', 'receive-billing-notices').status).toBe('lost');
  });

  it('2-Step Verification "unknown" asks for a second step: the password alone is never a way', () => {
    const unknown = example.replace('    twoStepVerification: on\n', '    twoStepVerification: unknown\n');
    const google = analysis(unknown).outsideCapabilities![0]!;
    expect(google.ways.map((way) => way.id)).toEqual(['second-step-1', 'recovery-phone']);
    const off = example.replace('    twoStepVerification: on\n', '    twoStepVerification: off\n');
    expect(analysis(off).outsideCapabilities![0]!.ways.map((way) => way.id)).toEqual([
      'password',
      'recovery-phone',
    ]);
  });

  it('a provider Lockout has no model of: the declared second step works, its recovery is unknown', () => {
    const other = analysis(example.replace('    provider: google\n', '    provider: other\n'));
    const account = other.outsideCapabilities![0]!;
    expect(account.ways.map((way) => [way.id, way.status])).toEqual([
      ['second-step-1', 'at-risk'],
      ['account-recovery', 'lost'],
    ]);
    const reason = other.events.get('google-alex/recovery-not-modelled')?.lostBecause;
    expect(reason).toBe('unknown: Lockout has no model of this provider');
  });
});

describe('cycles across providers', () => {
  it('a recovery e-mail held by the account itself is no way back (least fixed point)', () => {
    // Google's recovery e-mail is the Gmail it holds: losing the number must still lose the account.
    const text = example.replace(
      '      phone: old-number\n',
      '      phone: old-number\n      email: aws-mailbox\n',
    );
    const recovery = buildRecoveryGraph(load(text), '2019-03-01');
    const result = whatIfOverTime(recovery, ['old-number']);
    expect(firstOutside(result).now.after).toBe('lost');
  });

  it("AWS root's password in Google Password Manager, Google's recovery e-mail on a domain hosted in that AWS account", () => {
    const text = example
      .replace(
        '      address: alex.example.aws@gmail.com\n      account: google-alex\n',
        '      address: aws@example.net\n      domain: example-net\n      provider: fastmail\n',
      )
      .replace(
        '  cards:\n',
        "  domains:\n    - { id: example-net, name: example.net, registrar: '111122223333', dns: '111122223333' }\n  cards:\n",
      )
      .replace(
        '  passwordStores:\n',
        '  passwordStores:\n    - { id: google-passwords, account: google-alex }\n',
      )
      .replace('      phone: old-number\n', '      phone: old-number\n      email: aws-mailbox\n')
      .replace(
        '      password:\n        storedIn: keepass\n        verified: 2019-03-01\n',
        '      password:\n        storedIn: google-passwords\n',
      );
    const inventory = load(text);
    const recovery = buildRecoveryGraph(inventory, '2019-03-01');
    // Google needs root's mailbox (its recovery e-mail), which needs the AWS account (its DNS), whose bill
    // needs root, whose password needs Google: one strongly connected part, analysed without looping.
    const result = analyzeRecovery(inventory, { asOf: '2019-03-01', setLimit: 50 });
    const root = result.capability('111122223333', 'root-sign-in');
    expect(root.status).toBe('at-risk');
    // Losing the number: Google still comes back through root's mailbox, and root through Google.
    const after = whatIfOverTime(recovery, ['old-number']);
    expect(firstOutside(after).now.after).toBe('at-risk');
    expect(after.capabilities.find((c) => c.gate === '111122223333/root-sign-in')!.now.after).toBe('at-risk');
    // Losing the number and the mailbox: Google is gone, so root's password is, so root is.
    const both = whatIfOverTime(recovery, ['old-number', 'aws-mailbox']);
    expect(firstOutside(both).now.after).toBe('lost');
    expect(both.capabilities.find((c) => c.gate === '111122223333/root-sign-in')!.now.after).toBe('lost');
  });
});
