// Overview: each account with its capabilities as coloured tiles (words beside the colours), what matters now,
// the worst risks, and what changed since the last scan.
/* global URLSearchParams */
import { api, docsLink, fill, groupBy, h, inProviderOrder } from './dom.js';
import { timeline } from './timeline.js';

const severityOrder = ['critical', 'high', 'medium', 'low', 'info'];
/** Accounts shown in detail, as the reports detail the 20 most at risk (src/report/account-rank.ts). */
const DETAILED_ACCOUNTS = 20;

/**
 * A capability as a tile: its state in the reports' words and colours (web/states.css), then the dashboard's own
 * judgement of how fast it can be exercised ("locked out for now: only identity verification, ~9 days").
 */
export function capabilityTile(capability, { compact = false } = {}) {
  const detail = capability.headline.slice(capability.label.length + ' — '.length);
  return h(
    'div',
    {
      class: `tile state state-${capability.state}${compact ? ' compact' : ''}`,
      dataset: { capability: capability.id, colour: capability.colour, state: capability.state },
    },
    h('div', { class: 'tile-label' }, capability.label),
    h('div', { class: 'verdict' }, capability.stateLabel),
    h('div', { class: 'tile-detail' }, lowerFirst(detail)),
  );
}

/** "LOCKED OUT FOR NOW: only…" → "locked out for now: only…"; the words after the colon stay as they are. */
function lowerFirst(detail) {
  const colon = detail.indexOf(':');
  const head = colon < 0 ? detail : detail.slice(0, colon);
  return head === head.toUpperCase() ? head.toLowerCase() + (colon < 0 ? '' : detail.slice(colon)) : detail;
}

/** The states in the reports' order, worst first, with their words (src/report/capability-state.ts). */
const stateOrder = ['lost-now', 'no-fast-way', 'unknown', 'lost-after', 'one-loss-away', 'holds'];
/** Every state but the best: what an account may have to worry about. */
const worseStates = stateOrder.slice(0, -1);
export const stateWords = {
  'lost-now': 'lost now',
  'no-fast-way': 'no fast way',
  unknown: 'unknown',
  'lost-after': 'lost after its suspension date',
  'one-loss-away': 'one loss away',
  holds: 'holds',
};

function findingItem(finding) {
  return h(
    'li',
    { class: `finding severity-${finding.severity}` },
    h('span', { class: `badge severity-${finding.severity}` }, finding.severity.toUpperCase()),
    ' ',
    h('strong', {}, finding.title),
    h('p', {}, finding.message),
    h(
      'details',
      {},
      h('summary', {}, 'Why it matters, and the fix'),
      h('p', {}, finding.why),
      h('p', {}, h('strong', {}, 'Fix: '), finding.fix, ' ', docsLink(finding.docs)),
    ),
  );
}

function changesBlock(diff) {
  if (diff.note) return h('p', { class: 'muted' }, diff.note);
  const heading = `From scan ${diff.from.id} (${diff.from.startedAt.slice(0, 10)}) to scan ${diff.to.id} (${diff.to.startedAt.slice(0, 10)})`;
  if (diff.changes.length === 0) return h('p', {}, `${heading}: nothing changed.`);
  return h(
    'div',
    {},
    h('p', {}, heading),
    h(
      'ul',
      { class: 'changes' },
      diff.changes.map((change) =>
        h(
          'li',
          {},
          h('span', { class: `badge severity-${change.severity}` }, change.severity.toUpperCase()),
          ' ',
          change.accountName ? `${change.accountName}: ` : '',
          change.message,
        ),
      ),
    ),
  );
}

/** The red capability whose way back is longest: the one picture that says how bad things are. */
function slowest(capabilities, deadline) {
  const red = capabilities.filter((capability) => capability.colour === 'red' && capability.fastest.possible);
  // A deadline is the day an unpaid bill becomes a suspension: the bill's way back is the one to show.
  const bill = red.find((capability) => capability.capability === 'keep-bill-paid');
  if (deadline && bill) return bill;
  return red.sort((a, b) => b.fastest.duration.typical - a.fastest.duration.typical)[0];
}

