// The recovery graph, drawn with cytoscape and laid out by dagre: accounts → capabilities → ways → what they
// rest on. Colours carry the one meaning they have everywhere, and the words are on every node. Selecting (or
// hovering) a capability highlights its lockout sets; single points of failure have a double border. Each
// provider (AWS, Google…) is a labelled box around its accounts' nodes, named as the server names it; an edge
// from one provider to another is drawn thick and says where it goes.
/* global window, URLSearchParams */
import { api, fill, groupBy, h, inProviderOrder } from './dom.js';

const widths = { account: 170, capability: 160, way: 160, gate: 150, factor: 150 };
/** Beyond this many accounts the graph is drawn one account at a time: dagre lays out thousands of nodes slowly. */
const MAX_ACCOUNTS_DRAWN_TOGETHER = 6;
const FONT_WIDTH = 6.6;
const LINE_HEIGHT = 15;
const MAX_LABEL = 44;

/** Lines the label takes once wrapped at the node's width, for sizing the node. */
function lineCount(text, width) {
  const perLine = Math.floor((width - 16) / FONT_WIDTH);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let length = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/)) {
      if (length > 0 && length + 1 + word.length > perLine) {
        lines += 1;
        length = word.length;
      } else {
        length += (length > 0 ? 1 : 0) + word.length;
      }
    }
  }
  return lines;
}

