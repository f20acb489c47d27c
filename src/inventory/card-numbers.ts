/**
 * Finding full payment card numbers in text, so the inventory can refuse them: Lockout keeps only a card's last
 * four digits, and must never repeat a full number back, not even in an error message.
 */

/** Where a card-like number sits in a text: its offset and length, never its digits. */
export interface CardNumberSpan {
  offset: number;
  length: number;
}

// Runs of digits joined by single spaces or dashes, as card numbers are written ("4111 1111-1111 1111").
// A run right after "+" is a phone number in international form (up to 15 digits; some pass the Luhn check).
const digitRun = /(?<![\d+])\d(?:[ -]?\d)*/g;

/** Every run of 13 to 19 digits (spaces or dashes allowed between them) that passes the Luhn check. */
export function findCardNumbers(text: string): CardNumberSpan[] {
  const spans: CardNumberSpan[] = [];
  for (const match of text.matchAll(digitRun)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) {
      spans.push({ offset: match.index, length: match[0].length });
    }
  }
  return spans;
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
