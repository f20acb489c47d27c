/**
 * Finding full payment card numbers in text, so the inventory can refuse them: Lockout keeps only a card's last
 * four digits, and must never repeat a full number back, not even in an error message.
 *
 * A number is read as people write one: digits of any script (full-width, Arabic-Indic, …), in groups joined by
 * up to three spaces, dots, slashes, underscores or dashes. Any stretch of 13 to 19 digits made of whole groups
 * of at least three digits that passes the Luhn check counts. Shorter groups are dates, versions and networks
 * ("2024-06-09", "192.168.1.1/24"), never how a card number is grouped. After a `+` the stretch must be longer
 * than 15 digits, the most a phone number in international form has.
 */

/** Where a card-like number sits in a text: its offset and length (UTF-16 units), never its digits. */
export interface CardNumberSpan {
  offset: number;
  length: number;
}

const MIN_DIGITS = 13;
/** The shortest text that can hold a card number: `findCardNumbers` finds nothing in anything shorter. */
export const MIN_CARD_TEXT = MIN_DIGITS;
const MAX_DIGITS = 19;
const MIN_GROUP = 3;
/** E.164: a phone number has at most 15 digits, country code included. */
const MAX_PHONE_DIGITS = 15;
const MAX_SEPARATORS = 3;

interface Group {
  start: number;
  end: number;
  digits: string;
}

// Stretches of digits (any script, and what NFKC reads as a digit) and separators long enough to hold a card
// number: the regular expression skips everything else quickly, and only these are read character by character
// (a 730 kB inventory in 40 ms instead of 380 ms).
const candidate = /[\p{Nd}\p{No}\p{Zs}\p{Pd}\t./_\uff0e\uff0f\uff3f]{13,}/gu;

/** Every stretch of a text that reads as a full card number. */
export function findCardNumbers(text: string): CardNumberSpan[] {
  const spans: CardNumberSpan[] = [];
  if (text.length < MIN_DIGITS) return spans;
  for (const region of possibleRegions(text)) {
    candidate.lastIndex = region.start;
    for (let match = candidate.exec(text); match !== null; match = candidate.exec(text)) {
      if (match.index >= region.end) break;
      // With the character before it, which may be a `+`.
      const start = Math.max(0, match.index - 1);
      const stretch = text.slice(start, match.index + match[0].length);
      for (const run of digitRuns(stretch)) {
        for (const span of cardsInRun(run.groups, run.afterPlus))
          spans.push({ offset: start + span.offset, length: span.length });
      }
    }
  }
  return spans;
}

/**
 * The stretches of a text where `candidate` may match, found by character codes: the Unicode classes cost the
 * regular expression more than the rest of the scan on a large inventory (70 ms of a 5.6 MB one), and nearly all
 * of its stretches are indentation. A stretch of ASCII only is the candidate itself, and holds no card number
 * when it has fewer than 13 digits; any other character might belong, so the expression decides there.
 * Stretches shorter than 13 are skipped without reading them whole: from where one starts, the last character
 * that ends stretches among the next 13 says where the next one may start (most of an inventory is words).
 */
export function* possibleRegions(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  while (start + MIN_DIGITS <= text.length) {
    let breaker = start + MIN_DIGITS - 1;
    while (breaker >= start && !endsStretch(text.charCodeAt(breaker))) breaker--;
    if (breaker >= start) {
      start = breaker + 1;
      continue;
    }
    let digits = 0;
    let other = false;
    let end = start;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code >= 0x30 && code <= 0x39) digits++;
      else if (code >= 0x80) other = true;
      else if (endsStretch(code)) break;
    }
    if (other || digits >= MIN_DIGITS) yield { start, end };
    start = end + 1;
  }
}

/**
 * Whether a character ends a stretch: any ASCII character but a digit and the ASCII members of the candidate's
 * class (space, tab, '-', '.', '/' and '_').
 */
function endsStretch(code: number): boolean {
  return (
    code < 0x80 &&
    !(code >= 0x30 && code <= 0x39) &&
    code !== 0x20 &&
    code !== 0x09 &&
    code !== 0x2d &&
    code !== 0x2e &&
    code !== 0x2f &&
    code !== 0x5f
  );
}

