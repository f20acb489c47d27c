/**
 * Reads an inventory file into a checked `Inventory`, or into every problem it has, each with its file, line,
 * column and field. Bad input never throws: it is reported.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Account, Inventory } from '../model/inventory.js';
import { checkConsistency } from './consistency.js';
import { gatherDeclarations } from './declarations.js';
import { formatFieldPath, type InventoryIssue } from './issues.js';
import { checkReferences, referencesResolve } from './references.js';
import { schemaIssues, schemaMessages } from './schema-issues.js';
import { inventorySchema } from './schema.js';
import { declarationsOfValid } from './fast-declarations.js';
import { bomAsSpace, isJsonFile, readFast } from './fast-read.js';
import { recordReadEvents } from './fast-positions.js';
import { checkRead } from './fast-check.js';
import { isSecretIssue, scrubSecrets, secretIssues, textHoldsSecrets } from './secrets.js';
import { InventorySource, yamlMerges } from './source.js';
import { joinWords } from '../model/words.js';

export type InventoryResult =
  | {
      ok: true;
      inventory: Inventory;
      /** Where each field sits in the file, for findings that point back at the declaration. */
      source: InventorySource;
    }
  | { ok: false; errors: InventoryIssue[] };

/**
 * When the fast read learns where each node starts: `'with-the-read'` listens during the one js-yaml read, for a
 * caller that will place findings (`lockout check`: a second read for them cost 0.5 s at 10,000 accounts);
 * `'when-asked'` (the default) listens to nothing, and a source asked for a position reads them then (listening
 * cost `whatif` and `plan`, which place nothing, 0.2-0.3 s at 10,000 accounts).
 */
export interface LoadOptions {
  positions?: 'with-the-read' | 'when-asked';
}

/** Reads and checks the inventory file at `path`. */
export async function loadInventory(path: string, options: LoadOptions = {}): Promise<InventoryResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      errors: [
        { code: 'unreadable-file', file: path, line: 0, column: 0, path: '', message: unreadable(error) },
      ],
    };
  }
  return parseInventory(text, path, options);
}

/**
 * Checks inventory text; `file` is only used to name where problems are (and a `.json` file is read as JSON).
 * Read fast first; a file with anything to report, or that only `yaml` reads exactly, is read again with
 * positions, so every issue keeps its line, column and field.
 */
export function parseInventory(text: string, file: string, options: LoadOptions = {}): InventoryResult {
  return parseFast(text, file, options.positions === 'with-the-read') ?? parseLocated(text, file);
}

/** The inventory read without positions, or undefined when there is anything to report (or to read slowly). */
function parseFast(text: string, file: string, listen: boolean): InventoryResult | undefined {
  // One read for the data and, when findings will be placed, for where each node is.
  const recorder = listen ? recordReadEvents() : undefined;
  const read = readFast(text, file, recorder?.listener);
  if (read === undefined || textHoldsSecrets(text)) return undefined;
  // The schema, the secrets in each value and the ids named, in one walk that copies nothing zod would not.
  const checked = checkRead(read.data);
  if (checked === undefined) return undefined;
  const declarations = declarationsOfValid(checked.inventory);
  if (declarations === undefined || !referencesResolve(checked.named, declarations)) return undefined;
  // Positions only if asked: by these checks when they find something, or by a report naming a declaration.
  const source = InventorySource.fromFastRead(file, text, recorder?.events);
  if (checkConsistency(declarations, source).length > 0) return undefined;
  return { ok: true, inventory: withDomainsListed(checked.inventory), source };
}

/**
 * The inventory read with `yaml`, keeping where each node is, to place every issue: the reference the fast read
 * must agree with.
 */
export function parseLocated(text: string, file: string): InventoryResult {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    merge: yamlMerges(file),
  });
  const source = new InventorySource(file, text, document, lines);
  const issues: InventoryIssue[] = [];

  // First and whatever else is wrong: a card number or a credential is refused even in a file that does not
  // parse.
  issues.push(...secretIssues(text, document, source));

  // A .json file is JSON: what JSON.parse refuses is said in JSON's terms, even where YAML would read it.
  const isJson = isJsonFile(file);
  const jsonProblem = isJson ? jsonSyntaxIssue(text, file, source) : undefined;
  if (jsonProblem !== undefined) return failed([...issues, jsonProblem]);

  const problems = [...document.errors, ...document.warnings];
  // One tab-indented block would otherwise give one error per line: say it once, naming the lines.
  const tabs = problems.filter((problem) => problem.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const lineNumbers = [...new Set(tabs.map((problem) => source.position(problem.pos[0]).line))];
    issues.push({
      code: 'yaml-syntax',
      file,
      ...source.position(tabs[0]!.pos[0]),
      path: '',
      message: `YAML: tabs indent ${lineNumbers.length === 1 ? 'line' : 'lines'} ${joinWords(lineNumbers.map(String))}; YAML indents with spaces only: replace each tab with spaces`,
    });
  }
  for (const problem of problems) {
    if (problem.code === 'TAB_AS_INDENT') continue;
    const asJson = isJson && problem.code === 'DUPLICATE_KEY';
    issues.push({
      code: asJson ? 'json-syntax' : 'yaml-syntax',
      file,
      ...source.position(problem.pos[0]),
      path: formatFieldPath(source.pathAt(problem.pos[0])),
      message:
        problem.code === 'MULTIPLE_DOCS'
          ? 'YAML: an inventory is a single document; remove the `---` that starts another'
          : asJson
            ? `JSON: the key ${jsonKeyAt(text, problem.pos[0])} is given twice in one object`
            : `YAML: ${problem.message}`,
    });
  }
  // Fields read from a document that did not parse would only add confusing errors on top of the real one.
  if (document.errors.length > 0) return failed(issues);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS refuses alias bombs (an alias expanding to too many nodes) by throwing.
    const message = error instanceof Error ? error.message : 'the document cannot be read';
    issues.push({ code: 'yaml-syntax', file, line: 1, column: 1, path: '', message: `YAML: ${message}` });
    return failed(issues);
  }

  const parsed = inventorySchema.safeParse(data, { error: schemaMessages });
  if (!parsed.success) issues.push(...schemaIssues(parsed.error.issues, data, source));

  const declarations = gatherDeclarations(data, source);
  issues.push(...declarations.duplicates);
  issues.push(...checkReferences(data, declarations, source));
  issues.push(...checkConsistency(declarations, source));

  if (issues.length > 0 || !parsed.success) return failed(issues);
  return { ok: true, inventory: withDomainsListed(parsed.data), source };
}

