/** "Did you mean …?" for unknown keys, enum values and ids. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), bounded by `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

const normalize = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The closest candidate to `input`, or undefined when none is close enough.
 * Case, `-`/`_` and spaces are ignored first (`reviewedAt` → `reviewed_at`); then up to
 * one edit per three characters is allowed (at least one). Inputs shorter than `minFuzzyLength`
 * only match when equal after that normalization (for short ids, "C9" → "C1" would be a guess).
 */
export function didYouMean(input: string, candidates: Iterable<string>, options: { minFuzzyLength?: number } = {}): string | undefined {
  const n = normalize(input);
  const max = n.length < (options.minFuzzyLength ?? 0) ? 0 : Math.max(1, Math.floor(n.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const d = editDistance(n, normalize(candidate), max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= max ? best : undefined;
}
