/**
 * The loader's semantic rules that foreign files can break, applied while importing so the
 * written model always loads: what cannot be kept is reported, never silently changed.
 */
import type { Boundary } from '@threatwright/core';
import type { ReportBuilder } from './report.js';

/** Why a flow from an element to itself is not imported (the loader rejects it). */
export const SELF_FLOW_REASON = 'goes from an element to itself, which the model does not allow (a flow connects two elements; model an internal step as its own component if it matters)';

/** Removes the parent link that closes each cycle of boundary parents, noting it. */
export function breakBoundaryCycles(boundaries: Boundary[], report: ReportBuilder): void {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  for (const b of boundaries) {
    const seen = new Set<string>([b.id]);
    let current: Boundary = b;
    while (current.parent !== undefined) {
      const parent: Boundary | undefined = byId.get(current.parent);
      if (!parent) break;
      if (seen.has(parent.id)) {
        report.adjusted(`boundary ${current.id} ("${current.name}")`, `its parent ${parent.id} is also inside it (a cycle): kept at the top level`);
        delete current.parent;
        break;
      }
      seen.add(parent.id);
      current = parent;
    }
  }
}
