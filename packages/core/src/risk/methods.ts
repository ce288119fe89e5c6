/**
 * The four scoring methods. Each returns a band, its priority, the numbers it used and one
 * sentence saying how it got there, so every score in a report can be checked by hand.
 */
import cvssLibrary from 'ae-cvss-calculator';
import type { Level, OwaspFactors, RiskMethod } from '../model/types.js';
import { BAND_PRIORITY, bandSummary, type Band, type Priority } from './bands.js';
import type { ResolvedRiskSettings } from './settings.js';

export interface Score {
  readonly method: RiskMethod;
  readonly band: Band;
  readonly priority: Priority;
  /** likelihood × impact (1–25) or the CVSS score (0–10); absent for the qualitative methods. */
  readonly value?: number;
  /** 1–5 for likelihood-impact and matrix, the 0–9 mean for owasp. */
  readonly likelihood?: number;
  readonly impact?: number;
  /** The qualitative levels (matrix, owasp). */
  readonly likelihoodLevel?: Level;
  readonly impactLevel?: Level;
  /** CVSS: the vector scored (with any environmental metrics applied) and its version. */
  readonly vector?: string;
  readonly cvssVersion?: '3.1' | '4.0';
  /** How the score was computed, in one line. */
  readonly explanation: string;
}

export type ScoreResult = { readonly ok: true; readonly score: Score } | { readonly ok: false; readonly message: string };

function withBand(band: Band): { band: Band; priority: Priority } {
  return { band, priority: BAND_PRIORITY[band].priority };
}

function named(value: number, names: readonly string[] | undefined): string {
  const name = names?.[value - 1];
  return name !== undefined ? `${String(value)} (${name})` : String(value);
}

// --- likelihood × impact ---------------------------------------------------------------------

export function bandOfProduct(product: number, s: ResolvedRiskSettings): Band {
  return product >= s.bands.critical ? 'critical' : product >= s.bands.high ? 'high' : product >= s.bands.medium ? 'medium' : 'low';
}

function productRange(band: Band, s: ResolvedRiskSettings): string {
  const b = s.bands;
  const [lo, hi] = band === 'critical' ? [b.critical, 25] : band === 'high' ? [b.high, b.critical - 1] : band === 'medium' ? [b.medium, b.high - 1] : [1, b.medium - 1];
  return lo === hi ? String(lo) : `${String(lo)}–${String(hi)}`;
}

export function scoreLikelihoodImpact(likelihood: number, impact: number, s: ResolvedRiskSettings): Score {
  const value = likelihood * impact;
  const band = bandOfProduct(value, s);
  return {
    method: 'likelihood-impact',
    ...withBand(band),
    value,
    likelihood,
    impact,
    explanation: `likelihood ${named(likelihood, s.scales.likelihood)} × impact ${named(impact, s.scales.impact)} = ${String(value)}; ${productRange(band, s)} of 25 is ${bandSummary(band)}`,
  };
}

// --- the qualitative 3 × 3 matrix ------------------------------------------------------------

export function levelOf(value: number, s: ResolvedRiskSettings): Level {
  return value >= s.levels.high ? 'high' : value >= s.levels.medium ? 'medium' : 'low';
}

export function scoreMatrix(likelihood: number, impact: number, s: ResolvedRiskSettings): Score {
  const likelihoodLevel = levelOf(likelihood, s);
  const impactLevel = levelOf(impact, s);
  const band = s.matrix[impactLevel][likelihoodLevel];
  return {
    method: 'matrix',
    ...withBand(band),
    likelihood,
    impact,
    likelihoodLevel,
    impactLevel,
    explanation: `likelihood ${named(likelihood, s.scales.likelihood)} is ${likelihoodLevel}, impact ${named(impact, s.scales.impact)} is ${impactLevel}; the 3 × 3 matrix gives ${bandSummary(band)}`,
  };
}

// --- CVSS 3.1 and 4.0 ------------------------------------------------------------------------

