// What-if: click what the owner holds to mark it lost, or to get back what is lost, and watch every capability
// and the fastest way back (a timeline against the deadline) change.
import { api, fill, formatHours, groupBy, h, inProviderOrder } from './dom.js';
import { capabilityTile, stateWords } from './overview.js';
import { raceHint, raceSection } from './race.js';
import { timeline, timelineSummary } from './timeline.js';

function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Answers arrive in any order when clicks come fast: only the latest request's answer is drawn. */
let latestRequest = 0;

function eventStatus(event) {
  if (event.change === 'lost') return 'MARKED LOST';
  if (event.change === 'restored')
    return event.singlePointOf.length > 0 ? 'GOT BACK · SINGLE POINT' : 'GOT BACK';
  if (event.lost) return `LOST${event.lostBecause ? ` · ${event.lostBecause}` : ''}`;
  if (event.singlePointOf.length > 0) return 'SINGLE POINT OF FAILURE';
  return 'held';
}

function eventColour(event) {
  if (event.lost) return 'red';
  return event.singlePointOf.length > 0 ? 'amber' : 'green';
}

function factorButton(event, app) {
  const colour = eventColour(event);
  return h(
    'button',
    {
      type: 'button',
      class: `factor colour-${colour}${event.change ? ' changed' : ''}`,
      dataset: { factor: event.id, colour },
      'aria-pressed': event.change ? 'true' : 'false',
      title: event.lost ? 'Click to get it back' : 'Click to mark it lost',
      onclick: () => app.toggle(event),
    },
    h('span', { class: 'factor-label' }, event.label),
    event.kind === 'fact' && event.accountId
      ? h('span', { class: 'factor-account' }, app.accountName(event.accountId))
      : null,
    h('span', { class: 'factor-status' }, eventStatus(event)),
  );
}

function wayLine(way) {
  const mark = way.status === 'lost' ? '✗' : way.fast ? '✓' : '…';
  const words =
    way.status === 'lost'
      ? 'lost'
      : `${way.fast ? 'fast' : 'slow'}${way.duration ? `, ~${formatHours(way.duration.typical)}` : ''}`;
  return h(
    'li',
    { class: `way way-${way.status === 'lost' ? 'lost' : way.fast ? 'fast' : 'slow'}` },
    h('span', { class: 'way-mark', 'aria-hidden': 'true' }, mark),
    ` ${way.label} — `,
    h('span', { class: 'way-words' }, words),
  );
}

/** Steps of a way back, as a key: capabilities that share their way back share one timeline. */
function wayBackKey(capability) {
  return capability.fastest.steps.map((step) => `${step.label}@${step.start.typical}`).join('|');
}

/**
 * What a scenario changed, at a glance: each change of state as the two states' colours with the count. An
 * Organization's summary sends only the first changed capabilities: this counts them all, and how many the
 * scenario evaluated again and found standing as they stood.
 */
function stateChanges(situation) {
  const changes = situation.stateChanges;
  const unchanged = situation.reevaluatedCapabilities - situation.changedCapabilities;
  return h(
    'div',
    { class: 'state-changes', dataset: { changed: String(situation.changedCapabilities) } },
    changes.length === 0
      ? h('p', { class: 'muted' }, 'No capability changes state.')
      : changes.map((change) =>
          h(
            'span',
            { class: 'state-change', dataset: { from: change.from, to: change.to } },
            h('b', {}, change.count.toLocaleString('en')),
            ' ',
            h('span', { class: `state-swatch state state-${change.from}` }, stateWords[change.from]),
            h('span', { 'aria-label': 'to' }, ' → '),
            h('span', { class: `state-swatch state state-${change.to}` }, stateWords[change.to]),
          ),
        ),
    unchanged > 0
      ? h(
          'p',
          { class: 'muted' },
          `${unchanged.toLocaleString('en')} more capabilities depend on what changed and stand as they stood.`,
        )
      : null,
    situation.changedCapabilities > situation.capabilities.filter((capability) => capability.was).length
      ? h('p', { class: 'muted' }, 'Below: the accounts most at risk, then the first capabilities changed.')
      : null,
  );
}

function capabilityCard(capability, before, situation, shown) {
  const changed = before && (before.colour !== capability.colour || before.state !== capability.state);
  const showTimeline = capability.colour === 'red' || capability.fastest.duration.typical >= 24;
  const key = wayBackKey(capability);
  const same = showTimeline && capability.fastest.possible ? shown.get(key) : undefined;
  if (showTimeline && !same) shown.set(key, capability.label);
  return h(
    'article',
    {
      class: `card colour-${capability.colour}`,
      dataset: { capability: capability.id, colour: capability.colour },
    },
    capabilityTile(capability),
    // The state when it changed; else the colour changed, and the verdict says how.
    changed
      ? h(
          'p',
          { class: 'was' },
          `Was: ${before.state !== capability.state ? before.stateLabel : before.verdict.toLowerCase()}`,
        )
      : null,
    capability.ways.length > 0 ? h('ul', { class: 'ways' }, capability.ways.map(wayLine)) : null,
    showTimeline && same
      ? h(
          'p',
          { class: `same-way${(capability.fastest.slack?.typical ?? 0) < 0 ? ' late' : ''}` },
          `Same way back as ${same.toLowerCase()}: ${lowerFirst(timelineSummary(capability.fastest))}`,
        )
      : showTimeline
        ? h(
            'div',
            { class: 'way-back' },
            h('h4', {}, capability.status === 'lost' ? 'Fastest way back' : 'Fastest way to do it now'),
            timeline(capability.fastest, situation),
          )
        : null,
  );
}

