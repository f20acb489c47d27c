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
 * A report (any plain data) with every string made safe, for renderers that print many values: one pass over
 * the data at the edge instead of a call at every value. Dates and other class instances are kept.
 * `'line'` when every value is shown within a line, as in the check and what-if reports. What is safe already
 * is returned as it is, and only the way down to a string made safe is copied: an Organization's report is
 * hundreds of MB of data, nearly all of it safe, and copying it whole took most of the text report's time.
 */
export function withSafeText<T>(value: T, within: 'lines' | 'line' = 'lines'): T {
  return (
    within === 'line' ? copySafe(value, unsafeInLine, safeLine) : copySafe(value, unsafe, safeText)
  ) as T;
}

// What safeText (and safeLine) would change: a control character (ESC among them) or, within a line, a line
// break. One test before any replacement: most strings have none.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const unsafeInLine =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function copySafe(value: unknown, test: RegExp, safe: (text: string) => string): unknown {
  if (typeof value === 'string') return test.test(value) ? safe(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const made = copySafe(item, test, safe);
      if (made !== item && copy === undefined) copy = value.slice(0, index);
      if (copy !== undefined) copy.push(made);
    }
    return copy ?? value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    const item = record[key];
    const made = copySafe(item, test, safe);
    if (made !== item) copy ??= { ...record };
    if (copy !== undefined) copy[key] = made;
  }
  return copy ?? value;
}
