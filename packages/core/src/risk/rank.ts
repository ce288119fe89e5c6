/**
 * One order of risks for every output (terminal, reports, editor): the band first; within a band,
 * what the model establishes before what it only asks (confirmed, then possible, then baseline
 * entries); then the score, the impact and the id. An unanswered question never outranks a known gap
 * of the same band, and every output lists the same threats in the same order.
 */
import type { Confidence } from '../engine/types.js';
import type { AssessedThreat } from './assess.js';
import { bandRank, type Band } from './bands.js';

export interface Rankable {
  readonly id: string;
  /** The residual band; unscored threats rank last. */
  readonly band?: Band | undefined;
  readonly confidence?: Confidence | undefined;
  /** The residual score (likelihood × impact, or the method's value). */
  readonly score?: number | undefined;
  readonly impact?: number | undefined;
}

const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { confirmed: 0, possible: 1, baseline: 2 };

/** Highest risk first (see the module comment); a comparator for `Array.prototype.sort`. */
export function compareRisk(a: Rankable, b: Rankable): number {
  const band = (b.band === undefined ? -1 : bandRank(b.band)) - (a.band === undefined ? -1 : bandRank(a.band));
  if (band !== 0) return band;
  const confidence = CONFIDENCE_RANK[a.confidence ?? 'confirmed'] - CONFIDENCE_RANK[b.confidence ?? 'confirmed'];
  if (confidence !== 0) return confidence;
  return (b.score ?? -1) - (a.score ?? -1) || (b.impact ?? 0) - (a.impact ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** How an assessed threat ranks: its residual band, confidence, score and impact. */
export function rankableOf(t: Pick<AssessedThreat, 'id' | 'band' | 'confidence' | 'risk'>): Rankable {
  return { id: t.id, band: t.band, confidence: t.confidence, score: t.risk.residual?.value, impact: t.risk.residual?.impact };
}
