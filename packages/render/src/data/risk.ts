/**
 * How the renderers get a score and a priority for a threat. This is the one place to plug in the
 * project's risk assessment: until its residual scores are wired here, risk = likelihood × impact
 * (1–25) banded by the analysis engine's own thresholds (`riskBand` in core).
 */
import { bandName, riskBand, UNRATED, type RiskBand } from '@threatwright/core';
import type { Band } from '../diagrams/graph.js';

export interface Score {
  /** 1–25 for L×I. */
  score: number;
  band: Band;
}

export const SCORING_METHOD = 'Likelihood × impact on 1–5 scales (1–25): critical (P0) 16–25, high (P1) 9–15, medium (P2) 4–8, low (P3) 1–3.';

export const PRIORITY_OF: Readonly<Record<RiskBand, Band>> = { critical: 'P0', high: 'P1', medium: 'P2', low: 'P3' };

export type ScoreFn = (likelihood: number | undefined, impact: number | undefined) => Score | undefined;

const scale = (n: number) => Math.max(1, Math.min(5, Math.round(n))) as 1 | 2 | 3 | 4 | 5;

export const scoreLxI: ScoreFn = (likelihood, impact) => {
  if (likelihood === undefined || impact === undefined) return undefined;
  const l = scale(likelihood);
  const i = scale(impact);
  return { score: l * i, band: PRIORITY_OF[riskBand(l, i)] };
};

export const BAND_ORDER: Record<Band, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

/** The band word a priority stands for: P1 → high. */
export const BAND_OF: Readonly<Record<Band, RiskBand>> = { P0: 'critical', P1: 'high', P2: 'medium', P3: 'low' };

/** "P1 high": a band as every output shows it (core's bandName), or "unrated" without one. */
export function bandText(band: Band | undefined): string {
  return band === undefined ? UNRATED : bandName(BAND_OF[band]);
}
