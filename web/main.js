// The dashboard's page app: five pages behind the tabs, one what-if scenario shared by the graph and the
// what-if page (factors marked lost, factors restored), and the data loaded from the API — again whenever
// lockout serve says the inventory file changed.
/* global document, window, setTimeout */
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
  /** Account names by id, made at the first look-up. */
  names: undefined,
  /** The situation with no what-if: what each capability looks like as things stand. */
  baseline: undefined,
  scenario: { lost: new Set(), restored: new Set(), deadline: undefined },
  listeners: new Set(),

  async load() {
    [this.report, this.baseline] = await Promise.all([api('/api/report'), api('/api/whatif', {})]);
    this.scenario.deadline = this.report.deadline;
  },

  accountName(id) {
    // A large Organization's summary details a few accounts and ranks them all.
    this.names ??= new Map(
      [...(this.report.ranking ?? []), ...this.report.accounts].map((a) => [a.id, a.name]),
    );
    return this.names.get(id) ?? id;
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

/** How often the page asks whether the inventory was loaded again (ms). */
const STATUS_EVERY = 2000;
/** Carries the what-if choices and the time of the reload across the page's reload. */
const CARRIED = 'lockout-reload';

/**
 * Follows lockout serve's reloads: shows a mistake in the file, or reloads the page for the new version (every
 * page and picture drawn again from the new data), keeping the what-if choices.
 */
async function followReloads(version, first) {
  const notice = document.getElementById('reload-notice');
  let told = trouble(first);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, STATUS_EVERY));
    let status;
    try {
      status = await api('/api/status');
    } catch {
      continue; // The server is restarting or gone: keep what is on screen.
    }
    if (status.version !== version) {
      window.sessionStorage.setItem(
        CARRIED,
        JSON.stringify({ ...app.scenarioBody(), loadedAt: status.loadedAt }),
      );
      window.location.reload();
      return;
    }
    // Only when a mistake or an error appears, changes or goes: a "loaded again" notice stays until then.
    if (trouble(status) !== told) tell(notice, status);
    told = trouble(status);
  }
}

/** What is wrong with the last load, as one string to compare: nothing, a mistake in the file, or an error. */
function trouble(status) {
  return status.error ? `error: ${status.error}` : status.problem ? `problem: ${status.problem}` : '';
}

/** The notice under the tabs: an error loading the file, a mistake in it, or that it was loaded again. */
function tell(notice, status, loadedAt) {
  const { problem, error } = status;
  notice.hidden = !error && !problem && !loadedAt;
  notice.className = error || problem ? 'reload-notice problem' : 'reload-notice';
  fill(
    notice,
    error
      ? `The inventory file changed but could not be loaded again (${error}; the terminal running lockout serve ` +
          'has the details). The dashboard shows the last good version; saving the file again retries.'
      : problem
        ? `The inventory file has a mistake; the dashboard shows the last good version. ${problem}`
        : loadedAt
          ? `The inventory file changed: loaded again at ${new Date(loadedAt).toLocaleTimeString()}.`
          : '',
  );
}

/** What-if choices carried across a reload, for factors the new inventory still has. */
function restoreCarried() {
  const text = window.sessionStorage.getItem(CARRIED);
  if (!text) return undefined;
  window.sessionStorage.removeItem(CARRIED);
  const carried = JSON.parse(text);
  const known = new Set(app.baseline.events.map((event) => event.id));
  for (const id of carried.lost ?? []) if (known.has(id)) app.scenario.lost.add(id);
  for (const id of carried.restored ?? []) if (known.has(id)) app.scenario.restored.add(id);
  if (carried.deadline) app.scenario.deadline = carried.deadline;
  return carried;
}

async function start() {
  let status;
  try {
    [status] = await Promise.all([api('/api/status'), app.load()]);
  } catch (error) {
    for (const section of document.querySelectorAll('.page')) {
      fill(section, h('p', { class: 'error' }, String(error.message ?? error)));
    }
    document.getElementById('page-overview').hidden = false;
    return;
  }
  const carried = restoreCarried();
  tell(document.getElementById('reload-notice'), status, carried?.loadedAt);
  window.addEventListener('hashchange', show);
  await show();
  void followReloads(status.version, status);
}

// The vendor scripts are deferred: wait for them (and the document) before drawing anything.
if (document.readyState === 'complete') void start();
else window.addEventListener('load', () => void start());
