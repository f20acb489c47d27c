/**
 * The dashboard's colours, one meaning everywhere, on the bundled examples: red when a capability is lost or
 * only slow ways remain, amber when a single loss would leave no way back within a day, green otherwise; and
 * the words that go with them.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDashboard, type DashboardData } from '../../src/server/dashboard.js';
import { buildGraphPicture } from '../../src/server/graph-picture.js';
import {
  ScenarioError,
  withVerdict,
  type CapabilityView,
  type Colour,
  type Scenario,
} from '../../src/server/situation.js';
import type { TimelineStep } from '../../src/server/timeline.js';

let incident: DashboardData;
let team: DashboardData;

beforeAll(async () => {
  [incident, team] = await Promise.all([
    loadDashboard({ example: 'incident', deadline: '2022-06-30' }),
    loadDashboard({ example: 'small-team' }),
  ]);
});

const account = '111122223333';

/** The dashboard of the benchmark's generated Organization of `accounts` accounts (bench/org-inventory.mjs). */
async function generatedOrganization(accounts: number): Promise<DashboardData> {
  const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
  const { organizationInventoryYaml } = (await import(generator)) as {
    organizationInventoryYaml: (accounts: number) => string;
  };
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-organization-')), 'organization.yaml');
  writeFileSync(file, organizationInventoryYaml(accounts));
  return loadDashboard({ inventory: file });
}

function colours(data: DashboardData, scenario: Partial<Scenario>): Record<string, Colour> {
  const situation = data.situations.evaluate({ lost: [], restored: [], ...scenario });
  return Object.fromEntries(situation.capabilities.map((capability) => [capability.id, capability.colour]));
}

describe('colours of the incident', () => {
  const cases: { name: string; scenario: Partial<Scenario>; expected: Record<string, Colour> }[] = [
    {
      name: 'as things stood: root, paying and the bill only through identity verification',
      scenario: {},
      expected: {
        'root-sign-in': 'red',
        'change-payment-method': 'red',
        'keep-bill-paid': 'red',
        'receive-billing-notices': 'amber',
        // No alert channel is declared: counted as lost, whatever the scenario.
        'hear-about-trouble': 'red',
      },
    },
    {
      name: 'the old phone back: everything holds, one loss away',
      scenario: { restored: ['old-phone'] },
      expected: {
        'root-sign-in': 'amber',
        'change-payment-method': 'amber',
        'keep-bill-paid': 'amber',
        'receive-billing-notices': 'amber',
        // No alert channel is declared: counted as lost, whatever the scenario.
        'hear-about-trouble': 'red',
      },
    },
    {
      // In 2022 the account page (and so the contact phone) opened to IAM users with billing access on: the
      // admin could point the contact phone at the current number, and root's alternative factors worked again.
      name: 'billing access on: alex-admin pays within minutes and can repair root’s contact phone',
      scenario: { restored: [`${account}/billing-access-off`] },
      expected: {
        'root-sign-in': 'amber',
        'change-payment-method': 'amber',
        'keep-bill-paid': 'amber',
        'receive-billing-notices': 'amber',
        // No alert channel is declared: counted as lost, whatever the scenario.
        'hear-about-trouble': 'red',
      },
    },
    {
      name: 'the mailbox lost too: billing notices are lost',
      scenario: { lost: ['aws-mailbox'] },
      expected: {
        'root-sign-in': 'red',
        'change-payment-method': 'red',
        'keep-bill-paid': 'red',
        'receive-billing-notices': 'red',
        // No alert channel is declared: counted as lost, whatever the scenario.
        'hear-about-trouble': 'red',
      },
    },
  ];

  it.each(cases)('$name', ({ scenario, expected }) => {
    const found = colours(incident, scenario);
    expect(
      Object.fromEntries(Object.entries(found).map(([id, colour]) => [id.slice(account.length + 1), colour])),
    ).toEqual(expected);
  });

  it('says why in words beside every colour', () => {
    const situation = incident.situations.evaluate({ lost: [], restored: [], deadline: '2022-06-30' });
    expect(situation.capabilities.map((capability) => capability.headline)).toEqual([
      'Sign in as root — LOCKED OUT FOR NOW: only identity verification, ~9 days',
      'Change the payment method — LOCKED OUT FOR NOW: only root, ~9 days',
      'Keep the bill paid — LOCKED OUT FOR NOW: only a new payment method, ~9 days',
      expect.stringMatching(
        /^Receive billing notices — HOLDS, ONE LOSS AWAY: a single loss would leave no way back within a day: /,
      ) as string,
      // Lost only because no alert channel is declared: unknown, not an emergency.
      'Hear about trouble in time — UNKNOWN: counted as lost until what it needs is declared',
    ]);
  });

  it('names what is lost now, and why, and what the scenario changed', () => {
    const situation = incident.situations.evaluate({ lost: ['passport'], restored: ['old-phone'] });
    const event = (id: string) => situation.events.find((each) => each.id === id)!;
    expect(event('old-number')).toMatchObject({
      lostNow: true,
      lost: true,
      lostBecause: 'declared outdated',
    });
    expect(event('old-phone')).toMatchObject({ lostNow: true, lost: false, change: 'restored' });
    expect(event('passport')).toMatchObject({ lostNow: false, lost: true, change: 'lost' });
    expect(event(`${account}/billing-access-off`)).toMatchObject({ kind: 'fact', accountId: account });
    expect(event('old-phone').singlePointOf).toContain(`${account}/root-sign-in`);
  });

  it('refuses names the graph does not have', () => {
    expect(() => incident.situations.evaluate({ lost: ['nope'], restored: [] })).toThrow(ScenarioError);
  });
});

