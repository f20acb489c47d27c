/**
 * The output formats of `lockout check`, by name: each a pure function of the report, the checks that ran and
 * the options, returning the text to print. The CLI picks one by the --format value.
 */

import type { Check } from '../checks/check.js';
import type { CheckReport } from './check-report.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { jsonChunks } from './json-chunks.js';
import { toJsonReportToWrite } from './json-report.js';
import { safeJson, withSafeText } from './safe-text.js';
import { renderTerminal } from './terminal.js';

export interface FormatOptions extends SarifOptions {
  /** ANSI colour in the text format. */
  color: boolean;
  /** The text format lists every finding's why, fix and docs (default), or only the finding line. */
  details?: boolean | undefined;
  /**
   * JSON without layout: for a file or a pipe (as `gh` and `jq -c` write), about 40% fewer bytes. Indented
   * (two spaces) for a terminal.
   */
  compact?: boolean | undefined;
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
  json: (report, checks, options) => [...formatChunks('json', report, checks, options)].join(''),
  sarif: (report, checks, options) =>
    safeJson(
      renderSarif(report, checks, { informationUri: options.informationUri, sourceRoot: options.sourceRoot }),
    ),
  md: (report) => renderMarkdown(report),
  html: (report) => renderHtml(withSafeText(report)),
};

/** The formats that draw the recovery graph: the report they render must be built with `graph`. */
const graphFormats: ReadonlySet<FormatName> = new Set<FormatName>(['html']);

/** Whether the report for this format needs the recovery graphs of the accounts it details (buildCheckReport's `graph`). */
export function formatDrawsGraph(format: FormatName): boolean {
  return graphFormats.has(format);
}

/**
 * A format's text in pieces to write one after the other: the JSON of a large Organization is written item by
 * item (7 MB at 10,000 accounts, never held whole); the other formats are one piece.
 */
export function* formatChunks(
  format: FormatName,
  report: CheckReport,
  checks: readonly Check[],
  options: FormatOptions,
): Generator<string> {
  if (format !== 'json') {
    yield formats[format](report, checks, options);
    return;
  }
  // Gathered into pieces of about a megabyte: one write each. Escaping is character by character, so escaping
  // each piece escapes the whole.
  // Joined from a list, not grown with +=: a string grown piece by piece is flattened again by the escaping.
  let pending: string[] = [];
  let length = 0;
  const compact = options.compact === true;
  // Version 3 (json-report.ts): each capability result, way text and check text once, findings once.
  for (const piece of jsonChunks(toJsonReportToWrite(report, compact), compact)) {
    pending.push(piece);
    length += piece.length;
    if (length >= CHUNK_LENGTH) {
      yield safeJson(pending.join(''));
      pending = [];
      length = 0;
    }
  }
  pending.push('\n');
  yield safeJson(pending.join(''));
}

const CHUNK_LENGTH = 1 << 20;
