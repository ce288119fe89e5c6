/** The model's `risk:` section with every default filled in. */
import type { Level, RiskMethod, RiskSettings } from '../model/types.js';
import type { Band } from './bands.js';

export type MatrixTable = Readonly<Record<Level, Readonly<Record<Level, Band>>>>;

export interface ResolvedRiskSettings {
  readonly method: RiskMethod;
  /** Lowest likelihood × impact of each band; below `medium` is low. */
  readonly bands: { readonly critical: number; readonly high: number; readonly medium: number };
  /** Lowest CVSS score of each band; below `medium` is low. */
  readonly cvssBands: { readonly critical: number; readonly high: number; readonly medium: number };
  readonly scales: { readonly likelihood?: readonly string[]; readonly impact?: readonly string[] };
  /** Lowest 1–5 value of the medium and high levels of the 3 × 3 matrix. */
  readonly levels: { readonly medium: number; readonly high: number };
  /** table[impact][likelihood] -> band. */
  readonly matrix: MatrixTable;
}

export const DEFAULT_MATRIX: MatrixTable = {
  low: { low: 'low', medium: 'low', high: 'medium' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  high: { low: 'medium', medium: 'high', high: 'critical' },
};

export const DEFAULT_RISK_SETTINGS: ResolvedRiskSettings = {
  method: 'likelihood-impact',
  bands: { critical: 16, high: 9, medium: 4 },
  cvssBands: { critical: 9, high: 7, medium: 4 },
  scales: {},
  levels: { medium: 3, high: 4 },
  matrix: DEFAULT_MATRIX,
};

export function resolveRiskSettings(risk: RiskSettings | undefined): ResolvedRiskSettings {
  if (!risk) return DEFAULT_RISK_SETTINGS;
  const d = DEFAULT_RISK_SETTINGS;
  const rows = risk.matrix?.impact;
  return {
    method: risk.method ?? d.method,
    bands: { critical: risk.bands?.critical ?? d.bands.critical, high: risk.bands?.high ?? d.bands.high, medium: risk.bands?.medium ?? d.bands.medium },
    cvssBands: { critical: risk.cvss_bands?.critical ?? d.cvssBands.critical, high: risk.cvss_bands?.high ?? d.cvssBands.high, medium: risk.cvss_bands?.medium ?? d.cvssBands.medium },
    scales: { ...(risk.scales?.likelihood ? { likelihood: risk.scales.likelihood } : {}), ...(risk.scales?.impact ? { impact: risk.scales.impact } : {}) },
    levels: { medium: risk.matrix?.levels?.medium ?? d.levels.medium, high: risk.matrix?.levels?.high ?? d.levels.high },
    matrix: { low: rows?.low ?? d.matrix.low, medium: rows?.medium ?? d.matrix.medium, high: rows?.high ?? d.matrix.high },
  };
}
