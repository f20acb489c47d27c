/** Lists in words, as every message of Lockout writes them: "a, b and c", "a or b". */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)!}`;
}

/** A count as reports write it: "12,345". */
export function counted(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * A long list shortened to its first few: "a, b, c and 1,234 more", or all of it when it is that short. `count`
 * writes the number left out (as it is, unless given).
 */
export function firstNamed(
  items: readonly string[],
  shown: number,
  count: (left: number) => string = String,
): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${count(items.length - shown)} more`;
}

/**
 * A label as it reads mid-sentence: a first word capitalised only because it starts the label is lowered ("A
 * valid card on file" → "a valid card…", "Sign-in…" → "sign-in…"); a name with capitals or digits of its own
 * keeps them ("IAM user signs in", "U2F key", "YubiKey").
 */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]*(?![A-Za-z0-9])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