describe('colours of the small team', () => {
  it('nothing is red as things stand, and losing the shared root address turns billing notices red', () => {
    const now = Object.values(colours(team, {}));
    expect(now).not.toContain('red');
    const situation = team.situations.evaluate({ lost: [], restored: [] });
    const shared = situation.events.find(
      (event) => event.singlePointOf.length > 0 && event.kind === 'factor',
    )!;
    const after = colours(team, { lost: [shared.id] });
    for (const id of shared.singlePointOf) expect(after[id]).toBe('red');
  });
});

describe('single points of failure on the what-if page', () => {
  it('a factor is called a single point of a capability only when losing it alone changes the capability', () => {
    let called = 0;
    for (const data of [incident, team]) {
      const standing = data.situations.evaluate({ lost: [], restored: [] });
      // What a capability's standing is: its state, whether it holds, whether a way back remains.
      const standingOf = (capability: CapabilityView): string =>
        `${capability.state} ${capability.status} ${capability.fastest.possible}`;
      const before = new Map(
        standing.capabilities.map((capability) => [capability.id, standingOf(capability)]),
      );
      for (const event of standing.events) {
        if (event.lost || event.singlePointOf.length === 0) continue;
        const after = data.situations.evaluate({ lost: [event.id], restored: [] });
        const changed = new Set(
          after.capabilities
            .filter((c) => standingOf(c) !== before.get(c.id))
            .map((capability) => capability.id),
        );
        // A capability with no way back within a day already is not made so by one more loss; one lost for want
        // of a valid card still loses its ways back to its single points.
        for (const id of event.singlePointOf) expect([event.id, changed.has(id)]).toEqual([event.id, true]);
        called += event.singlePointOf.length;
      }
    }
    expect(called).toBeGreaterThan(0);
  });

  it('a capability lost already names as single points only the losses that take its last way back (within a day, if it has one)', async () => {
    const organization = await generatedOrganization(6);
    // Where a lost capability stands: whether a way back remains, and whether one is back within a day.
    const standingOf = (capability: CapabilityView): string =>
      `${capability.state} ${capability.fastest.possible} ${capability.fastest.duration.typical < 24}`;
    let checked = 0;
    let slowChecked = 0;
    for (const data of [incident, team, organization]) {
      const standing = data.situations.evaluate({ lost: [], restored: [] });
      for (const first of standing.events) {
        if (first.lost || first.kind !== 'factor') continue;
        const once = data.situations.evaluate({ lost: [first.id], restored: [] });
        const lostNow = new Map(
          once.capabilities
            .filter((capability) => capability.status === 'lost')
            .map((capability) => [capability.id, capability]),
        );
        for (const second of once.events) {
          const named = second.singlePointOf.filter((id) => lostNow.has(id));
          if (second.lost || named.length === 0) continue;
          const twice = data.situations.evaluate({ lost: [first.id, second.id], restored: [] });
          const after = new Map(twice.capabilities.map((capability) => [capability.id, capability]));
          for (const id of named) {
            const before = lostNow.get(id)!;
            expect([first.id, second.id, id, standingOf(after.get(id)!)]).not.toEqual([
              first.id,
              second.id,
              id,
              standingOf(before),
            ]);
            checked += 1;
            if (!(before.fastest.duration.typical < 24)) slowChecked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(slowChecked).toBeGreaterThan(0);
  });

  it('a loss not named a single point of a capability lost already leaves it a way back (within a day, if it had one)', () => {
    // Whether a way back remains, and whether one is back within a day.
    const wayBack = (capability: CapabilityView): string =>
      `${capability.fastest.possible} ${capability.fastest.duration.typical < 24}`;
    let checked = 0;
    for (const data of [incident, team]) {
      const standing = data.situations.evaluate({ lost: [], restored: [] });
      for (const first of standing.events) {
        if (first.lost || first.kind !== 'factor') continue;
        const once = data.situations.evaluate({ lost: [first.id], restored: [] });
        const lostNow = once.capabilities.filter((capability) => capability.status === 'lost');
        if (lostNow.length === 0) continue;
        for (const second of once.events) {
          if (second.lost) continue;
          const twice = data.situations.evaluate({ lost: [first.id, second.id], restored: [] });
          const after = new Map(twice.capabilities.map((capability) => [capability.id, capability]));
          for (const before of lostNow) {
            if (second.singlePointOf.includes(before.id)) continue;
            expect([first.id, second.id, before.id, wayBack(after.get(before.id)!)]).toEqual([
              first.id,
              second.id,
              before.id,
              wayBack(before),
            ]);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the words of a verdict', () => {
  it('"one loss away" is the state\'s meaning: a loss that only leaves slow ways says that instead', async () => {
    // A generated Organization: members whose roots hold with no single point of failure, but where one loss
    // (an admin's phone) leaves only slow ways.
    const organization = await generatedOrganization(6);
    const capabilities = [incident, team, organization].flatMap(
      (data) => data.situations.evaluate({ lost: [], restored: [] }).capabilities,
    );
    // The incident without its identity documents: billing notices, lost after the suspension date, still have
    // single points of failure until then.
    const undocumented = incident.situations.evaluate({
      lost: ['passport', 'driving-licence'],
      restored: [],
      deadline: '2022-06-30',
    }).capabilities;
    expect(
      undocumented.some((capability) => capability.state === 'lost-after' && capability.colour === 'amber'),
    ).toBe(true);
    capabilities.push(...undocumented);
    const amber = capabilities.filter((capability) => capability.colour === 'amber');
    expect(amber.some((capability) => capability.state === 'holds')).toBe(true);
    expect(amber.some((capability) => capability.state === 'one-loss-away')).toBe(true);
    for (const capability of amber) {
      // The tile says the state; the verdict beside it must not say a single loss takes what it does not.
      const taken = capability.singlePointsOfFailure.length > 0;
      expect(capability.verdict).toBe(taken ? 'HOLDS, ONE LOSS AWAY' : 'HOLDS, ONE LOSS FROM NO FAST WAY');
      if (capability.state === 'one-loss-away') expect(taken).toBe(true);
      expect(capability.headline).toContain(`— ${capability.verdict}: `);
    }
    // An account in the graph's picture, amber at worst, says so in the same words.
    const situation = organization.situations.evaluate({ lost: [], restored: [] });
    const accountIds = [...new Set(situation.capabilities.map((capability) => capability.accountId))];
    const told = new Set<string>();
    for (const accountId of accountIds) {
      const own = situation.capabilities.filter((capability) => capability.accountId === accountId);
      if (own.some((capability) => capability.colour === 'red') || !own.some((c) => c.colour === 'amber'))
        continue;
      const picture = buildGraphPicture(
        organization.graphs.view([accountId]),
        situation,
        organization.providers,
      );
      const node = picture.nodes.find((each) => each.kind === 'account' && each.accountId === accountId)!;
      const oneLossAway = own.some((capability) => capability.singlePointsOfFailure.length > 0);
      expect(node.statusText).toBe(oneLossAway ? 'ONE LOSS AWAY' : 'ONE LOSS FROM NO FAST WAY');
      told.add(node.statusText);
    }
    expect(told).toContain('ONE LOSS FROM NO FAST WAY');
  });

  it('a step named with an article is lowered mid-sentence, an acronym keeps its capitals', () => {
    const view = incident.situations.evaluate({ lost: [], restored: [] }).capabilities[0]!;
    const hours = (typical: number): { min: number; typical: number; max: number } => ({
      min: typical,
      typical,
      max: typical,
    });
    const step = (label: string, end: number): TimelineStep => ({
      label,
      kind: 'process',
      start: hours(0),
      end: hours(end),
      cost: 0,
    });
    const lost = withVerdict({
      ...view,
      status: 'lost',
      fastest: {
        possible: true,
        duration: hours(72),
        cost: 0,
        steps: [step('A new password on a trusted device (iPhone)', 24), step('IAM user signs in', 72)],
      },
    });
    expect(lost.verdict).toBe('LOST');
    expect(lost.headline).toContain('(a new password on a trusted device, then IAM user signs in)');
  });
});
