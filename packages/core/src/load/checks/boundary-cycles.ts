import type { Issue } from '../../issues.js';
import { MAX_BOUNDARY_DEPTH } from '../limits.js';
import type { Check } from './context.js';

/** How many boundaries of a cycle its message names before "…". */
const NAMED_IN_CYCLE = 12;

/**
 * A boundary may not be nested inside itself through its `parent` chain (each cycle is reported
 * once), nor more than MAX_BOUNDARY_DEPTH levels deep (reported at the first boundary past the limit
 * on each branch). Loops only: a chain may be as long as the list of boundaries.
 */
export const boundaryCycles: Check = (ctx) => {
  const boundaries = ctx.model.boundaries ?? [];
  const index = new Map<string, number>();
  boundaries.forEach((b, i) => {
    if (!index.has(b.id)) index.set(b.id, i);
  });
  const state = new Uint8Array(boundaries.length); // 0 unvisited, 1 on the current chain, 2 done
  const depth = new Uint32Array(boundaries.length); // levels from the outermost boundary, 1-based; 0 in a cycle
  const out: Issue[] = [];
  for (let start = 0; start < boundaries.length; start++) {
    if (state[start] !== 0) continue;
    const chain: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      chain.push(i);
      const parent: string | undefined = boundaries[i]?.parent;
      i = parent === undefined ? undefined : index.get(parent);
    }
    let end = chain.length; // chain[end..] is a cycle
    if (i !== undefined && state[i] === 1) {
      end = chain.indexOf(i);
      const cycle = chain.slice(end);
      let from = 0;
      for (let k = 1; k < cycle.length; k++) if ((cycle[k] as number) < (cycle[from] as number)) from = k;
      const first = cycle[from] as number;
      const ordered = [...cycle.slice(from), ...cycle.slice(0, from)];
      const id = boundaries[first]?.id ?? '?';
      const shown = ordered.slice(0, NAMED_IN_CYCLE).map((n) => boundaries[n]?.id ?? '?');
      const names = ordered.length > NAMED_IN_CYCLE ? `${shown.join(' → ')} → … (${ordered.length} boundaries) → ${id}` : [...shown, id].join(' → ');
      out.push({
        code: 'boundary-cycle',
        severity: 'error',
        message: cycle.length === 1 ? `boundary is its own parent` : `boundary is nested inside itself: ${names}`,
        path: ['boundaries', first, 'parent'],
        subject: id,
        hint: 'Boundaries nest like folders: give one of them another parent, or none.',
      });
    }
    // Depths outside the cycle, from the outermost boundary of the chain inwards (below a cycle, or
    // below a parent that does not exist, a boundary counts as outermost).
    let above = i !== undefined && state[i] === 2 ? (depth[i] ?? 0) : 0;
    for (let k = end - 1; k >= 0; k--) {
      const n = chain[k] as number;
      above += 1;
      depth[n] = above;
      if (above === MAX_BOUNDARY_DEPTH + 1) {
        const b = boundaries[n];
        out.push({
          code: 'boundary-too-deep',
          severity: 'error',
          message: `boundary is nested more than ${MAX_BOUNDARY_DEPTH} levels deep`,
          path: ['boundaries', n, 'parent'],
          ...(b ? { subject: b.id } : {}),
          hint: 'Boundaries nest like folders, a few levels deep: attach this one to a boundary further out.',
        });
      }
    }
    for (const n of chain) state[n] = 2;
  }
  return out;
};
