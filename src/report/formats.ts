/**
 * The output formats of `lockout check`, by name: each a pure function of the report, the checks that ran and
 * the options, returning the text to print. The CLI picks one by the --format value.
 */

import type { Check } from '../checks/check.js';
import type { CheckReport } from './check-report.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { safeJson, withSafeText } from './safe-text.js';
import { renderTerminal } from './terminal.js';

export interface FormatOptions extends SarifOptions {
  /** ANSI colour in the text format. */
  color: boolean;
  /** The text format lists every finding's why, fix and docs (default), or only the finding line. */
  details?: boolean | undefined;
}

export type Renderer = (report: CheckReport, checks: readonly Check[], options: FormatOptions) => string;

/** The names, for the CLI's --format choices. */
export { formatNames, type FormatName } from './format-names.js';
import type { FormatName } from './format-names.js';

export const formats: Readonly<Record<FormatName, Renderer>> = {
  text: (report, _checks, options) =>
    renderTerminal(report, { color: options.color, details: options.details }),
  // Every format may be printed on a terminal: the data formats keep control characters escaped, the others
  // show labels without them.
  json: (report) => safeJson(JSON.stringify(report, null, 2)) + '\n',
  sarif: (report, checks, options) =>
    safeJson(
      renderSarif(report, checks, { informationUri: options.informationUri, sourceRoot: options.sourceRoot }),
    ),
  md: (report) => renderMarkdown(report),
  html: (report) => renderHtml(withSafeText(report)),
};

/** The formats that draw the recovery graph: the report they render must be built with `graph`. */
const graphFormats: ReadonlySet<FormatName> = new Set<FormatName>(['html']);

/** Whether the report for this format needs each account's recovery graph (buildCheckReport's `graph`). */
export function formatDrawsGraph(format: FormatName): boolean {
  return graphFormats.has(format);
}
