// "Did you mean" suggestions: the closest known name to a misspelt one, by edit distance.

/** Lower-case and drop `_`/`-`, so `minAzs`, `min-azs` and `MIN_AZS` all compare equal to `min_azs`. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, "");
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const first = rows[0]!;
  for (let j = 0; j <= b.length; j++) first[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `input`, or undefined when none is close enough: within a third of the
 * name's length (at least 1, at most 3 edits, ignoring case, `_` and `-`), or one a prefix of the other.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(input);
  if (folded.length === 0 || input.length > 200) return undefined;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const c = fold(candidate);
    const distance = editDistance(folded, c);
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(folded.length, c.length) / 3)));
    const prefix = Math.min(folded.length, c.length) >= 3 && (c.startsWith(folded) || folded.startsWith(c));
    const score = distance <= limit ? distance : prefix ? limit + 0.5 : Number.POSITIVE_INFINITY;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
