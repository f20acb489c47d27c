// The dashboard's page app: five pages behind the tabs, one what-if scenario shared by the graph and the
// what-if page (factors marked lost, factors restored), and the data loaded from the API once.
/* global document, window */
import { api, fill, h } from './dom.js';
import { renderGraph } from './graph.js';
import { renderHistory } from './history.js';
import { renderOverview } from './overview.js';
import { renderPlan } from './plan.js';
import { renderWhatIf } from './whatif.js';

const pages = {
  overview: renderOverview,
  graph: renderGraph,
  whatif: renderWhatIf,
  history: renderHistory,
  plan: renderPlan,
};

/** What every page shares. */
export const app = {
  report: undefined,
  /** The situation with no what-if: what each capability looks like as things stand. */
  baseline: undefined,
  scenario: { lost: new Set(), restored: new Set(), deadline: undefined },
  listeners: new Set(),

  async load() {
    [this.report, this.baseline] = await Promise.all([api('/api/report'), api('/api/whatif', {})]);
    this.scenario.deadline = this.report.deadline;
  },

  accountName(id) {
    return this.report.accounts.find((account) => account.id === id)?.name ?? id;
  },

  /** The request body for the current scenario. */
  scenarioBody() {
    return {
      lost: [...this.scenario.lost],
      restored: [...this.scenario.restored],
      deadline: this.scenario.deadline ?? null,
    };
  },

  isEmptyScenario() {
    return this.scenario.lost.size === 0 && this.scenario.restored.size === 0;
  },

  /** Marks a factor lost, or gets it back, whichever it is not in the scenario now. */
  toggle(event) {
    const { lost, restored } = this.scenario;
    if (lost.has(event.id)) lost.delete(event.id);
    else if (restored.has(event.id)) restored.delete(event.id);
    else if (event.lostNow) restored.add(event.id);
    else lost.add(event.id);
    this.changed();
  },

  reset() {
    this.scenario.lost.clear();
    this.scenario.restored.clear();
    this.changed();
  },

  setDeadline(day) {
    this.scenario.deadline = day || undefined;
    this.changed();
  },

  changed() {
    for (const listener of this.listeners) listener();
  },
};

function currentPage() {
  const name = window.location.hash.replace(/^#/, '');
  return name in pages ? name : 'overview';
}

const rendered = new Set();

async function show() {
  const name = currentPage();
  for (const section of document.querySelectorAll('.page')) section.hidden = section.dataset.page !== name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.tab === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const section = document.getElementById(`page-${name}`);
  try {
    await pages[name](section, app, { first: !rendered.has(name) });
    rendered.add(name);
    section.dataset.ready = 'true';
  } catch (error) {
    fill(section, h('p', { class: 'error' }, String(error.message ?? error)));
  }
}

async function start() {
  try {
    await app.load();
  } catch (error) {
    for (const section of document.querySelectorAll('.page')) {
      fill(section, h('p', { class: 'error' }, String(error.message ?? error)));
    }
    document.getElementById('page-overview').hidden = false;
    return;
  }
  window.addEventListener('hashchange', show);
  await show();
}

// The vendor scripts are deferred: wait for them (and the document) before drawing anything.
if (document.readyState === 'complete') void start();
else window.addEventListener('load', () => void start());
