/**
 * Text from outside Lockout (labels, names and notes from the inventory, account names from AWS, messages)
 * made safe to print on a terminal or write into Markdown: nothing in it can move the cursor, clear the screen,
 * set the window title, ring the bell, or reorder what is shown around it. Control characters are removed, and
 * escape sequences whole, so "\e]0;title\a" leaves nothing behind.
 */

// ESC sequences: CSI (ESC [ … final byte), OSC, DCS, SOS, PM and APC strings (to BEL or ESC \, or the end),
// and two-character escapes (ESC and one byte).
const escapeSequence =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[\s\S]?/g;
// C0 controls but tab and line feed, DEL, C1 controls (0x9b is CSI on some terminals), and the bidirectional
// marks, embeddings, overrides and isolates that reorder text ("Trojan Source").
const controlCharacter =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without escape sequences and control characters; tabs and line feeds are kept. */
export function safeText(text: string): string {
  return text.replace(escapeSequence, '').replace(controlCharacter, '');
}

/**
 * `safeText` for a value shown within a line: line breaks (and Unicode's line and paragraph separators) become
 * spaces, so a label cannot start a line of its own that reads like the report's ("      holds  …").
 */
export function safeLine(text: string): string {
  return safeText(text).replace(/[\n\u2028\u2029]+/g, ' ');
}

/**
 * JSON text with nothing a terminal acts on: JSON.stringify already escapes C0 controls; DEL, C1 and the bidi
 * controls are escaped too (`\u009b`), so the data is unchanged and the JSON can be printed.
 */
export function safeJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Whether `text` holds anything `safeText` would remove. */
export function hasControlCharacters(text: string): boolean {
  return safeText(text) !== text;
}

/**
 * A copy of a report (any plain data) with every string made safe, for renderers that print many values: one
 * pass over the data at the edge instead of a call at every value. Dates and other class instances are kept.
 * `'line'` when every value is shown within a line, as in the check and what-if reports.
 */
export function withSafeText<T>(value: T, within: 'lines' | 'line' = 'lines'): T {
  return copySafe(value, within === 'line' ? safeLine : safeText) as T;
}

function copySafe(value: unknown, safe: (text: string) => string): unknown {
  if (typeof value === 'string') return safe(value);
  if (Array.isArray(value)) return value.map((item: unknown) => copySafe(item, safe));
  if (typeof value !== 'object' || value === null) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copySafe(item, safe);
  return copy;
}
