/**
 * The dashboard's HTML: one shell whose sections the page's script fills from the API, and the page shown
 * without the token. Everything from the inventory goes through Hono's escaping `html` helper.
 */

import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { capabilityStates, stateStyles } from '../report/capability-state.js';

export interface ShellInput {
  inventoryFile: string;
  owner?: string | undefined;
  asOf: string;
  deadline?: string | undefined;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const tabs = [
  { id: 'overview', label: 'Overview' },
  { id: 'graph', label: 'Recovery graph' },
  { id: 'whatif', label: 'What-if' },
  { id: 'history', label: 'History' },
  { id: 'plan', label: 'Plan' },
] as const;

export function shellPage(input: ShellInput): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Lockout — ${input.inventoryFile}</title>
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        <link id="__________cytoscape_stylesheet" rel="stylesheet" href="/static/cytoscape.css" />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="stylesheet" href="/static/states.css" />
        <script src="/vendor/cytoscape.js" defer></script>
        <script src="/vendor/cytoscape-dagre.js" defer></script>
        <script src="/static/main.js" type="module"></script>
      </head>
      <body>
        <header class="top">
          <div class="brand">
            <strong>Lockout</strong>
            <span class="inventory"
              >${input.owner ? html`${input.owner} — ` : ''}${input.inventoryFile}, as of
              ${input.asOf}${input.deadline ? html`, deadline ${input.deadline}` : ''}</span
            >
          </div>
          <nav aria-label="Pages">
            ${tabs.map((tab) => html`<a href="#${tab.id}" data-tab="${tab.id}">${tab.label}</a>`)}
          </nav>
          <ul class="legend" aria-label="What the colours mean">
            ${capabilityStates.map(
              (state) =>
                html`<li class="state state-${state}">
                  <span class="swatch"></span>${stateStyles[state].label}
                </li>`,
            )}
            <li class="colour-red">
              <span class="swatch"></span>Graph, what-if: lost, or no way back within a day
            </li>
            <li class="colour-amber"><span class="swatch"></span>one loss from that</li>
          </ul>
        </header>
        <main>
          <p id="reload-notice" class="reload-notice" role="status" aria-live="polite" hidden></p>
          ${tabs.map(
            (tab) =>
              html`<section id="page-${tab.id}" class="page" data-page="${tab.id}" hidden>
                <p class="loading">Loading…</p>
              </section>`,
          )}
        </main>
        <noscript>The dashboard needs JavaScript; lockout check gives the same report as text.</noscript>
      </body>
    </html>`;
}

export function unauthorizedPage(): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Lockout — access token needed</title>
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="stylesheet" href="/static/states.css" />
      </head>
      <body>
        <main class="unauthorized">
          <h1>Access token needed</h1>
          <p>
            Open the address <code>lockout serve</code> printed when it started: it ends with
            <code>?token=…</code>.
          </p>
        </main>
      </body>
    </html>`;
}