const CVSS_BASE: Readonly<Record<'3.1' | '4.0', readonly string[]>> = {
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

export function bandOfCvss(value: number, s: ResolvedRiskSettings): Band {
  const b = s.cvssBands;
  return value >= b.critical ? 'critical' : value >= b.high ? 'high' : value >= b.medium ? 'medium' : 'low';
}

function cvssRange(band: Band, s: ResolvedRiskSettings): string {
  const b = s.cvssBands;
  const below = (x: number) => (Math.round((x - 0.1) * 10) / 10).toFixed(1);
  return band === 'critical' ? `${b.critical.toFixed(1)}–10.0` : band === 'high' ? `${b.high.toFixed(1)}–${below(b.critical)}` : band === 'medium' ? `${b.medium.toFixed(1)}–${below(b.high)}` : `0.0–${below(b.medium)}`;
}

/** Parses and scores a CVSS 3.1 or 4.0 vector with the maintained ae-cvss-calculator. */
export function scoreCvss(vector: string, s: ResolvedRiskSettings, environmental: readonly string[] = []): ScoreResult {
  const given = vector.trim();
  const version = given.startsWith('CVSS:3.1/') ? '3.1' : given.startsWith('CVSS:4.0/') ? '4.0' : undefined;
  if (version === undefined) {
    return { ok: false, message: `"${given}" is not a CVSS 3.1 or 4.0 vector: it must start with CVSS:3.1/ or CVSS:4.0/` };
  }
  const parts = given.split('/').slice(1);
  const keys = parts.map((p) => p.split(':')[0] ?? '');
  const missing = CVSS_BASE[version].filter((m) => !keys.includes(m));
  if (missing.length > 0) return { ok: false, message: `CVSS ${version} vector "${given}" lacks base metric${missing.length === 1 ? '' : 's'} ${missing.join(', ')}` };
  const duplicated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (duplicated.length > 0) return { ok: false, message: `CVSS ${version} vector "${given}" gives ${duplicated.join(', ')} more than once` };
  const full = [given, ...environmental.map((e) => e.trim().replace(/^\/+|\/+$/g, '')).filter((e) => e !== '')].join('/');
  let overall: number;
  try {
    const calc = version === '3.1' ? new cvssLibrary.Cvss3P1(full) : new cvssLibrary.Cvss4P0(full);
    if (!calc.isBaseFullyDefined()) return { ok: false, message: `CVSS ${version} vector "${given}" does not define every base metric` };
    overall = calc.calculateScores().overall;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `CVSS ${version} vector "${full}" is not valid: ${why}` };
  }
  const band = bandOfCvss(overall, s);
  const kind = version === '4.0' ? cvss4Nomenclature(full) : environmental.length > 0 || /\/(E|RL|RC|CR|IR|AR|M[A-Z]+):/.test(full) ? 'score' : 'base score';
  return {
    ok: true,
    score: {
      method: 'cvss',
      ...withBand(band),
      value: overall,
      vector: full,
      cvssVersion: version,
      explanation: `${full}: CVSS ${version} ${kind} ${overall.toFixed(1)}; ${cvssRange(band, s)} is ${bandSummary(band)}`,
    },
  };
}

/** CVSS 4.0 names a score by the metric groups it uses: CVSS-B, CVSS-BT, CVSS-BE, CVSS-BTE. */
function cvss4Nomenclature(vector: string): string {
  const keys = vector.split('/').slice(1).map((p) => p.split(':'));
  const defined = (k: string[]) => k[1] !== undefined && k[1] !== 'X';
  const threat = keys.some((k) => k[0] === 'E' && defined(k));
  const env = keys.some((k) => k[0] !== undefined && (/^M[A-Z]+$/.test(k[0]) || ['CR', 'IR', 'AR'].includes(k[0])) && defined(k));
  return `CVSS-B${threat ? 'T' : ''}${env ? 'E' : ''}`;
}

// --- OWASP Risk Rating Methodology -----------------------------------------------------------