/** An account: its capabilities as tiles, what matters now, and its slowest way back against the deadline. */
function accountArticle(account, capabilities, situation) {
  const longest = slowest(capabilities, situation.deadline);
  return h(
    'article',
    { class: 'account', dataset: { account: account.id } },
    h('h2', {}, `${account.name} `, h('span', { class: 'muted' }, `${account.id} · ${account.organization}`)),
    h(
      'div',
      { class: 'tiles' },
      capabilities.map((capability) => capabilityTile(capability)),
    ),
    h(
      'div',
      { class: 'now' },
      account.story.length > 0
        ? h(
            'div',
            { class: 'story' },
            h('h3', {}, 'What matters now'),
            h(
              'ul',
              {},
              account.story.map((line) => h('li', {}, line)),
            ),
          )
        : null,
      longest
        ? h(
            'div',
            { class: 'way-back' },
            h('h3', {}, `${longest.label}: the way back${situation.deadline ? ' against the deadline' : ''}`),
            timeline(longest.fastest, situation),
          )
        : null,
    ),
    account.workloads.length > 0
      ? h(
          'details',
          { class: 'workloads' },
          h(
            'summary',
            {},
            `Suspension would take down ${account.workloads.length} thing${account.workloads.length === 1 ? '' : 's'}`,
          ),
          h(
            'ul',
            {},
            account.workloads.map((workload) => h('li', {}, workload)),
          ),
        )
      : null,
  );
}

/**
 * A large Organization's other accounts, opened one at a time: the server sends an account's details only when
 * asked (GET /api/account/ID), in the current what-if scenario.
 */
function accountOpener(report, app) {
  const opened = h('div', { class: 'opened-account' });
  const input = h('input', {
    type: 'search',
    id: 'open-account',
    list: 'account-choices',
    placeholder: 'account id or name',
    autocomplete: 'off',
  });
  const open = async (event) => {
    event.preventDefault();
    const wanted = input.value.trim();
    const rank = report.ranking.find((each) => each.id === wanted || each.name === wanted);
    if (!rank) {
      fill(opened, h('p', { class: 'error' }, `No account ${wanted} in this inventory.`));
      return;
    }
    fill(opened, h('p', { class: 'muted' }, `Opening ${rank.name}…`));
    try {
      const params = new URLSearchParams();
      for (const id of app.scenario.lost) params.append('lost', id);
      for (const id of app.scenario.restored) params.append('restored', id);
      if (app.scenario.deadline) params.set('deadline', app.scenario.deadline);
      const detail = await api(`/api/account/${encodeURIComponent(rank.id)}?${params}`);
      fill(opened, accountArticle(detail.account, detail.capabilities, app.baseline));
    } catch (error) {
      fill(opened, h('p', { class: 'error' }, String(error.message ?? error)));
    }
  };
  return h(
    'section',
    { class: 'open-account' },
    h('h2', {}, `Open any of the ${report.accountsTotal} accounts`),
    h(
      'form',
      { class: 'open-account-form', onsubmit: open },
      h('label', { for: 'open-account' }, 'Account '),
      input,
      h('button', { type: 'submit' }, 'Open'),
      h(
        'datalist',
        { id: 'account-choices' },
        report.ranking.map((rank) => h('option', { value: rank.id }, rank.name)),
      ),
    ),
    opened,
  );
}

