/**
 * What the report tests share: the real `lockout check` run through main() or runCheck(), and validators for
 * the committed check-report schema (draft-07) and the vendored SARIF 2.1.0 schema (draft 2020-12).
 */

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runCheck } from '../../src/cli/check-command.js';
import type { ExampleName } from '../../src/cli/options.js';
import type { CheckReport } from '../../src/report/check-report.js';
import type { FormatName } from '../../src/report/formats.js';

export const sarifSchemaPath = 'schema/sarif-2.1.0.schema.json';

/** Runs the CLI and returns what it printed. */
export { cli } from '../support/cli.js';

/**
 * The report of `lockout check --example <name>` as an object, through the same pipeline as the CLI; as the
 * given format gets it (`html` draws the graph, so its report carries one).
 */
export async function checkReport(
  example: ExampleName,
  extra: { deadline?: string; asOf?: string; format?: FormatName } = {},
): Promise<CheckReport> {
  const { report } = await runCheck(undefined, {
    example,
    format: 'json',
    failOn: 'none',
    color: false,
    ...extra,
  });
  return report;
}

/**
 * The formats the schemas use, checked as RFC 3986/3339 say (no ajv-formats in the project): ajv's strict
 * mode refuses a schema with a format it does not know.
 */
const formats = {
  uri: (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && isUriReference(value),
  'uri-reference': (value: string): boolean => isUriReference(value),
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** Only characters RFC 3986 allows, with every % starting an escape. */
function isUriReference(value: string): boolean {
  return /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value);
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

let checkReportValidator: ValidateFunction | undefined;
let sarifValidator: ValidateFunction | undefined;

export function validateCheckReport(data: unknown): ErrorObject[] {
  checkReportValidator ??= new Ajv({ strict: true, allErrors: true, formats }).compile(
    readJson('schema/check-report.schema.json'),
  );
  return checkReportValidator(data) ? [] : [...(checkReportValidator.errors ?? [])];
}

export function validateSarif(data: unknown): ErrorObject[] {
  // The official schema lists properties as required inside anyOf branches without declaring them there: that is
  // valid JSON Schema, which only ajv's strictRequired refuses.
  sarifValidator ??= new Ajv2020({ strict: true, strictRequired: false, allErrors: true, formats }).compile(
    readJson(sarifSchemaPath),
  );
  return sarifValidator(data) ? [] : [...(sarifValidator.errors ?? [])];
}

/** Ajv errors as lines, for a failing expectation that says what is wrong. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}
