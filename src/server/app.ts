/**
 * The dashboard's HTTP application: the page, its static files, and a JSON API behind the access token —
 * the check report, the recovery graph coloured for a scenario, what-if, incident plans, the scan history and
 * its diffs.
 * Testable with `app.request()` without a server; `lockout serve` binds it to 127.0.0.1.
 */

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { webAsset, vendorAsset, defaultWebRoot, type Asset } from './assets.js';
import { isAuthorized, rememberToken, requireHost, requireToken, sameToken } from './auth.js';
import { fixedDashboard, type DashboardData, type DashboardSource } from './dashboard.js';
import { buildGraphPicture } from './graph-picture.js';
import type { ProviderGroup } from './providers.js';
import type { CheckReport } from '../report/check-report.js';
import { StoreError } from '../store/errors.js';
import { HistoryRequestError, readDiff, readHistory } from './history.js';
import { shellPage, unauthorizedPage } from './pages.js';
import { PlanInputError, planDefaults, planFor } from './plan.js';
import { RaceModel } from './race.js';
import {
  accountDetail,
  summarizeReport,
  summarizeSituation,
  wantsSummary,
  type ReportSummary,
  type SituationSummary,
} from './organization.js';
import { ScenarioError, type Scenario, type SituationView } from './situation.js';

export interface AppOptions {
  /** What to serve: fixed data, or a source read again on each request (a LiveDashboard reloads the file). */
  data: DashboardData | DashboardSource;
  token: string;
  /** The scan database (default: the documented location); read only when it exists. */
  store?: string | undefined;
  /** Host headers accepted (`127.0.0.1:PORT`…); empty accepts any, for tests. */
  allowedHosts?: readonly string[] | undefined;
  /** Where the page's scripts and styles are (default: web/ of the package). */
  webRoot?: string | undefined;
}

const MAX_BODY_MB = 1;
const MAX_BODY_BYTES = MAX_BODY_MB * 1024 * 1024;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const whatIfBody = z.object({
  lost: z.array(z.string()).max(10_000).default([]),
  restored: z.array(z.string()).max(10_000).default([]),
  deadline: day.nullish(),
});

