/**
 * How the renderers get a score and a band for a threat. This is the one place to plug in the
 * project's risk engine: until it provides scores, risk = likelihood × impact (1–25) with fixed
 * band thresholds, stated in the report's appendix.
 */
import type { Band } from '../diagrams/graph.js';

export interface Score {
  /** 1–25 for L×I. */
  score: number;
  band: Band;
  /** How it was computed, for the report appendix. */
  method: string;
}

export const SCORING_METHOD = 'Likelihood × impact on 1–5 scales (1–25). P0 ≥ 16, P1 ≥ 10, P2 ≥ 5, P3 below.';

export function bandOf(score: number): Band {
  if (score >= 16) return 'P0';
  if (score >= 10) return 'P1';
  if (score >= 5) return 'P2';
  return 'P3';
}

export type ScoreFn = (likelihood: number | undefined, impact: number | undefined) => Score | undefined;

export const scoreLxI: ScoreFn = (likelihood, impact) => {
  if (likelihood === undefined || impact === undefined) return undefined;
  const score = likelihood * impact;
  return { score, band: bandOf(score), method: SCORING_METHOD };
};

export const BAND_ORDER: Record<Band, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };
