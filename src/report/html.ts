/**
 * The HTML report of `lockout check`: one self-contained file (inline style, inline SVG, no script, nothing
 * fetched) that reads on screen and prints: the summary, per account what matters now, its capabilities,
 * single points of failure, lockout sets and recovery graph, then every finding by severity. Large
 * Organizations get a line per account and the detail of the worst few. Every text from the inventory goes
 * through the escaping template. A pure function of the report: the same input gives the same bytes.
 */

import type { Severity } from '../checks/check.js';
import { detailedAccounts } from './account-rank.js';
import { capabilityStates, stateStyles } from './capability-state.js';
import type { AccountReport, CapabilityReport, CheckReport } from './check-report.js';
import { renderGraphSvg, toneColours, type Tone } from './graph-svg.js';
import type { AccountGraph } from './graph-view.js';
import { html, raw, safeHref, type SafeHtml } from './html-template.js';
import {
  scanNotes,
  costText,
  capabilityStatusText,
  doFirstReach,
  unknownFactText,
  durationText,
  fastestText,
  groupFindings,
  instanceAccounts,
  instanceLocations,
  memberIds,
  repeatedInstances,
  type FindingInstance,
  singlePointsOf,
  slackText,
  summaryText,
  wayLostBecause,
} from './wording.js';

// The markup below is written on long lines on purpose: what is inside a template is what the page gets,
// byte for byte (Prettier leaves embedded HTML alone in this folder, see .prettierrc.json).

/** A check found in many accounts shows this many, the rest folded under a summary line. */
const INSTANCES_SHOWN = 10;