export function createApp(options: AppOptions): Hono {
  const { token } = options;
  const source = 'current' in options.data ? options.data : fixedDashboard(options.data);
  const webRoot = options.webRoot ?? defaultWebRoot;
  const app = new Hono();

  // First, so that every answer carries the headers: refusals and errors too.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      // The first address carries the token: never send it anywhere as a referrer.
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', requireHost(options.allowedHosts ?? []));
  // The largest body the page sends is a plan or a scenario of a few KB; without a limit a client could make
  // the server hold any amount in memory. A body without a declared length is read only up to the limit.
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: 'too-large', message: `the body must not be larger than ${MAX_BODY_MB} MB` }, 413),
    }),
  );

  app.get('/', (c) => {
    const given = c.req.query('token');
    if (given !== undefined) {
      if (!sameToken(given, token)) return c.html(unauthorizedPage(), 401);
      // Keep the token in a cookie and out of the address bar (and the browser's history).
      rememberToken(c, token);
      return c.redirect('/', 302);
    }
    if (!isAuthorized(c, token)) return c.html(unauthorizedPage(), 401);
    c.header('Cache-Control', 'no-store');
    const data = source.current;
    return c.html(
      shellPage({
        inventoryFile: data.inventoryFile,
        owner: data.owner,
        asOf: data.asOf,
        deadline: data.deadline,
      }),
    );
  });

  app.get('/static/:name', async (c) => sendAsset(c, await webAsset(webRoot, c.req.param('name'))));
  app.get('/vendor/:name', async (c) => sendAsset(c, await vendorAsset(c.req.param('name'))));

  const api = new Hono();
  api.use('*', requireToken(token));
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // A large Organization gets summaries, and an account's details when the user opens it (organization.ts).
  const standingOf = (data: DashboardData, deadline: Scenario['deadline']): SituationView =>
    data.situations.evaluate({ lost: [], restored: [], deadline });
  const summaries = new WeakMap<DashboardData, ReportSummary>();
  const situationAnswer = (
    data: DashboardData,
    scenario: Scenario,
    view: SituationView,
    page = 0,
  ): SituationView | SituationSummary =>
    wantsSummary(data.report)
      ? summarizeSituation(data.report, view, standingOf(data, scenario.deadline), page)
      : view;
  const scenarioFromQuery = (c: Context, data: DashboardData): Scenario => {
    const deadline = c.req.query('deadline');
    return {
      lost: c.req.queries('lost') ?? [],
      restored: c.req.queries('restored') ?? [],
      deadline: deadline === undefined ? data.deadline : deadline || undefined,
    };
  };

  api.get('/report', (c) => {
    const data = source.current;
    if (!wantsSummary(data.report)) return c.json(reportWithProviders(data));
    let summary = summaries.get(data);
    if (!summary) {
      summary = summarizeReport(data.report, standingOf(data, data.deadline));
      summaries.set(data, summary);
    }
    return c.json(summary);
  });

  api.get('/account/:id', (c) => {
    const data = source.current;
    const scenario = scenarioFromQuery(c, data);
    const detail = accountDetail(
      data.report,
      data.graphs,
      data.situations.evaluate(scenario),
      c.req.param('id'),
      data.providers,
    );
    if (!detail) return c.json({ error: 'not-found', message: `no account ${c.req.param('id')}` }, 404);
    return c.json(detail);
  });

  api.get('/status', (c) => c.json(source.status()));

  api.get('/graph', (c) => {
    const data = source.current;
    const scenario: Scenario = {
      lost: c.req.queries('lost') ?? [],
      restored: c.req.queries('restored') ?? [],
      deadline: data.deadline,
    };
    const situation = data.situations.evaluate(scenario);
    if (!wantsSummary(data.report))
      return c.json({ ...buildGraphPicture(data.graphs.view(), situation, data.providers), situation });
    // The accounts asked for, or the page most at risk: thousands of accounts are not drawn together.
    const summary = summarizeSituation(data.report, situation, standingOf(data, scenario.deadline));
    const asked = new Set(c.req.queries('account') ?? summary.ranking.map((rank) => rank.id));
    return c.json({
      ...buildGraphPicture(data.graphs.viewOf(asked), situation, data.providers),
      situation: summary,
    });
  });

  /** The scenario a what-if or a race asks about, or the answer to a body that is not one. */
  const scenarioOf = async (
    c: Context,
    usage: string,
  ): Promise<{ scenario: Scenario; data: DashboardData } | Response> => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return badRequest(c, `the body must be JSON: ${usage}`);
    }
    const parsed = whatIfBody.safeParse(body);
    if (!parsed.success) {
      return badRequest(
        c,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
      );
    }
    const data = source.current;
    const deadline = parsed.data.deadline === undefined ? data.deadline : (parsed.data.deadline ?? undefined);
    // A factor named twice counts once, as on the command line.
    const scenario = {
      lost: [...new Set(parsed.data.lost)],
      restored: [...new Set(parsed.data.restored)],
      deadline,
    };
    return { scenario, data };
  };

  api.post('/whatif', async (c) => {
    const asked = await scenarioOf(c, '{ "lost": [ids], "restored": [ids] }');
    if (asked instanceof Response) return asked;
    const { data, scenario } = asked;
    const page = Number(c.req.query('page') ?? 0);
    // Timed, and the times sent as Server-Timing: what of a click the server spends, and on what.
    const started = performance.now();
    const view = data.situations.evaluate(scenario);
    const evaluated = performance.now();
    const answer = situationAnswer(data, scenario, view, Number.isInteger(page) && page >= 0 ? page : 0);
    const summarized = performance.now();
    const body = JSON.stringify(answer);
    const written = performance.now();
    c.header(
      'Server-Timing',
      serverTiming({
        evaluate: evaluated - started,
        summary: summarized - evaluated,
        json: written - summarized,
      }),
    );
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  // The race against the suspension date: one model per loaded version of the inventory.
  const races = new WeakMap<DashboardData, RaceModel>();
  api.post('/race', async (c) => {
    const asked = await scenarioOf(c, '{ "lost": [ids], "restored": [ids], "deadline": "YYYY-MM-DD" }');
    if (asked instanceof Response) return asked;
    const { data, scenario } = asked;
    // Without a deadline there is no date to race against.
    if (scenario.deadline === undefined) return c.json({ deadline: null });
    let model = races.get(data);
    if (!model) {
      model = new RaceModel(data.inventory, data.asOf);
      races.set(data, model);
    }
    return c.json(
      model.race({ lost: scenario.lost, restored: scenario.restored, deadline: scenario.deadline }),
    );
  });

  api.get('/plan/defaults', (c) => c.json(planDefaults(source.current)));

  api.post('/plan', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return badRequest(c, 'the body must be JSON: { "notices": [...], "deadline": "YYYY-MM-DD", ... }');
    }
    return c.json(planFor(source.current.inventory, body));
  });

  // The history of the inventory served: a store may also hold scans of other accounts.
  const inventoryAccounts = (): string[] => source.current.inventory.accounts.map((account) => account.id);
  api.get('/history', (c) => c.json(readHistory(options.store, inventoryAccounts())));

  api.get('/diff', (c) => {
    const id = (name: string): number | undefined => {
      const value = c.req.query(name);
      if (value === undefined || value === '') return undefined;
      // Digits only: Number() would take 1e3, 0x10 or " 2" for scan ids.
      const parsed = /^[1-9]\d{0,14}$/.test(value) ? Number(value) : undefined;
      if (parsed === undefined) throw new HistoryRequestError(`${name}: not a scan id`);
      return parsed;
    };
    return c.json(readDiff(options.store, { from: id('from'), to: id('to') }, inventoryAccounts()));
  });

  api.notFound((c) => c.json({ error: 'not-found', message: `no API route ${c.req.path}` }, 404));

  app.route('/api', api);

  app.onError((error, c) => {
    if (
      error instanceof ScenarioError ||
      error instanceof HistoryRequestError ||
      error instanceof PlanInputError
    ) {
      return badRequest(c, error.message);
    }
    if (error instanceof StoreError) {
      // Another application's file, or a damaged store: say which and what, and touch nothing.
      return c.json({ error: 'store', message: error.message }, 409);
    }
    console.error(error);
    return c.json(
      { error: 'internal', message: 'internal error: see the terminal running lockout serve' },
      500,
    );
  });
  return app;
}

function badRequest(c: Context, message: string): Response {
  return c.json({ error: 'bad-request', message }, 400);
}

function sendAsset(c: Context, asset: Asset | undefined): Response {
  if (!asset) return c.text('not found', 404);
  return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' });
}

/** The report with the provider of each account and the providers' names: the overview groups by them. */
function reportWithProviders(data: DashboardData): CheckReport & { providers: ProviderGroup[] } {
  return {
    ...data.report,
    providers: [...data.providers.groups],
    accounts: data.report.accounts.map((account) => ({
      ...account,
      provider: data.providers.providerOf(account.id).id,
    })),
  };
}

/** A Server-Timing header's value (W3C Server Timing): each metric's duration in milliseconds. */
function serverTiming(durations: Record<string, number>): string {
  return Object.entries(durations)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ');
}
