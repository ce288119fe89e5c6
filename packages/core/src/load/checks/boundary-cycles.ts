import type { Issue } from '../../issues.js';
import type { Check } from './context.js';

/** A boundary may not be nested inside itself through its `parent` chain. Each cycle is reported once. */
export const boundaryCycles: Check = (ctx) => {
  const boundaries = ctx.model.boundaries ?? [];
  const index = new Map<string, number>();
  boundaries.forEach((b, i) => {
    if (!index.has(b.id)) index.set(b.id, i);
  });
  const state = new Uint8Array(boundaries.length); // 0 unvisited, 1 on the current chain, 2 done
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
    if (i !== undefined && state[i] === 1) {
      const cycle = chain.slice(chain.indexOf(i));
      const first = Math.min(...cycle);
      const from = cycle.indexOf(first);
      const ordered = [...cycle.slice(from), ...cycle.slice(0, from)];
      const names = ordered.map((n) => boundaries[n]?.id ?? '?');
      const id = names[0] ?? '?';
      out.push({
        code: 'boundary-cycle',
        severity: 'error',
        message: cycle.length === 1 ? `boundary is its own parent` : `boundary is nested inside itself: ${[...names, id].join(' → ')}`,
        path: ['boundaries', first, 'parent'],
        subject: id,
        hint: 'Boundaries nest like folders: give one of them another parent, or none.',
      });
    }
    for (const n of chain) state[n] = 2;
  }
  return out;
};
