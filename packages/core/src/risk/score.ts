/**
 * Scores one threat with the model's method (or the threat's own `scoring`), before and after
 * the mitigations that are actually implemented.
 */
import type { OwaspFactors, RiskMethod } from '../model/types.js';
import { scoreCvss, scoreLikelihoodImpact, scoreMatrix, scoreOwasp, type Score } from './methods.js';
import type { ResolvedRiskSettings } from './settings.js';

export interface ScoringInput {
  readonly likelihood?: number | undefined;
  readonly impact?: number | undefined;
  readonly cvss?: string | undefined;
  readonly owasp?: OwaspFactors | undefined;
  /** The threat's own method, overriding the model's. */
  readonly scoring?: RiskMethod | undefined;
}

/** What the implemented mitigations of a threat take off, with who takes it off. */
export interface Reduction {
  readonly likelihood: number;
  readonly impact: number;
  /** CVSS environmental metrics, in mitigation order (a later one wins for the same metric). */
  readonly cvss: readonly string[];
  /** e.g. "R1 (likelihood −2)" */
  readonly by: readonly string[];
}

export const NO_REDUCTION: Reduction = { likelihood: 0, impact: 0, cvss: [], by: [] };

export interface RiskScores {
  /** The method used (after any fallback). */
  readonly method: RiskMethod;
  /** Risk before mitigations; absent when the threat cannot be scored. */
  readonly inherent?: Score;
  /** Risk after the implemented mitigations (equal to inherent when none applies). */
  readonly residual?: Score;
  /** Why the wanted method was not used, or why there is no score. */
  readonly problems: readonly string[];
}

function hasLI(input: ScoringInput): input is ScoringInput & { likelihood: number; impact: number } {
  return input.likelihood !== undefined && input.impact !== undefined;
}

function withExplanation(score: Score, explanation: string): Score {
  return { ...score, explanation };
}

/** Why a threat without both numbers is unrated, naming the one it has. */
function unratedBecause(input: ScoringInput): string {
  if (input.impact !== undefined) return `unrated: it has an impact (${String(input.impact)}) but no likelihood (1–5) to score`;
  if (input.likelihood !== undefined) return `unrated: it has a likelihood (${String(input.likelihood)}) but no impact (1–5) to score`;
  return 'unrated: it has no likelihood and impact (1–5) to score';
}

export function scoreRisk(input: ScoringInput, settings: ResolvedRiskSettings, reduction: Reduction = NO_REDUCTION): RiskScores {
  const wanted = input.scoring ?? settings.method;
  const problems: string[] = [];
  const after = reduction.by.length > 0 ? `after ${reduction.by.join(', ')}: ` : '';
  const none = 'no implemented mitigation reduces it, so the residual risk is the inherent risk';

  const byLI = (method: 'likelihood-impact' | 'matrix'): RiskScores => {
    if (!hasLI(input)) {
      return { method, problems: [...problems, unratedBecause(input)] };
    }
    const score = method === 'matrix' ? scoreMatrix : scoreLikelihoodImpact;
    const inherent = score(input.likelihood, input.impact, settings);
    if (reduction.likelihood === 0 && reduction.impact === 0) return { method, inherent, residual: withExplanation(inherent, `${none}: ${inherent.explanation}`), problems };
    const l = Math.max(1, input.likelihood - reduction.likelihood);
    const i = Math.max(1, input.impact - reduction.impact);
    const residual = score(l, i, settings);
    const steps = `likelihood ${String(input.likelihood)}${reduction.likelihood > 0 ? ` − ${String(reduction.likelihood)}` : ''} → ${String(l)}, impact ${String(input.impact)}${reduction.impact > 0 ? ` − ${String(reduction.impact)}` : ''} → ${String(i)} (never below 1)`;
    return { method, inherent, residual: withExplanation(residual, `${after}${steps}; ${residual.explanation}`), problems };
  };

  const fallback = (why: string): RiskScores => {
    if (hasLI(input)) return byLI('likelihood-impact');
    return { method: wanted, problems: [...problems, `${why}, and it has no likelihood and impact to fall back on`] };
  };

  if (wanted === 'likelihood-impact' || wanted === 'matrix') {
    // A vector kept for reference is still checked, so a typo does not wait until someone switches methods.
    if (hasLI(input) && input.cvss !== undefined) {
      const checked = scoreCvss(input.cvss, settings);
      if (!checked.ok) problems.push(checked.message);
    }
    if (!hasLI(input) && input.cvss !== undefined) {
      problems.push(`it has no likelihood and impact; scored by its CVSS vector instead`);
      return cvss(input.cvss);
    }
    return byLI(wanted);
  }
  if (wanted === 'cvss') {
    if (input.cvss === undefined) {
      if (input.scoring === 'cvss') problems.push('its scoring is cvss but it has no `cvss` vector; scored by likelihood × impact instead');
      return fallback('it has no CVSS vector');
    }
    return cvss(input.cvss);
  }
  // owasp
  if (input.owasp === undefined) {
    if (input.scoring === 'owasp') problems.push('its scoring is owasp but it has no `owasp` factors; scored by likelihood × impact instead');
    return fallback('it has no OWASP factors');
  }
  const inherent = scoreOwasp(input.owasp);
  if (!inherent.ok) {
    problems.push(inherent.message);
    return fallback('its OWASP factors are incomplete');
  }
  if (reduction.likelihood === 0 && reduction.impact === 0) return { method: 'owasp', inherent: inherent.score, residual: withExplanation(inherent.score, `${none}: ${inherent.score.explanation}`), problems };
  const residual = scoreOwasp(input.owasp, { likelihood: reduction.likelihood, impact: reduction.impact });
  const r = residual.ok ? residual.score : inherent.score;
  return { method: 'owasp', inherent: inherent.score, residual: withExplanation(r, `${after}${r.explanation}`), problems };

  function cvss(vector: string): RiskScores {
    const inherentResult = scoreCvss(vector, settings);
    if (!inherentResult.ok) {
      problems.push(inherentResult.message);
      return fallback('its CVSS vector is not valid');
    }
    const base = inherentResult.score;
    if (reduction.cvss.length === 0) {
      const why = reduction.by.length > 0 ? `its implemented mitigations (${reduction.by.join(', ')}) state no CVSS environmental metrics (\`reduces.cvss\`), so the residual risk is the inherent risk` : none;
      return { method: 'cvss', inherent: base, residual: withExplanation(base, `${why}: ${base.explanation}`), problems };
    }
    const residualResult = scoreCvss(vector, settings, reduction.cvss);
    if (!residualResult.ok) {
      problems.push(`the environmental metrics of its mitigations do not apply: ${residualResult.message}`);
      return { method: 'cvss', inherent: base, residual: withExplanation(base, `${none}: ${base.explanation}`), problems };
    }
    return { method: 'cvss', inherent: base, residual: withExplanation(residualResult.score, `${after}${residualResult.score.explanation}`), problems };
  }
}