/** The text with every card-like number replaced, for messages that quote what the owner wrote. */
export function redactCardNumbers(text: string): string {
  let redacted = text;
  // From the end, so earlier offsets stay valid.
  for (const span of findCardNumbers(text).reverse()) {
    redacted = `${redacted.slice(0, span.offset)}[card number removed]${redacted.slice(span.offset + span.length)}`;
  }
  return redacted;
}

/** The Luhn (mod 10) check every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Groups of digits joined by short runs of separators, and whether a `+` stands right before the first. */
function* digitRuns(text: string): Generator<{ groups: Group[]; afterPlus: boolean }> {
  let groups: Group[] = [];
  let afterPlus = false;
  let current: Group | undefined;
  let separators = 0;
  let previous: 'plus' | 'other' = 'other';
  const close = function* (): Generator<{ groups: Group[]; afterPlus: boolean }> {
    if (groups.length > 0) yield { groups, afterPlus };
    groups = [];
    separators = 0;
  };
  let offset = 0;
  for (const character of text) {
    const width = character.length;
    const digit = digitOf(character);
    if (digit !== undefined) {
      if (current === undefined) {
        if (groups.length === 0) afterPlus = previous === 'plus';
        current = { start: offset, end: offset, digits: '' };
        groups.push(current);
      }
      current.digits += digit;
      current.end = offset + width;
      separators = 0;
    } else if (isSeparator(character) && groups.length > 0 && separators < MAX_SEPARATORS) {
      current = undefined;
      separators += 1;
    } else {
      current = undefined;
      yield* close();
      previous = isPlus(character) ? 'plus' : 'other';
    }
    offset += width;
  }
  yield* close();
}

/** The card numbers among consecutive groups of one run, longest first from each group on. */
function cardsInRun(groups: readonly Group[], afterPlus: boolean): CardNumberSpan[] {
  const spans: CardNumberSpan[] = [];
  let first = 0;
  while (first < groups.length) {
    const minimum = first === 0 && afterPlus ? MAX_PHONE_DIGITS + 1 : MIN_DIGITS;
    let found: number | undefined;
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      const group = groups[last]!;
      if (group.digits.length < MIN_GROUP) break;
      digits += group.digits;
      if (digits.length > MAX_DIGITS) break;
      if (digits.length >= minimum && passesLuhn(digits)) found = last;
    }
    if (found === undefined) {
      first += 1;
    } else {
      spans.push({ offset: groups[first]!.start, length: groups[found]!.end - groups[first]!.start });
      first = found + 1;
    }
  }
  return spans;
}

/** The ASCII digit a character stands for, in any script: '٤', '４' and '𝟒' are all '4'. */
function digitOf(character: string): string | undefined {
  if (character.length === 1 && character >= '0' && character <= '9') return character;
  if (character.charCodeAt(0) < 0x80) return undefined;
  const compatible = character.normalize('NFKC');
  if (compatible.length === 1 && compatible >= '0' && compatible <= '9') return compatible;
  if (!/^\p{Nd}$/u.test(character)) return undefined;
  const codePoint = character.codePointAt(0)!;
  return String(codePoint - decimalZero(codePoint));
}

let decimalZeros: number[] | undefined;

/**
 * The zero of the block a decimal digit belongs to. Unicode encodes every decimal digit in runs of ten from
 * zero to nine, so the zeros are every tenth code point of each run of `Nd`; found once, on first need.
 */
function decimalZero(codePoint: number): number {
  if (decimalZeros === undefined) {
    const zeros: number[] = [];
    let runStart: number | undefined;
    // Every decimal digit Unicode has lies below U+20000.
    for (let point = 0x80; point <= 0x20000; point++) {
      const isDigit = point < 0x20000 && /\p{Nd}/u.test(String.fromCodePoint(point));
      if (isDigit && runStart === undefined) runStart = point;
      if (!isDigit && runStart !== undefined) {
        for (let zero = runStart; zero < point; zero += 10) zeros.push(zero);
        runStart = undefined;
      }
    }
    decimalZeros = zeros;
  }
  let zero = 0;
  for (const candidate of decimalZeros) {
    if (candidate > codePoint) break;
    zero = candidate;
  }
  return zero;
}

function isSeparator(character: string): boolean {
  if (character === ' ' || character === '\t') return true;
  const compatible = character.normalize('NFKC');
  return /^[\p{Zs}\p{Pd}./_]$/u.test(compatible) && !/[\r\n]/.test(compatible);
}

function isPlus(character: string): boolean {
  return character === '+' || character.normalize('NFKC') === '+';
}