/**
 * Sorted by position, with anything that might quote a card number or a credential scrubbed. Other complaints
 * about the very value or field that holds one ("quote it…", "unknown key") are dropped: they may quote it, and
 * the only advice that matters is to delete it.
 */
function failed(issues: InventoryIssue[]): { ok: false; errors: InventoryIssue[] } {
  const secrets = issues.filter(isSecretIssue);
  const secretsAt = new Set(secrets.map((issue) => `${issue.line}:${issue.column}`));
  // The document itself (a comment at the top) is no field to keep quiet about.
  const secretFields = new Set(secrets.map((issue) => issue.path).filter((path) => path !== ''));
  const errors = issues
    .filter(
      (issue) =>
        isSecretIssue(issue) ||
        (!secretsAt.has(`${issue.line}:${issue.column}`) && !secretFields.has(issue.path)),
    )
    .map((issue) => ({
      ...issue,
      path: scrubSecrets(issue.path),
      message: scrubSecrets(issue.message),
      hint: issue.hint === undefined ? undefined : scrubSecrets(issue.hint),
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

/**
 * An account's `domains` may be left out of the file; once loaded it lists every domain registered or hosted in
 * the account, so no reader has to derive it again.
 */
function withDomainsListed(inventory: Inventory): Inventory {
  // By account, the domains registered or hosted there: an Organization has a few domains and thousands of
  // accounts, most of which list none.
  const placed = new Map<string, string[]>();
  for (const domain of inventory.factors?.domains ?? []) {
    for (const account of new Set([domain.registrar, domain.dns])) {
      const ids = placed.get(account);
      if (ids === undefined) placed.set(account, [domain.id]);
      else ids.push(domain.id);
    }
  }
  const accounts = inventory.accounts.map((account): Account => {
    const here = placed.get(account.id);
    if (here === undefined && account.domains === undefined) return account;
    return { ...account, domains: [...new Set([...(account.domains ?? []), ...(here ?? [])])] };
  });
  return { ...inventory, accounts };
}

function unreadable(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'cannot read the inventory: no such file';
    case 'EISDIR':
      return 'cannot read the inventory: it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the inventory: permission denied';
    default:
      return `cannot read the inventory: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Where and why JSON.parse refuses `text`, or undefined when it reads it. */
function jsonSyntaxIssue(text: string, file: string, source: InventorySource): InventoryIssue | undefined {
  const json = bomAsSpace(text);
  try {
    JSON.parse(json);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not JSON';
    // Found and worded by a parser that keeps offsets: V8 names no position for an unexpected token (Node 20),
    // and calls a comment a missing property name. Else V8's "… in JSON at position N", or the end of a text
    // cut short.
    const located = jsonErrorAt(json);
    const at = /^(.*?) in JSON at position (\d+)/.exec(message);
    const offset = located?.offset ?? (at ? Number(at[2]) : text.length);
    const what = located?.what ?? (at ? at[1]! : 'the text ends before the inventory does');
    return {
      code: 'json-syntax',
      file,
      ...source.position(Math.min(offset, text.length)),
      path: formatFieldPath(source.pathAt(Math.min(offset, text.length))),
      message: `JSON: ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
    };
  }
}

/** The JSON string (a key) written at `offset`, quoted as written; "a key" where none is. */
function jsonKeyAt(text: string, offset: number): string {
  return /^"(?:[^"\\]|\\.)*"/.exec(text.slice(offset, offset + 1000))?.[0] ?? 'a key';
}

/**
 * The first syntax error jsonc-parser finds in strict JSON (`text` with its byte order mark as a space), in
 * words; none when it ends early (V8 says that).
 */
function jsonErrorAt(text: string): { offset: number; what: string } | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first === undefined || first.offset >= text.length) return undefined;
  const code = printParseErrorCode(first.error);
  return { offset: first.offset, what: jsonErrorWords[code] ?? code };
}

/** By jsonc-parser's names of its error codes (a const enum, which this build cannot read). */
const jsonErrorWords: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'more after the end of the inventory',
  InvalidCommentToken: 'comments are not JSON (YAML keeps them: name the file .yaml)',
  UnexpectedEndOfComment: 'comments are not JSON (YAML keeps them: name the file .yaml)',
  UnexpectedEndOfString: 'a string not closed',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'a control character in a string (write it as an escape, such as \\n)',
};
