/** "Did you mean …?": the known names closest to a misspelt key, id or value. */

/** Names within a small edit distance of `word` (or differing only in case and dashes), closest first. */
export function closestNames(word: string, names: Iterable<string>, limit = 3): string[] {
  const scored: { name: string; distance: number }[] = [];
  const plain = normalise(word);
  // Short words tolerate one edit; longer ones about one edit in three characters.
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  for (const name of new Set(names)) {
    if (name === word) continue;
    const distance = normalise(name) === plain ? 0 : editDistance(word, name);
    if (distance <= tolerance) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}

/** `did you mean 'x'?` when something is close, otherwise the full list of what is allowed, if short. */
export function suggestName(word: string, names: readonly string[], what: string): string | undefined {
  const close = closestNames(word, names);
  if (close.length === 1) return `did you mean '${close[0]!}'?`;
  if (close.length > 1) return `did you mean one of: ${close.map((name) => `'${name}'`).join(', ')}?`;
  if (names.length === 0) return undefined;
  const listed = names.slice(0, 12).join(', ');
  return `${what}: ${listed}${names.length > 12 ? ', …' : ''}`;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_ ]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  // Nobody misspells a 100-character name; this also bounds the table below.
  if (a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = 0; i < rows; i++) table[i * cols] = i;
  for (let j = 0; j < cols; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        table[(i - 1) * cols + j]! + 1,
        table[i * cols + j - 1]! + 1,
        table[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, table[(i - 2) * cols + j - 2]! + 1);
      }
      table[i * cols + j] = best;
    }
  }
  return table[rows * cols - 1]!;
}
