import type { Band } from '../diagrams/graph.js';
import { BAND_ORDER } from './risk.js';
import { isBaseline, isOpen, type ReportData } from './types.js';

/** The highest residual band among the open threats on each element (component or flow), for the risk overlay; baseline entries are questions and colour nothing. */
export function riskOverlay(data: Pick<ReportData, 'threats'>): Map<string, Band> {
  const out = new Map<string, Band>();
  for (const t of data.threats) {
    const band = t.residual?.band;
    if (!isOpen(t) || !band || isBaseline(t)) continue;
    for (const el of t.elements) {
      const prev = out.get(el);
      if (!prev || BAND_ORDER[band] < BAND_ORDER[prev]) out.set(el, band);
    }
  }
  return out;
}