export async function renderOverview(section, app, { first }) {
  if (!first) return;
  const report = app.report;
  const situation = app.baseline;
  const counts = Object.fromEntries(stateOrder.map((state) => [state, 0]));
  // A large Organization's summary counts every capability; its list holds only the accounts shown.
  if (situation.summarized) Object.assign(counts, situation.states);
  else for (const capability of situation.capabilities) counts[capability.state] += 1;

  const summary = h(
    'div',
    { class: 'summary' },
    stateOrder
      .filter(
        (state) =>
          counts[state] > 0 || state === 'lost-now' || state === 'one-loss-away' || state === 'holds',
      )
      .map((state) =>
        h(
          'div',
          { class: `count state state-${state}`, dataset: { state } },
          h('b', {}, String(counts[state])),
          ` ${stateWords[state]}`,
        ),
      ),
    h(
      'div',
      { class: 'count findings' },
      severityOrder
        .filter((severity) => report.summary.findings[severity] > 0)
        .map((severity) =>
          h(
            'span',
            { class: `badge severity-${severity}` },
            `${report.summary.findings[severity]} ${severity}`,
          ),
        ),
    ),
  );

  const capabilitiesOf = groupBy(situation.capabilities, (capability) => capability.accountId);
  // A summary's ranking carries each account's counts; otherwise they are counted from its capabilities.
  const stateCount = (account, state) =>
    account.states
      ? (account.states[state] ?? 0)
      : (capabilitiesOf.get(account.id) ?? []).filter((capability) => capability.state === state).length;
  // An Organization: the accounts most at risk in detail (as the reports rank them: lost, then one loss away).
  const ordered = report.summarized
    ? [...report.accounts, ...report.ranking.slice(report.accounts.length)]
    : report.accounts.length > DETAILED_ACCOUNTS
      ? [...report.accounts].sort((a, b) => {
          for (const state of worseStates) {
            const difference = stateCount(b, state) - stateCount(a, state);
            if (difference !== 0) return difference;
          }
          return 0;
        })
      : report.accounts;
  const others = ordered.slice(DETAILED_ACCOUNTS);
  const detailed = ordered.slice(0, DETAILED_ACCOUNTS);
  const accounts = detailed.map((account) =>
    accountArticle(account, capabilitiesOf.get(account.id) ?? [], situation),
  );
  // By provider: AWS with its accounts, then each provider outside AWS with its own, named as the server
  // names them (from each provider's model).
  const providers = report.providers ?? situation.providers ?? [];
  const providerOf = (account) => account.provider ?? capabilitiesOf.get(account.id)?.[0]?.provider;
  const byProvider = groupBy(
    detailed.map((account, at) => ({ account, article: accounts[at] })),
    ({ account }) => providerOf(account),
  );
  const grouped =
    providers.length > 1
      ? inProviderOrder(byProvider, providers).map(([id, own]) => {
          const provider = providers.find((each) => each.id === id);
          return h(
            'section',
            { class: 'provider-accounts', dataset: { provider: id ?? '' } },
            h(
              'h2',
              { class: 'provider-name' },
              `${provider?.name ?? id} `,
              provider
                ? h(
                    'span',
                    { class: 'muted' },
                    `${provider.accounts} account${provider.accounts === 1 ? '' : 's'}`,
                  )
                : null,
            ),
            own.map(({ article }) => article),
          );
        })
      : accounts;
  const worst = report.findings.filter(
    (finding) => finding.severity === 'critical' || finding.severity === 'high',
  );
  const changes = h('div', {}, h('p', { class: 'muted' }, 'Reading the scan history…'));

  fill(
    section,
    summary,
    grouped,
    others.length > 0
      ? h(
          'p',
          { class: 'others' },
          `${others.length} more accounts: ` +
            worseStates
              .map(
                (state) =>
                  `${others.filter((account) => stateCount(account, state) > 0).length} with a capability ${state === 'no-fast-way' ? 'that has no fast way' : stateWords[state]}`,
              )
              .join(', ') +
            `, ${others.filter((account) => worseStates.every((state) => stateCount(account, state) === 0)).length} where every capability holds. ` +
            `The ${accounts.length} above are the most at risk; lockout check lists every account.`,
        )
      : null,
    report.summarized ? accountOpener(report, app) : null,
    h(
      'section',
      { class: 'risks' },
      h('h2', {}, 'The worst risks'),
      worst.length > 0
        ? h('ol', { class: 'findings' }, worst.slice(0, 8).map(findingItem))
        : h('p', {}, 'No critical or high findings.'),
      worst.length > 8
        ? h('p', { class: 'muted' }, `and ${worst.length - 8} more; lockout check lists them all.`)
        : null,
    ),
    h('section', { class: 'since' }, h('h2', {}, 'What changed since the last scan'), changes),
  );

  try {
    fill(changes, changesBlock(await api('/api/diff')));
  } catch (error) {
    fill(changes, h('p', { class: 'error' }, String(error.message ?? error)));
  }
}
