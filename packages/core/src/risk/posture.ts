/**
 * The posture: how many threats stand where, by residual band. Every output that counts threats —
 * the terminal summary, `check`, the reports, the editor's tabs, the JSON — reads these numbers,
 * computed here once per analysis, so a file never gives two answers.
 *
 * A threat's standing follows from its assessed disposition and status:
 * - open: its risk is on the books and nothing has been done about it yet — status open or in
 *   progress, a response that is not in force (an acceptance without who, why and until when; a
 *   transfer without a recipient), an expired decision, or "mitigated" with no implemented
 *   mitigation behind it;
 * - mitigated: marked mitigated with at least one implemented mitigation: its residual risk is what
 *   is left (the gate still judges it);
 * - accepted, transferred: a response in force;
 * - dismissed: false positive or not applicable.
 *
 * Baseline entries (confidence `baseline`) are questions, not threats: open ones are counted apart.
 * A threat without a band (no likelihood or impact, nor another score) is `unrated`, never guessed.
 */
import type { Confidence } from '../engine/types.js';
import type { ThreatStatus } from '../model/types.js';
import { BANDS, bandName, UNRATED, type Band } from './bands.js';

export type Standing = 'open' | 'mitigated' | 'accepted' | 'transferred' | 'dismissed';

/** Counts by residual band, with the threats that have none. */
export interface BandCounts extends Readonly<Record<Band, number>> {
  readonly unrated: number;
  readonly total: number;
}

export interface Posture {
  /** Threats still to act on, baseline entries apart, by residual band. */
  readonly open: BandCounts;
  /** Open baseline entries (never above medium). */
  readonly baseline: BandCounts;
  /** Threats marked mitigated with an implemented mitigation, by the residual band left. */
  readonly mitigated: BandCounts;
  readonly accepted: number;
  readonly transferred: number;
  readonly dismissed: number;
}

/** What `standingOf` reads of an assessed threat. */
export interface StandingInput {
  readonly disposition: 'live' | 'accepted' | 'transferred' | 'dismissed';
  readonly status: ThreatStatus;
  /** Its mitigations that count towards residual risk. */
  readonly implemented: readonly string[];
}

export function standingOf(t: StandingInput): Standing {
  if (t.disposition !== 'live') return t.disposition;
  return t.status === 'mitigated' && t.implemented.length > 0 ? 'mitigated' : 'open';
}

/** What `postureOf` reads of each threat. */
export interface PostureInput {
  readonly standing: Standing;
  readonly band?: Band | undefined;
  readonly confidence?: Confidence | undefined;
}

const empty = (): Record<Band | 'unrated' | 'total', number> => ({ critical: 0, high: 0, medium: 0, low: 0, unrated: 0, total: 0 });

export function postureOf(threats: readonly PostureInput[]): Posture {
  const open = empty();
  const baseline = empty();
  const mitigated = empty();
  let accepted = 0;
  let transferred = 0;
  let dismissed = 0;
  for (let i = 0; i < threats.length; i++) {
    const t = threats[i] as PostureInput;
    let into: Record<Band | 'unrated' | 'total', number>;
    switch (t.standing) {
      case 'open':
        into = t.confidence === 'baseline' ? baseline : open;
        break;
      case 'mitigated':
        into = mitigated;
        break;
      case 'accepted':
        accepted++;
        continue;
      case 'transferred':
        transferred++;
        continue;
      default:
        dismissed++;
        continue;
    }
    into[t.band ?? 'unrated']++;
    into.total++;
  }
  return { open, baseline, mitigated, accepted, transferred, dismissed };
}

/**
 * "P0 critical 4 · P1 high 10 · P2 medium 22 · P3 low 5 · unrated 2": the one way counts by band
 * are written for people (unrated only when there are some; zero bands kept, so lines line up).
 */
export function bandCountsText(counts: BandCounts, separator = ' · '): string {
  const parts = BANDS.map((b) => `${bandName(b)} ${String(counts[b])}`);
  if (counts.unrated > 0) parts.push(`${UNRATED} ${String(counts.unrated)}`);
  return parts.join(separator);
}

/** What `ratingText` reads: the residual score, or none. */
export interface RatingInput {
  readonly band?: Band | undefined;
  readonly risk: { readonly residual?: { readonly method: string; readonly value?: number; readonly likelihood?: number; readonly impact?: number; readonly likelihoodLevel?: string; readonly impactLevel?: string } | undefined };
}

/**
 * A threat's residual rating in a few characters, the same in every output: "P1 high 3×5" (likelihood
 * × impact or matrix), "P0 critical CVSS 9.8", "P2 medium OWASP high/medium", or "unrated".
 */
export function ratingText(t: RatingInput): string {
  const r = t.risk.residual;
  if (t.band === undefined || r === undefined) return UNRATED;
  let how = '';
  if ((r.method === 'likelihood-impact' || r.method === 'matrix') && r.likelihood !== undefined && r.impact !== undefined) how = `${String(r.likelihood)}×${String(r.impact)}`;
  else if (r.method === 'cvss' && r.value !== undefined) how = `CVSS ${String(r.value)}`;
  else if (r.method === 'owasp' && r.likelihoodLevel !== undefined && r.impactLevel !== undefined) how = `OWASP ${r.likelihoodLevel}/${r.impactLevel}`;
  return how === '' ? bandName(t.band) : `${bandName(t.band)} ${how}`;
}
