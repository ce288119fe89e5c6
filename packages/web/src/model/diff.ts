/** A line diff (longest common subsequence) to show what changed in the file on disk. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** Line number in the new text (added/same) or the old text (removed). */
  line: number;
}

/** Lines that changed, with `context` unchanged lines around each change. Large inputs fall back to a coarse comparison. */
export function lineDiff(before: string, after: string, context = 2): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Trim the common head and tail first: an edit usually touches a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: DiffLine[] = [];
  if (am.length * bm.length > 4_000_000) {
    am.forEach((text, i) => ops.push({ kind: 'removed', text, line: head + i + 1 }));
    bm.forEach((text, i) => ops.push({ kind: 'added', text, line: head + i + 1 }));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i] ?? [];
      const below = lcs[i + 1] ?? [];
      for (let j = m - 1; j >= 0; j--) row[j] = am[i] === bm[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: 'same', text: am[i] ?? '', line: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
        // Removed lines first, then the lines that replace them, as in a unified diff.
        ops.push({ kind: 'removed', text: am[i] ?? '', line: head + i + 1 });
        i++;
      } else {
        ops.push({ kind: 'added', text: bm[j] ?? '', line: head + j + 1 });
        j++;
      }
    }
  }
  const full: DiffLine[] = [
    ...a.slice(Math.max(0, head - context), head).map((text, k) => ({ kind: 'same' as const, text, line: Math.max(0, head - context) + k + 1 })),
    ...ops,
    ...b.slice(b.length - tail, Math.min(b.length, b.length - tail + context)).map((text, k) => ({ kind: 'same' as const, text, line: b.length - tail + k + 1 })),
  ];
  // Drop unchanged runs far from any change.
  const near = full.map((l, idx) => l.kind !== 'same' || full.slice(Math.max(0, idx - context), idx + context + 1).some((x) => x.kind !== 'same'));
  return full.filter((_, idx) => near[idx]);
}