export async function renderWhatIf(section, app, { first }) {
  if (first) {
    app.listeners.add(() => {
      if (!section.hidden) void renderWhatIf(section, app, { first: false });
      else section.dataset.stale = 'true';
    });
  }
  const request = ++latestRequest;
  section.dataset.busy = 'true';
  const body = app.scenarioBody();
  // The race against the deadline is asked at once but drawn when it comes: on a large Organization it takes
  // longer than the situation (a recovery graph of its own), and the rest of the page need not wait for it.
  // Asked second: the server answers one at a time, and the situation is the one to draw first.
  const situating = api('/api/whatif', body);
  const racing = body.deadline ? api('/api/race', body) : undefined;
  racing?.catch(() => undefined); // its failure is drawn in its slot below
  const situation = await situating;
  if (request !== latestRequest) return;
  const baseline = new Map(app.baseline.capabilities.map((capability) => [capability.id, capability]));

  const groups = [
    { title: 'What you hold', kind: 'factor' },
    { title: 'Settings and facts of the accounts', kind: 'fact' },
  ];
  const scenarioWords = [
    situation.lost.length > 0 ? `marked lost: ${situation.lost.length}` : null,
    situation.restored.length > 0 ? `got back: ${situation.restored.length}` : null,
  ].filter(Boolean);

  const deadline = h('input', {
    type: 'date',
    id: 'deadline',
    value: app.scenario.deadline ?? '',
    onchange: (event) => app.setDeadline(event.target.value),
  });

  const raceSlot = racing
    ? h('p', { class: 'race race-pending muted' }, `Racing the ways back against ${body.deadline}…`)
    : raceHint();
  const capabilitiesOf = groupBy(situation.capabilities, (capability) => capability.accountId);
  const accounts = [...capabilitiesOf.keys()];
  const shown = new Map();
  fill(
    section,
    h(
      'div',
      { class: 'scenario-bar' },
      h('p', {}, 'Click something you hold to mark it lost; click something lost to get it back.'),
      h(
        'span',
        { class: 'scenario-state', dataset: { empty: String(scenarioWords.length === 0) } },
        scenarioWords.length > 0 ? `What-if — ${scenarioWords.join(', ')}` : 'As things stand',
      ),
      h(
        'button',
        { type: 'button', class: 'reset', onclick: () => app.reset(), disabled: scenarioWords.length === 0 },
        'Reset',
      ),
      h('label', { for: 'deadline' }, 'Deadline '),
      deadline,
    ),
    raceSlot,
    situation.summarized && scenarioWords.length > 0 ? stateChanges(situation) : null,
    h(
      'div',
      { class: 'whatif' },
      h(
        'aside',
        { class: 'factors' },
        groups.map((group) => {
          const events = situation.events.filter((event) => event.kind === group.kind);
          return events.length === 0
            ? null
            : h(
                'section',
                {},
                h('h3', {}, group.title),
                h(
                  'div',
                  { class: 'factor-list' },
                  events.map((event) => factorButton(event, app)),
                ),
              );
        }),
      ),
      h(
        'div',
        { class: 'capabilities' },
        // By provider (AWS, then each outside provider), as the overview and the graph group them.
        inProviderOrder(
          groupBy(accounts, (accountId) => capabilitiesOf.get(accountId)[0].provider),
          situation.providers,
        ).map(([provider, own]) =>
          h(
            'section',
            { class: 'provider-capabilities', dataset: { provider } },
            (situation.providers ?? []).length > 1
              ? h('h2', { class: 'provider-name' }, providerName(situation, provider))
              : null,
            own.map((accountId) => {
              const capabilities = capabilitiesOf.get(accountId);
              return h(
                'section',
                { class: 'account-capabilities' },
                h('h2', {}, `${capabilities[0].accountName} `, h('span', { class: 'muted' }, accountId)),
                capabilities.map((capability) =>
                  capabilityCard(capability, capability.was ?? baseline.get(capability.id), situation, shown),
                ),
              );
            }),
          ),
        ),
      ),
    ),
  );
  delete section.dataset.busy;
  delete section.dataset.stale;
  if (racing) {
    let drawn;
    try {
      const race = await racing;
      drawn = race.deadline ? raceSection(race, (id) => app.accountName(id)) : raceHint();
    } catch (error) {
      drawn = h('p', { class: 'race error' }, String(error.message ?? error));
    }
    // A newer scenario has drawn the page again: this answer is not its.
    if (request === latestRequest) raceSlot.replaceWith(drawn);
  }
}

/** A provider's display name, as the server gives it (from the provider's model). */
function providerName(situation, id) {
  return (situation.providers ?? []).find((provider) => provider.id === id)?.name ?? id;
}
