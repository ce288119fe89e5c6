import type { Band } from '../diagrams/graph.js';
import { BAND_ORDER } from './risk.js';
import { isBaseline, isOpen, type ReportData } from './types.js';

/** The highest band among the open threats on each element (component or flow), for the risk overlay; baseline entries are questions and colour nothing. */
export function riskOverlay(data: Pick<ReportData, 'threats'>): Map<string, Band> {
  const out = new Map<string, Band>();
  for (const t of data.threats) {
    if (!isOpen(t) || !t.band || isBaseline(t)) continue;
    for (const el of t.elements) {
      const prev = out.get(el);
      if (!prev || BAND_ORDER[t.band] < BAND_ORDER[prev]) out.set(el, t.band);
    }
  }
  return out;
}