/** A label short enough for a node: "Android phone from 2016 (held root's…)" loses its parenthesis. */
function shortLabel(label) {
  if (label.length <= MAX_LABEL) return label;
  const cut = label.indexOf(' (');
  if (cut > 0 && cut <= MAX_LABEL) return label.slice(0, cut);
  return `${label.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

function nodeLabel(node) {
  const marks = node.singlePoint ? '⚠ ' : '';
  return `${shortLabel(node.label)}\n${marks}${node.statusText}`;
}

/** The part of the picture an account rests on: the account, what it reaches, and the edges among them. */
function accountPart(picture, accountId) {
  const next = groupBy(picture.edges, (edge) => edge.from);
  const kept = new Set([accountId]);
  const queue = [accountId];
  while (queue.length > 0) {
    for (const { to } of next.get(queue.pop()) ?? []) {
      // Another account (its domain hosted there, say) is shown, not entered.
      if (kept.has(to)) continue;
      kept.add(to);
      if (!to.startsWith('account:')) queue.push(to);
    }
  }
  return {
    nodes: picture.nodes.filter((node) => kept.has(node.id)),
    edges: picture.edges.filter((edge) => kept.has(edge.from) && kept.has(edge.to)),
  };
}

/** The id of a provider's box: it cannot clash with a node's (those are gate, event and account names). */
function providerBoxId(provider) {
  return `provider:${provider}`;
}

/** A provider's display name, as the server gives it (from the provider's model). */
function providerName(picture, id) {
  return picture.providers?.find((provider) => provider.id === id)?.name ?? id;
}

function elementsOf(picture) {
  // A box per provider drawn: the nodes of its accounts go inside (cytoscape's compound nodes).
  const drawn = new Set(picture.nodes.map((node) => node.provider).filter(Boolean));
  const boxes = (picture.providers ?? [])
    .filter((provider) => drawn.has(provider.id))
    .map((provider) => ({
      group: 'nodes',
      // w and h are read by the node style; a box's size comes from what it holds.
      data: { id: providerBoxId(provider.id), label: provider.name, kind: 'provider', w: 1, h: 1, tw: 400 },
      classes: 'provider',
    }));
  const nodes = picture.nodes.map((node) => {
    const width = widths[node.kind] ?? 180;
    const label = nodeLabel(node);
    return {
      group: 'nodes',
      data: {
        id: node.id,
        label,
        kind: node.kind,
        w: width,
        h: lineCount(label, width) * LINE_HEIGHT + 14,
        tw: width - 14,
        ...(node.provider ? { parent: providerBoxId(node.provider) } : {}),
      },
      classes: classesOf(node),
    };
  });
  const providerOf = new Map(picture.nodes.map((node) => [node.id, node.provider]));
  const kinds = new Map(picture.nodes.map((node) => [node.id, node.kind]));
  const edges = picture.edges.map((edge, index) => ({
    group: 'edges',
    data: {
      id: `edge-${index}`,
      source: edge.from,
      target: edge.to,
      kind: edge.kind,
      // Where the chain leaves one provider for another, said on the edge.
      label: edge.crossesProviders
        ? `${providerName(picture, providerOf.get(edge.from))} → ${providerName(picture, providerOf.get(edge.to))}`
        : '',
    },
    // An edge back to a capability (root pays; a domain needs its account paid) is drawn, not laid out:
    // it would push every capability into a rank of its own.
    classes: [
      edge.kind,
      kinds.get(edge.to) === 'capability' && kinds.get(edge.from) !== 'account' ? 'cross' : '',
      edge.crossesProviders ? 'crosses-providers' : '',
    ]
      .filter(Boolean)
      .join(' '),
  }));
  return [...boxes, ...nodes, ...edges];
}

function classesOf(node) {
  return [node.kind, `colour-${node.colour}`, node.singlePoint ? 'single-point' : '']
    .filter(Boolean)
    .join(' ');
}

const palette = {
  red: { fill: '#fde0dc', border: '#c62828' },
  amber: { fill: '#fff0cc', border: '#b26a00' },
  green: { fill: '#e2f3e4', border: '#2e7d32' },
};

function style() {
  const rules = [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': 'data(tw)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#1b1b1b',
        'border-width': 2,
        'background-color': '#ffffff',
        'border-color': '#607d8b',
      },
    },
    {
      selector: 'node.provider',
      style: {
        shape: 'round-rectangle',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 15,
        'font-weight': 'bold',
        color: '#263238',
        'background-color': '#eceff1',
        'background-opacity': 0.5,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': '#546e7a',
        padding: 14,
      },
    },
    { selector: 'node.account', style: { 'font-size': 13, 'font-weight': 'bold', 'border-width': 4 } },
    { selector: 'node.capability', style: { 'font-size': 12, 'font-weight': 'bold', 'border-width': 3 } },
    { selector: 'node.gate', style: { 'border-style': 'dashed', 'background-color': '#ffffff' } },
    { selector: 'node.single-point', style: { 'border-width': 6, 'border-style': 'double' } },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': '#90a4ae',
        'target-arrow-color': '#90a4ae',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
      },
    },
    { selector: 'edge.any-of', style: { 'line-style': 'dashed' } },
    { selector: 'edge.some-of', style: { 'line-style': 'dotted' } },
    { selector: 'edge.has', style: { 'line-color': '#455a64', 'target-arrow-color': '#455a64', width: 2 } },
    {
      selector: 'edge.cross',
      style: {
        'line-color': '#7e57c2',
        'target-arrow-color': '#7e57c2',
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 60,
      },
    },
    {
      selector: 'edge.crosses-providers',
      style: {
        width: 3.5,
        'line-color': '#6a1b9a',
        'target-arrow-color': '#6a1b9a',
        label: 'data(label)',
        'font-size': 10,
        'font-weight': 'bold',
        color: '#6a1b9a',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 2,
        'text-rotation': 'autorotate',
      },
    },
    { selector: '.dim', style: { opacity: 0.18 } },
    {
      selector: 'node.highlight',
      style: {
        'underlay-color': '#1565c0',
        'underlay-opacity': 0.3,
        'underlay-padding': 7,
        'underlay-shape': 'round-rectangle',
      },
    },
    {
      selector: 'edge.highlight',
      style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0', width: 2.4 },
    },
    {
      selector: 'node:selected',
      style: {
        'underlay-color': '#0d47a1',
        'underlay-opacity': 0.45,
        'underlay-padding': 9,
        'underlay-shape': 'round-rectangle',
      },
    },
  ];
  for (const [colour, { fill: background, border }] of Object.entries(palette)) {
    rules.splice(3, 0, {
      selector: `node.colour-${colour}`,
      style: { 'background-color': background, 'border-color': border },
    });
  }
  return rules;
}

function query(app) {
  const params = new URLSearchParams();
  for (const id of app.scenario.lost) params.append('lost', id);
  for (const id of app.scenario.restored) params.append('restored', id);
  const text = params.toString();
  return text ? `/api/graph?${text}` : '/api/graph';
}

/** State of the drawn graph, kept across renders. */
/** `drawn`: the account drawn alone when there are too many to draw together (undefined: every account). */
const view = {
  cy: undefined,
  container: undefined,
  picture: undefined,
  panel: undefined,
  selected: undefined,
  drawn: undefined,
};

/** Answers arrive in any order when clicks come fast: only the latest request's answer is drawn. */
let latestRequest = 0;

export async function renderGraph(section, app, { first }) {
  const request = ++latestRequest;
  const picture = await api(query(app));
  if (request !== latestRequest) return;
  view.picture = picture;
  if (first) {
    if (typeof window.cytoscape !== 'function') {
      fill(
        section,
        h(
          'p',
          { class: 'error' },
          'The graph library did not load; the overview and what-if pages work without it.',
        ),
      );
      return;
    }
    build(section, app, picture);
    app.listeners.add(() => {
      if (!section.hidden) void renderGraph(section, app, { first: false });
      else section.dataset.stale = 'true';
    });
    return;
  }
  // Same graph, new scenario: recolour in place, keep the layout.
  for (const node of picture.nodes) {
    const element = view.cy.getElementById(node.id);
    element.data('label', nodeLabel(node));
    element.classes(
      classesOf(node) +
        (element.hasClass('highlight') ? ' highlight' : '') +
        (element.hasClass('dim') ? ' dim' : ''),
    );
  }
  view.cy.resize();
  showPanel(app);
  delete section.dataset.stale;
}

function build(section, app, picture) {
  const container = h('div', {
    class: 'graph-canvas',
    id: 'graph-canvas',
    role: 'img',
    'aria-label': 'The recovery graph; the panel beside it says the same in words',
  });
  view.panel = h('aside', { class: 'graph-panel' });
  const accounts = picture.nodes.filter((node) => node.kind === 'account');
  const oneAtATime = accounts.length > MAX_ACCOUNTS_DRAWN_TOGETHER;
  // Many accounts: the worst first (red, then amber), drawn alone; the picker draws another.
  const rank = { red: 0, amber: 1, green: 2 };
  const choices = oneAtATime
    ? [...accounts].sort((a, b) => (rank[a.colour] ?? 3) - (rank[b.colour] ?? 3))
    : accounts;
  view.drawn = oneAtATime ? choices[0].id : undefined;
  const picker =
    accounts.length > 1
      ? h(
          'select',
          {
            'aria-label': oneAtATime ? 'Account drawn' : 'Account shown',
            onchange: (event) =>
              oneAtATime ? drawAccount(event.target.value, app) : focusAccount(event.target.value),
          },
          oneAtATime ? null : h('option', { value: '' }, 'All accounts'),
          // Grouped by provider, as the graph draws them.
          inProviderOrder(
            groupBy(choices, (account) => account.provider),
            oneAtATime ? [] : picture.providers,
          ).map(([provider, own]) =>
            h(
              'optgroup',
              { label: providerName(picture, provider) },
              own.map((account) => h('option', { value: account.id }, account.label)),
            ),
          ),
        )
      : null;
  fill(
    section,
    h(
      'div',
      { class: 'graph-toolbar' },
      picker,
      h('span', { class: 'key' }, h('span', { class: 'key-line solid' }), 'needs all of'),
      h('span', { class: 'key' }, h('span', { class: 'key-line dashed' }), 'any one of'),
      h('span', { class: 'key' }, h('span', { class: 'key-box double' }), '⚠ single point of failure'),
      h('span', { class: 'key' }, h('span', { class: 'key-box dashed' }), 'group of alternatives'),
      h('span', { class: 'key' }, h('span', { class: 'key-line crossing' }), 'from one provider to another'),
      h('button', { type: 'button', onclick: () => view.cy.fit(undefined, 20) }, 'Fit'),
    ),
    h('div', { class: 'graph-layout' }, container, view.panel),
  );
  view.container = container;
  bindEvents(draw(container, picture), app);
  showPanel(app);
}

/** Selecting and hovering nodes of a freshly drawn graph. */
function bindEvents(cy, app) {
  // A provider's box is a frame, not a node of the graph: nothing to select or light up.
  cy.on('tap', 'node.provider', (event) => event.stopPropagation());
  cy.on('tap', 'node[kind != "provider"]', (event) => {
    view.selected = event.target.id();
    highlightFor(event.target);
    showPanel(app);
  });
  cy.on('tap', (event) => {
    if (event.target === cy) {
      view.selected = undefined;
      clearHighlight();
      showPanel(app);
    }
  });
  cy.on('mouseover', 'node[kind != "provider"]', (event) => {
    if (!view.selected) highlightFor(event.target);
  });
  cy.on('mouseout', 'node[kind != "provider"]', () => {
    if (!view.selected) clearHighlight();
  });
}

/** Draws the picture (or its drawn account's part) in the container and lays it out. */
function draw(container, picture) {
  view.cy?.destroy();
  const shown = view.drawn ? accountPart(picture, view.drawn) : picture;
  const cy = window.cytoscape({
    container,
    elements: elementsOf(shown),
    style: style(),
    minZoom: 0.15,
    maxZoom: 2.5,
    autoungrabify: true,
    boxSelectionEnabled: false,
  });
  view.cy = cy;
  cy.elements()
    .not('.cross')
    .layout({ name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 45, edgeSep: 6, padding: 12, fit: true })
    .run();
  // What the canvas shows, said on it for those who cannot see it (and for tests): the providers' boxes with
  // how many nodes each holds, and how many edges go from one provider to another.
  container.dataset.providers = cy
    .nodes('.provider')
    .map((box) => `${box.id().slice('provider:'.length)}:${box.children().length}`)
    .join(' ');
  container.dataset.crossings = String(cy.edges('.crosses-providers').length);
  return cy;
}

/** Draws another account alone (many accounts). */
function drawAccount(id, app) {
  view.drawn = id;
  view.selected = undefined;
  const cy = draw(view.container, view.picture);
  bindEvents(cy, app);
  showPanel(app);
}

function focusAccount(id) {
  const cy = view.cy;
  cy.elements().removeClass('dim');
  if (!id) {
    cy.fit(undefined, 20);
    return;
  }
  const shown = cy.getElementById(id).successors().union(cy.getElementById(id));
  cy.elements().difference(shown).addClass('dim');
  cy.fit(shown, 20);
}

function clearHighlight() {
  view.cy.elements().removeClass('highlight dim');
}

/** Lights up what a node rests on (and, for a capability, its lockout sets); dims the rest. */
function highlightFor(node, set) {
  const cy = view.cy;
  clearHighlight();
  // A factor lights up what depends on it; anything else what it rests on, up to the next capability.
  const lit = reach(node, node.hasClass('factor') ? 'incomers' : 'outgoers');
  cy.elements().difference(lit).addClass('dim');
  lit.edges().addClass('highlight');
  const sets = set ? [set] : lockoutSetsOf(node.id());
  for (const ids of sets)
    for (const id of ids) cy.getElementById(id).addClass('highlight').removeClass('dim');
  if (!node.hasClass('capability')) node.addClass('highlight');
}

/** The node, and the nodes and edges reached from it one way, not going through another capability. */
function reach(start, direction) {
  let collection = start;
  const queue = [start];
  const seen = new Set([start.id()]);
  while (queue.length > 0) {
    const node = queue.shift();
    if (node !== start && node.hasClass('capability')) continue;
    const next = node[direction]();
    collection = collection.union(next.edges());
    for (const neighbour of next.nodes()) {
      if (seen.has(neighbour.id())) continue;
      seen.add(neighbour.id());
      collection = collection.union(neighbour);
      if (!neighbour.hasClass('account')) queue.push(neighbour);
    }
  }
  return collection;
}

function lockoutSetsOf(id) {
  return view.picture.nodes.find((node) => node.id === id)?.lockoutSets ?? [];
}

function labelOf(id) {
  return view.picture.nodes.find((node) => node.id === id)?.label ?? id;
}

function showPanel(app) {
  const panel = view.panel;
  const node = view.selected ? view.picture.nodes.find((each) => each.id === view.selected) : undefined;
  if (!node) {
    const accounts = view.picture.nodes.filter(
      (each) => each.kind === 'account' && (!view.drawn || each.id === view.drawn),
    );
    const capabilities = view.picture.nodes.filter((each) => each.kind === 'capability');
    const byProvider = groupBy(accounts, (account) => account.provider);
    fill(
      panel,
      h('h3', {}, 'Capabilities'),
      h(
        'p',
        { class: 'muted' },
        'Choose one to light up what it rests on and its lockout sets: the smallest sets of losses that take it. Click any node for details.',
      ),
      inProviderOrder(byProvider, view.picture.providers).map(([provider, own]) =>
        h(
          'section',
          { class: 'provider-group', dataset: { provider: provider ?? '' } },
          byProvider.size > 1 ? h('h4', {}, providerName(view.picture, provider)) : null,
          own.map((account) => accountCapabilities(account, accounts.length, capabilities, app)),
        ),
      ),
      crossingsList(),
    );
    return;
  }
  const parts = [h('h3', {}, node.label), h('p', { class: `status colour-${node.colour}` }, node.statusText)];
  if (node.kind === 'capability') {
    parts.push(h('p', {}, node.headline ?? ''));
    const sets = node.lockoutSets ?? [];
    parts.push(
      h('h4', {}, 'Lockout sets'),
      sets.length === 0
        ? h('p', {}, 'None: nothing declared can take it.')
        : h(
            'ul',
            { class: 'panel-list sets' },
            sets.map((set) =>
              h(
                'li',
                {
                  tabindex: 0,
                  class: set.length === 1 ? 'single' : '',
                  onmouseenter: () => highlightFor(view.cy.getElementById(node.id), set),
                  onmouseleave: () => highlightFor(view.cy.getElementById(node.id)),
                  onfocus: () => highlightFor(view.cy.getElementById(node.id), set),
                },
                set.length === 0 ? 'Lost already' : set.map(labelOf).join(' + '),
                set.length === 1 ? h('span', { class: 'tag' }, 'single point') : null,
              ),
            ),
          ),
    );
  }
  if (node.kind === 'factor') {
    const lostNow = node.status === 'lost';
    const inScenario = app.scenario.lost.has(node.id) || app.scenario.restored.has(node.id);
    const dependents = view.cy
      .getElementById(node.id)
      .predecessors('node.capability')
      .map((element) => element.data('label').split('\n')[0]);
    parts.push(
      dependents.length > 0
        ? h('p', {}, `Capabilities resting on it: ${[...new Set(dependents)].join(', ')}.`)
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'toggle',
          onclick: () => {
            // A large Organization's summary lists only some factors: the node says whether it is lost.
            const event = app.baseline.events.find((each) => each.id === node.id) ?? {
              id: node.id,
              lostNow: lostNow && !inScenario,
            };
            app.toggle(event);
          },
        },
        inScenario ? 'Undo this what-if' : lostNow ? 'What if I got it back?' : 'What if I lost it?',
      ),
    );
  }
  parts.push(
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'link', onclick: () => select(undefined, app) },
        '← all capabilities',
      ),
    ),
  );
  fill(panel, parts);
}

/** One account's capabilities in the panel, each a button that selects it. */
function accountCapabilities(account, accountCount, capabilities, app) {
  return [
    accountCount > 1 ? h('h5', {}, account.label) : null,
    h(
      'ul',
      { class: 'panel-list' },
      capabilities
        .filter((capability) => capability.accountId === account.accountId)
        .map((capability) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `pick colour-${capability.colour}`,
                dataset: { node: capability.id },
                onclick: () => select(capability.id, app),
              },
              h('strong', {}, capability.label),
              h('span', {}, ` — ${capability.statusText}`),
            ),
          ),
        ),
    ),
  ];
}

/** The edges drawn from one provider to another, in words: where a lockout leaves AWS. */
function crossingsList() {
  const shown = view.cy ? new Set(view.cy.nodes().map((node) => node.id())) : undefined;
  const crossing = view.picture.edges.filter(
    (edge) => edge.crossesProviders && (!shown || (shown.has(edge.from) && shown.has(edge.to))),
  );
  if (crossing.length === 0) return null;
  const nodeOf = (id) => view.picture.nodes.find((node) => node.id === id);
  return h(
    'section',
    { class: 'crossings' },
    h('h4', {}, 'From one provider to another'),
    h(
      'ul',
      { class: 'panel-list' },
      crossing.map((edge) => {
        const from = nodeOf(edge.from);
        const to = nodeOf(edge.to);
        return h(
          'li',
          { dataset: { from: edge.from, to: edge.to } },
          `${providerName(view.picture, from?.provider)}: ${from?.label ?? edge.from} → `,
          `${providerName(view.picture, to?.provider)}: ${to?.label ?? edge.to}`,
        );
      }),
    ),
  );
}

function select(id, app) {
  view.cy.elements().unselect();
  view.selected = id;
  if (id) {
    const node = view.cy.getElementById(id);
    node.select();
    highlightFor(node);
  } else {
    clearHighlight();
  }
  showPanel(app);
}
