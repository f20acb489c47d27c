/**
 * Property test: the dashboard's incremental evaluation of a scenario returns exactly what the full one it
 * replaced did (test/server/reference-situation.ts) — every colour, way, single point, lockout set, timeline,
 * event and gate — for random losses, restorations and deadlines, on the bundled examples (cycles through
 * hosted domains, accounts that can be suspended, facts lost already) and on a generated Organization.
 */

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Day } from '../../src/model/inventory.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import { loadDashboard } from '../../src/server/dashboard.js';
import { SituationModel, type Scenario } from '../../src/server/situation.js';
import { ReferenceSituationModel } from './reference-situation.js';

interface Subject {
  model: SituationModel;
  reference: ReferenceSituationModel;
}

function subject(model: SituationModel): Subject {
  return { model, reference: new ReferenceSituationModel(model.recovery, model.asOf) };
}

function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Scenarios over the graph's events: a few more losses, some of the losses of now undone, maybe a deadline. */
function scenarios({ model }: Subject, maxLosses: number): fc.Arbitrary<Scenario> {
  const events = model.recovery.graph.events;
  const names = events.map((event) => event.name);
  const lostNow = events.filter((event) => event.lost).map((event) => event.name);
  return fc.record({
    lost: fc.uniqueArray(fc.constantFrom(...names), { maxLength: maxLosses }),
    restored:
      lostNow.length === 0
        ? fc.constant([])
        : fc.uniqueArray(fc.constantFrom(...lostNow), { maxLength: lostNow.length }),
    deadline: fc.option(
      fc.integer({ min: -3, max: 40 }).map((days) => addDays(model.asOf, days)),
      { nil: undefined },
    ),
  });
}

function check({ model, reference }: Subject): (scenario: Scenario) => void {
  return (scenario) => {
    expect(model.evaluate(scenario)).toStrictEqual(reference.evaluate(scenario));
  };
}

describe('incremental scenario evaluation equals the full one', () => {
  let incident: Subject;
  let team: Subject;
  let organization: Subject;

  beforeAll(async () => {
    const [incidentData, teamData] = await Promise.all([
      loadDashboard({ example: 'incident', deadline: '2022-06-30' }),
      loadDashboard({ example: 'small-team' }),
    ]);
    incident = subject(incidentData.situations);
    team = subject(teamData.situations);
    // The benchmark's generator (plain JavaScript): a management account, members, shared admins and domains.
    const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
    const { organizationInventoryYaml } = (await import(generator)) as {
      organizationInventoryYaml: (accounts: number) => string;
    };
    const loaded = parseInventory(organizationInventoryYaml(24), 'organization.yaml');
    if (!loaded.ok) throw new Error('the generated Organization does not load');
    const asOf = loaded.inventory.asOf ?? '2025-06-01'; // the generator declares it
    organization = subject(new SituationModel(buildRecoveryGraph(loaded.inventory, asOf), asOf));
  });

  it('on the incident', () => {
    fc.assert(fc.property(scenarios(incident, 6), check(incident)), { numRuns: 300 });
  });

  it('on the small team', () => {
    fc.assert(fc.property(scenarios(team, 6), check(team)), { numRuns: 300 });
  });

  it('on a generated Organization of 24 accounts', () => {
    fc.assert(fc.property(scenarios(organization, 4), check(organization)), { numRuns: 40 });
  });

  it('for the same scenario asked again', () => {
    const scenario: Scenario = { lost: ['aiko-phone'], restored: [] };
    const first = organization.model.evaluate(scenario);
    organization.model.evaluate({ lost: ['corp-aws-mail'], restored: [] });
    expect(organization.model.evaluate(scenario)).toStrictEqual(first);
  });
});
