/**
 * The fast read of an inventory's text: js-yaml (or JSON.parse for a .json file) instead of the `yaml` library's
 * position-keeping parser, about ten times slower on a large Organization. It answers only for text it reads
 * exactly as `yaml` would; for anything else, and for every file with something to report, the loader parses
 * again with `yaml`, whose positions name the file, line and column.
 */
import { FAILSAFE_SCHEMA, load, Type, type EventType, type State } from 'js-yaml';

/**
 * YAML 1.2's core schema, as the `yaml` library resolves plain scalars (its regular expressions and
 * conversions): js-yaml's own schemas read YAML 1.1 habits (`1_000`, `+0x1F`) or dates that `yaml` leaves
 * as strings, so one of them would let a value through that the slow path refuses, or the other way round.
 */
/**
 * Whether a scalar starts as every number does (a sign, a dot or a digit): the regular expressions below run
 * only on the few that could be one. Its first character code, not an expression: every plain scalar is asked,
 * twice (0.3 million at 10,000 accounts).
 */
function mayBeNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e;
}

export const yamlCoreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (text: string) => text.length <= 4 && /^(?:~|[Nn]ull|NULL)?$/.test(text),
      construct: () => null,
    }),
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (text: string) =>
        (text.length === 4 || text.length === 5) && /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
      construct: (text: string) => text[0] === 't' || text[0] === 'T',
    }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (text: string) =>
        mayBeNumber(text) &&
        (/^[-+]?[0-9]+$/.test(text) || /^0o[0-7]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text)),
      construct: (text: string) =>
        text.startsWith('0o')
          ? parseInt(text.slice(2), 8)
          : text.startsWith('0x')
            ? parseInt(text.slice(2), 16)
            : parseInt(text, 10),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (text: string) =>
        mayBeNumber(text) &&
        (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)),
      construct: (text: string) => {
        if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text))
          return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        return /^\.(?:nan|NaN|NAN)$/.test(text) ? Number.NaN : parseFloat(text);
      },
    }),
  ],
});

/**
 * What the two parsers may read differently, so the fast read leaves it to `yaml`: a directive (`%YAML 1.1`
 * changes the schema), an anchor (`yaml` bounds how far aliases expand; js-yaml shares them) or a tag (each
 * library knows its own). Looked for by the indicator at the start of a token: a false alarm only costs speed.
 */
const slowSyntax = /^%|(?:^|[\s[{,])[&!]\S/m;

/**
 * Whether the text has any of the indicators `slowSyntax` looks for: most inventories have none, and looking for
 * each character costs a fraction of the expression's scan (0.4 against 13-30 ms on 5.6 MB).
 */
function mayHaveSlowSyntax(text: string): boolean {
  return text.includes('&') || text.includes('!') || text.includes('%');
}

/** Whether an inventory file is JSON (its name ends in .json): read with JSON.parse, its mistakes in JSON's words. */
export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/**
 * JSON text with a byte order mark at its start read as a space: read past, as YAML reads past it (RFC 8259 lets
 * a parser ignore it), while every offset stays where it was.
 */
export function bomAsSpace(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/**
 * The data of `text` as `yaml` would read it, or undefined when only `yaml` can say (or say what is wrong).
 * `listener` hears a YAML read's nodes (fast-positions.ts places findings from what it heard).
 */
export function readFast(
  text: string,
  file: string,
  listener?: (event: EventType, state: State) => void,
): { data: unknown } | undefined {
  if (isJsonFile(file)) return readJson(text);
  if (mayHaveSlowSyntax(text) && slowSyntax.test(text)) return undefined;
  const warnings: unknown[] = [];
  try {
    const data = load(text, {
      schema: yamlCoreSchema,
      onWarning: (warning) => warnings.push(warning),
      ...(listener && { listener }),
    });
    return warnings.length > 0 ? undefined : { data };
  } catch {
    return undefined;
  }
}

/**
 * A JSON text is YAML, and `yaml` reads it to the same data, except that a key given twice is an error there
 * and the last one wins for JSON.parse: the keys written are counted against the keys read.
 */
function readJson(text: string): { data: unknown } | undefined {
  try {
    const data: unknown = JSON.parse(bomAsSpace(text));
    return countWrittenKeys(text) === countReadKeys(data) ? { data } : undefined;
  } catch {
    // Not JSON, or nested deeper than the count can follow: `yaml` says where.
    return undefined;
  }
}

/** The strings followed by a `:` in a JSON text that JSON.parse accepted: its keys, duplicates included. */
function countWrittenKeys(text: string): number {
  let keys = 0;
  let index = text.indexOf('"');
  while (index !== -1) {
    // Past the string that starts at `index`, escapes included.
    let end = index + 1;
    for (;;) {
      end = text.indexOf('"', end);
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) break;
      end++;
    }
    let after = end + 1;
    while (after < text.length && ' \t\r\n'.includes(text[after]!)) after++;
    if (text[after] === ':') keys++;
    index = text.indexOf('"', after);
  }
  return keys;
}

function countReadKeys(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + countReadKeys(item), 0);
  if (typeof data !== 'object' || data === null) return 0;
  let keys = 0;
  for (const value of Object.values(data)) keys += 1 + countReadKeys(value);
  return keys;
}