export const OWASP_LIKELIHOOD_FACTORS = ['skill_level', 'motive', 'opportunity', 'size', 'ease_of_discovery', 'ease_of_exploit', 'awareness', 'intrusion_detection'] as const;
export const OWASP_TECHNICAL_FACTORS = ['loss_of_confidentiality', 'loss_of_integrity', 'loss_of_availability', 'loss_of_accountability'] as const;
export const OWASP_BUSINESS_FACTORS = ['financial_damage', 'reputation_damage', 'non_compliance', 'privacy_violation'] as const;

/** OWASP: 0 to < 3 low, 3 to < 6 medium, 6 to 9 high. */
export function owaspLevel(value: number): Level {
  return value < 3 ? 'low' : value < 6 ? 'medium' : 'high';
}

/** OWASP's overall severity, [impact][likelihood]; "note" is banded low. */
const OWASP_SEVERITY: Readonly<Record<Level, Readonly<Record<Level, 'note' | Band>>>> = {
  low: { low: 'note', medium: 'low', high: 'medium' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  high: { low: 'medium', medium: 'high', high: 'critical' },
};

function mean(factors: OwaspFactors, keys: readonly (keyof OwaspFactors)[]): { value: number; count: number } | undefined {
  const given = keys.map((k) => factors[k]).filter((v): v is number => v !== undefined);
  if (given.length === 0) return undefined;
  return { value: Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 1000) / 1000, count: given.length };
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/**
 * Likelihood is the mean of the threat-agent and vulnerability factors; impact the mean of the
 * business factors when any is given (OWASP prefers them), else of the technical factors.
 * `reduce` lowers the means by steps of 1.8 (a fifth of the 0–9 scale), for residual risk.
 */
export function scoreOwasp(factors: OwaspFactors, reduce: { likelihood?: number; impact?: number } = {}): ScoreResult {
  const l = mean(factors, OWASP_LIKELIHOOD_FACTORS);
  const business = mean(factors, OWASP_BUSINESS_FACTORS);
  const technical = mean(factors, OWASP_TECHNICAL_FACTORS);
  const i = business ?? technical;
  if (!l || !i) {
    return { ok: false, message: `OWASP Risk Rating needs at least one likelihood factor (${OWASP_LIKELIHOOD_FACTORS.join(', ')}) and one impact factor (${[...OWASP_TECHNICAL_FACTORS, ...OWASP_BUSINESS_FACTORS].join(', ')})` };
  }
  const step = 9 / 5;
  const lr = reduce.likelihood ?? 0;
  const ir = reduce.impact ?? 0;
  const likelihood = Math.max(0, Math.round((l.value - lr * step) * 1000) / 1000);
  const impact = Math.max(0, Math.round((i.value - ir * step) * 1000) / 1000);
  const likelihoodLevel = owaspLevel(likelihood);
  const impactLevel = owaspLevel(impact);
  const severity = OWASP_SEVERITY[impactLevel][likelihoodLevel];
  const band: Band = severity === 'note' ? 'low' : severity;
  const lText = `likelihood ${fmt(l.value)}${lr > 0 ? ` − ${String(lr)} × 1.8 = ${fmt(likelihood)}` : ''} (mean of ${String(l.count)} of 8 factors) is ${likelihoodLevel.toUpperCase()}`;
  const iText = `impact ${fmt(i.value)}${ir > 0 ? ` − ${String(ir)} × 1.8 = ${fmt(impact)}` : ''} (mean of ${String(i.count)} ${business ? 'business' : 'technical'} factors) is ${impactLevel.toUpperCase()}`;
  return {
    ok: true,
    score: {
      method: 'owasp',
      ...withBand(band),
      likelihood,
      impact,
      likelihoodLevel,
      impactLevel,
      explanation: `OWASP Risk Rating: ${lText}, ${iText}; overall ${severity === 'note' ? 'Note, banded ' : ''}${bandSummary(band)}`,
    },
  };
}