export function renderHtml(report: CheckReport): string {
  const title = `Lockout ${report.scan ? 'scan' : 'check'} — ${report.inventory}`;
  const { ranked, detailed } = detailedAccounts(report.accounts);
  const graphs = new Map((report.graph?.accounts ?? []).map((graph) => [graph.accountId, graph]));
  const deadline = report.deadline ? html` · deadline <strong>${report.deadline}</strong>` : '';
  const accounts = `${report.accounts.length} account${report.accounts.length === 1 ? '' : 's'}`;
  const cut =
    detailed.length < report.accounts.length
      ? html`<p class="note">The ${detailed.length} accounts most at risk, of ${report.accounts.length}, are shown in detail, with their recovery graphs; the others have a line each in the table above. Every account is in the JSON report (<code>--format json</code>).</p>`
      : '';

  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lockout ${report.tool.version}">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">As of <strong>${report.asOf}</strong>${deadline} · ${accounts} · lockout ${report.tool.version}</p>
${summary(report)}
</header>
<main>
${doFirstSection(report)}
${stillUnknownSection(report)}
${report.scan ? scanSection(report.scan) : ''}
${organizationSection(report)}
${report.accounts.length > 1 ? overview(ranked, new Set(detailed.map((account) => account.id))) : ''}
${cut}
${detailed.map((account) => accountSection(account, graphs.get(account.id), report.graph !== undefined))}
${findingsSection(report)}
</main>
<footer><p>Made by lockout ${report.tool.version} from ${report.inventory}. Facts the inventory did not declare and the scan did not see count as lost: unknown is never safe.</p></footer>
</body>
</html>
`;
  return page.value;
}

function summary(report: CheckReport): SafeHtml {
  const counts = (Object.entries(report.summary.findings) as [Severity, number][]).map(
    ([severity, count]) =>
      html`<li class="count c-${severity}${count === 0 ? ' zero' : ''}"><span class="n">${count}</span> ${severity}</li>`,
  );
  const states = capabilityStates.map((state) => {
    const count = report.summary.states[state];
    return html`<li class="count state-${state}${count === 0 ? ' zero' : ''}"><span class="n">${count}</span> ${stateStyles[state].label}</li>`;
  });
  return html`<section class="summary" aria-label="Summary"><p class="sentence">${summaryText(report)}</p><ul class="counts">${counts}${states}</ul></section>`;
}

function stillUnknownSection(report: CheckReport): SafeHtml | '' {
  if (report.stillUnknown.length === 0) return '';
  const items = report.stillUnknown.map(
    (entry) =>
      html`<li><span class="chip state-unknown">${stateStyles.unknown.label}</span> ${unknownFactText(entry)}</li>`,
  );
  return html`<section class="still-unknown"><h2>Still unknown</h2><p class="note">Each counts as lost until declared; never as safe.</p><ul>${items}</ul></section>`;
}

function doFirstSection(report: CheckReport): SafeHtml | '' {
  if (report.doFirst.length === 0) return '';
  const items = report.doFirst.map(
    (action) =>
      html`<li><span class="chip state-${action.from}">${stateStyles[action.from].label}</span> ${action.action} <span class="note">(${doFirstReach(action)})</span></li>`,
  );
  return html`<section class="do-first"><h2>Do first</h2><ol>${items}</ol></section>`;
}

function scanSection(scan: NonNullable<CheckReport['scan']>): SafeHtml {
  const contradictions = scan.contradictions.map(
    (contradiction) =>
      html`<li>${contradiction.accountId}: <code>${contradiction.field}</code>: ${contradiction.message}</li>`,
  );
  const organization = scan.organizationId ? html` (Organization ${scan.organizationId})` : '';
  const notes = scanNotes(scan).map((note) => html`<li><strong>${note}</strong></li>`);
  const zones =
    scan.hostedZones === undefined
      ? ''
      : html`<p>Hosted zones seen: ${scan.hostedZones.length === 0 ? 'none' : scan.hostedZones.join(', ')}</p>`;
  return html`<section class="scan"><h2>Scan</h2><p>Scanned ${scan.accounts} account${scan.accounts === 1 ? '' : 's'} from ${scan.callerAccountId}${organization} in ${scan.region}: ${scan.reached} reached, ${scan.failed} not reached; ${scan.apiCalls} API calls, ${scan.retries} retries; ${scan.unknownFacts} facts unknown (never counted as safe).</p>${notes.length > 0 ? html`<ul class="scan-notes">${notes}</ul>` : ''}${zones}${contradictions.length > 0 ? html`<h3>The scan contradicts the inventory</h3><ul>${contradictions}</ul>` : ''}</section>`;
}

function organizationSection(report: CheckReport): SafeHtml | '' {
  const sets = report.organizationLockoutSets ?? [];
  if (sets.length === 0) return '';
  const rows = sets.slice(0, 10).map((set) => {
    const factors = set.factors.map(
      (factor, index) =>
        html`${index > 0 ? html`<span class="plus">+</span>` : ''}<span class="factor">${factor}</span>`,
    );
    const taken = set.accounts.length === 1 ? set.accounts[0] : `${set.accounts.length} accounts`;
    return html`<tr><td>${factors}</td><td>${set.capability.replace(/-/g, ' ')}</td><td>${taken}</td></tr>`;
  });
  return html`<section class="organization"><h2>Across the Organization</h2><p>The smallest sets of losses that take a capability of the most accounts.</p><table><thead><tr><th>Losing</th><th>Takes</th><th>Of</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** A capability's state in its words and colour (capability-state.ts), as every report and the dashboard. */
function statusChip(capability: CapabilityReport): SafeHtml {
  return html`<span class="chip state-${capability.state}">${capability.stateLabel}</span>`;
}

function overview(ranked: readonly AccountReport[], detailed: ReadonlySet<string>): SafeHtml {
  const rows = ranked.map((account) => {
    const name = detailed.has(account.id)
      ? html`<a href="#account-${account.id}">${account.name}</a>`
      : html`${account.name}`;
    const chips = account.capabilities.map(
      (capability) =>
        html`<span class="dot state-${capability.state}" title="${capability.label}: ${capabilityStatusText(capability)}">${capability.label}</span>`,
    );
    return html`<tr><td>${name}</td><td class="mono">${account.id}</td><td>${account.organization}</td><td class="dots">${chips}</td><td class="num">${account.findings.length}</td></tr>`;
  });
  return html`<section class="accounts"><h2>Accounts</h2><p class="note">Worst first: capabilities lost, then critical and high findings, then capabilities one loss away.</p><table><thead><tr><th>Account</th><th>Id</th><th>Role</th><th>Capabilities</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function accountSection(
  account: AccountReport,
  graph: AccountGraph | undefined,
  graphsIncluded: boolean,
): SafeHtml {
  const workloads =
    account.workloads.length > 0
      ? html`<p class="workloads"><strong>Suspension would take down:</strong> ${account.workloads.join('; ')}.</p>`
      : '';
  const story =
    account.story.length > 0
      ? html`<div class="story"><h3>What matters now</h3><ul>${account.story.map((sentence) => html`<li>${sentence}</li>`)}</ul></div>`
      : '';
  const points = singlePointsOf(account.capabilities);
  const pointList =
    points.length > 0
      ? html`<ul class="points">${points.map((point) => html`<li><span class="factor spof">${point.label}</span>: losing it alone takes ${point.takes.join(', ')}.</li>`)}</ul>`
      : html`<p>None: no single loss takes a capability of this account.</p>`;
  const findings =
    account.findings.length > 0
      ? html`<h3>Findings about this account</h3><ul class="brief">${account.findings.map((finding) => html`<li><span class="sev sev-${finding.severity}">${finding.severity}</span> <a href="#check-${finding.severity}-${finding.checkId}">${finding.checkId}</a>: ${finding.message}</li>`)}</ul>`
      : '';
  return html`<section class="account" id="account-${account.id}">
<h2>${account.name} <span class="mono">(${account.id})</span> <span class="role">${account.organization}</span></h2>
${workloads}
${story}
<h3>Capabilities</h3>
${capabilityTable(account.capabilities)}
<h3>Single points of failure</h3>
${pointList}
${lockoutSets(account.capabilities)}
${graphSection(account, graph, graphsIncluded)}
${findings}
</section>
`;
}

function capabilityTable(capabilities: readonly CapabilityReport[]): SafeHtml {
  const rows = capabilities.map((capability) => {
    const ways = capability.ways.map((way) => {
      const lost = way.status === 'lost';
      const detail = lost
        ? html` — ${wayLostBecause(way)}`
        : html`${way.duration ? html` — ${durationText(way.duration)}` : ''}${way.cost ? html`, costs ${costText(way.cost, way.currency)}` : ''}`;
      return html`<li class="${lost ? 'way-lost' : 'way-held'}"><span class="mark">${lost ? 'lost' : 'holds'}</span> ${way.label}${detail}</li>`;
    });
    const improve = capability.improve ? html`<p class="improve">${capability.improve}</p>` : '';
    return html`<tr><th scope="row">${capability.label}</th><td>${statusChip(capability)}${improve}</td><td>${ways.length > 0 ? html`<ul class="ways">${ways}</ul>` : '—'}</td><td>${fastestText(capability) || '—'}</td><td>${slackText(capability) || '—'}</td></tr>`;
  });
  return html`<table class="capabilities"><thead><tr><th>Capability</th><th>Status</th><th>Ways</th><th>Fastest way back</th><th>Against the deadline</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function lockoutSets(capabilities: readonly CapabilityReport[]): SafeHtml {
  // Capabilities that rest on the same things have the same sets: say them once, for all of them.
  const groups = new Map<string, { labels: string[]; capability: CapabilityReport }>();
  for (const capability of capabilities) {
    const key = JSON.stringify([
      capability.lockoutSetCounts,
      capability.lockoutSets,
      capability.lockoutSetsAfterDeadline,
    ]);
    const group = groups.get(key);
    if (group) group.labels.push(capability.label);
    else groups.set(key, { labels: [capability.label], capability });
  }
  const items = [...groups.values()].map(({ labels, capability }) => {
    const counts = capability.lockoutSetCounts
      .map((count, order) =>
        order > 0 && count > 0 ? `${count} of ${order} loss${order === 1 ? '' : 'es'}` : '',
      )
      .filter((text) => text.length > 0);
    const lostNow = capability.lockoutSetCounts[0] === 1;
    const total = capability.lockoutSetCounts.reduce((sum, count) => sum + count, 0) - (lostNow ? 1 : 0);
    const sets = capability.lockoutSets.filter((set) => set.length > 0);
    const words = lostNow
      ? 'lost already'
      : counts.length > 0
        ? counts.join(', ')
        : 'no set of losses takes it';
    const later = new Set(capability.lockoutSetsAfterDeadline ?? []);
    const list = capability.lockoutSets.flatMap((set, position) =>
      set.length === 0
        ? []
        : [
            html`<li class="${set.length === 1 ? 'single' : 'several'}">${set.map((factor, index) => html`${index > 0 ? html`<span class="plus">+</span>` : ''}<span class="factor">${factor}</span>`)}${later.has(position) ? html` <span class="note">(only after the suspension date, if the bill is unpaid)</span>` : ''}</li>`,
          ],
    );
    const more = sets.length < total ? html`<li class="more">…the smallest ${sets.length} shown</li>` : '';
    return html`<li><strong>${labels.join(', ')}</strong>: ${words}${sets.length > 0 ? html`<ul class="sets">${list}${more}</ul>` : ''}</li>`;
  });
  return html`<h3>Lockout sets</h3><p class="note">The smallest sets of losses that take each capability; a set of one is a single point of failure.</p><ul class="lockout">${items}</ul>`;
}

function graphSection(account: AccountReport, graph: AccountGraph | undefined, included: boolean): SafeHtml {
  if (!graph) {
    const why = included
      ? 'No graph for this account in the report.'
      : 'This report was made without the recovery graph.';
    return html`<h3>Recovery graph</h3><p class="note">${why}</p>`;
  }
  return html`<h3>Recovery graph</h3>
<p class="note">Each capability on the left, the ways to exercise it, and the factors they rest on to the right. ${legend()}</p>
<div class="graph">${renderGraphSvg(graph, `g${account.id}`)}</div>`;
}

function legend(): SafeHtml {
  const swatch = (tone: Tone, words: string): SafeHtml =>
    html`<span class="swatch" style="background:${toneColours[tone].fill};border-color:${toneColours[tone].stroke}"></span>${words}`;
  return html`<span class="legend">${swatch('lost', stateStyles['lost-now'].label)} ${swatch('at-risk', stateStyles['one-loss-away'].label)} ${swatch('holding', stateStyles.holds.label)} <span class="swatch spof-swatch"></span>single point of failure · solid arrow: needs all · dashed arrow: any one of · dashed border: unknown (counted as lost), or drawn elsewhere</span>`;
}

function findingsSection(report: CheckReport): SafeHtml {
  if (report.findings.length === 0) {
    return html`<section class="findings" id="findings"><h2>Findings</h2><p>No findings.</p></section>`;
  }
  const members = memberIds(report);
  const bySeverity = groupFindings(report.findings).map(({ severity, groups }) => {
    const count = groups.reduce((sum, group) => sum + group.findings.length, 0);
    const checks = groups.map((group) => {
      const instance = (repeated: FindingInstance): SafeHtml => {
        const places = instanceLocations(repeated);
        const where = places ? html` <span class="where">${places}</span>` : '';
        return html`<li><span class="who">${instanceAccounts(repeated, members)}</span>: ${repeated.message}${where}</li>`;
      };
      const instances = repeatedInstances(group.findings);
      const shown = instances.slice(0, INSTANCES_SHOWN).map(instance);
      const rest = instances.slice(INSTANCES_SHOWN).map(instance);
      const folded =
        rest.length > 0
          ? html`<details><summary>${rest.length} more</summary><ul class="instances">${rest}</ul></details>`
          : '';
      const href = safeHref(group.docs);
      const docs = href ? html`<a href="${href}">${href}</a>` : group.docs;
      return html`<article class="check" id="check-${severity}-${group.checkId}"><h4><span class="sev sev-${severity}">${severity}</span> <code>${group.checkId}</code> ${group.title}</h4><ul class="instances">${shown}</ul>${folded}<p><strong>Why it matters:</strong> ${group.why}</p><p><strong>Fix:</strong> ${group.fix}</p><p class="docs"><strong>Docs:</strong> ${docs}</p></article>`;
    });
    const heading = `${severity.charAt(0).toUpperCase()}${severity.slice(1)} (${count})`;
    return html`<section class="severity"><h3>${heading}</h3>${checks}</section>`;
  });
  return html`<section class="findings" id="findings"><h2>Findings</h2>${bySeverity}</section>`;
}

/** One rule per capability state, in the colours every report and the dashboard use (capability-state.ts). */
function stateRules(): string {
  return capabilityStates
    .map((state) => {
      const style = stateStyles[state];
      const border = style.dashed ? ' border-style: dashed;' : '';
      return (
        `.chip.state-${state} { color: ${style.stroke}; background: ${style.fill};${border} }\n` +
        `.dot.state-${state} { border-color: ${style.stroke}; }\n` +
        `.count.state-${state} .n { color: ${style.stroke}; }`
      );
    })
    .join('\n');
}

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5b5b5b; --rule: #d9d9d9; --lost: ${toneColours.lost.stroke};
  --lost-bg: ${toneColours.lost.fill}; --risk: ${toneColours['at-risk'].stroke}; --risk-bg: ${toneColours['at-risk'].fill};
  --hold: ${toneColours.holding.stroke}; --hold-bg: ${toneColours.holding.fill}; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 22px 0 6px; }
h4 { font-size: 1rem; margin: 0 0 6px; }
p { margin: 6px 0; }
code, .mono, .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.meta, .note, .where { color: var(--muted); }
.note { font-size: 0.9rem; }
a { color: #0b57d0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; }
td.num { text-align: right; }
.summary { margin: 14px 0 0; }
.summary .sentence { font-size: 1.05rem; }
.counts { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 8px; }
.count { border: 1px solid var(--rule); border-radius: 6px; padding: 4px 10px; }
.count .n { font-weight: 700; font-size: 1.15rem; margin-right: 2px; }
.count.zero { opacity: 0.55; }
.count.c-critical .n, .count.c-high .n { color: var(--lost); }
.count.c-medium .n { color: var(--risk); }
.chip { display: inline-block; border: 1.5px solid; border-radius: 999px; padding: 0 9px; font-size: 0.85rem; white-space: nowrap; }
${stateRules()}
.chip.state-lost-now { font-weight: 700; }
.do-first ol { padding-left: 22px; } .do-first li { margin-bottom: 6px; }
.improve { margin: 4px 0 0; font-size: 0.85rem; color: var(--muted); max-width: 26em; }
.dots { display: flex; flex-wrap: wrap; gap: 4px; }
.dot { border-left: 10px solid; padding: 0 6px; font-size: 0.8rem; background: #f6f6f6; border-radius: 2px; }
.role { font-size: 0.8rem; font-weight: 400; color: var(--muted); border: 1px solid var(--rule); border-radius: 4px; padding: 1px 6px; vertical-align: middle; }
h2 .mono { font-weight: 400; color: var(--muted); }
.story { background: #f7f7f4; border-left: 4px solid var(--risk); padding: 4px 16px 6px; margin: 12px 0; }
.story ul { margin: 6px 0; padding-left: 20px; }
.ways { list-style: none; margin: 0; padding: 0; }
.ways li { margin: 0 0 3px; }
.mark { display: inline-block; min-width: 3.2em; font-size: 0.75rem; font-weight: 700; text-transform: uppercase; }
.way-lost .mark { color: var(--lost); } .way-held .mark { color: var(--hold); }
.way-lost { color: #4a4a4a; }
.factor { display: inline-block; border: 1px solid var(--rule); border-radius: 999px; padding: 0 8px; background: #fafafa; font-size: 0.88rem; }
.factor.spof { border: 2px solid var(--ink); background: var(--risk-bg); }
.plus { margin: 0 4px; color: var(--muted); }
.lockout > li { margin-bottom: 4px; }
.sets { list-style: none; padding: 0; margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 6px 10px; }
.sets li { border: 1px dashed var(--rule); border-radius: 8px; padding: 2px 6px; }
.sets li.single { border: 1.5px solid var(--risk); background: var(--risk-bg); }
.sets li.more { border: none; color: var(--muted); font-size: 0.85rem; }
.graph { overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; background: #fcfcfc; }
.graph svg { display: block; max-width: 100%; height: auto; }
.legend { white-space: normal; }
.swatch { display: inline-block; width: 14px; height: 10px; border: 1.5px solid; border-radius: 2px; margin: 0 4px 0 6px; vertical-align: baseline; }
.spof-swatch { border: 2.5px solid var(--ink); background: #fff; }
.sev { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em;
  border-radius: 4px; padding: 1px 6px; color: #fff; background: #777; vertical-align: 1px; }
.sev-critical { background: #8e1b1b; } .sev-high { background: var(--lost); } .sev-medium { background: var(--risk); }
.sev-low { background: #546e7a; } .sev-info { background: #8a8a8a; }
.brief li { margin-bottom: 4px; }
.check { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.instances { padding-left: 20px; margin: 4px 0 8px; }
.who { font-weight: 600; }
.docs a { overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--rule); }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  section.account { break-before: page; }
  .graph { overflow: visible; border: none; padding: 0; }
  .check, tr, .story { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
