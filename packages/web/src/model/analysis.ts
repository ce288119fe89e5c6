/**
 * The threats panel's data: the engine's `analyze` (findings merged with the decisions recorded in
 * the model, manual threats, risk scored with the model's own method and bands), flattened into
 * rows. Runs in the browser on every edit, so it must stay fast (see bench/editor.ts).
 */
import { analyze, buildGraph, groupBaseline, riskBand, type AnalysisResult, type Analyzer, type Confidence, type Model, type RuleInfo, type Threat, type ThreatCategory, type ThreatEntry, type ThreatStatus } from '@threatwright/core';

export type Band = 'critical' | 'high' | 'medium' | 'low';
export const BANDS: readonly Band[] = ['critical', 'high', 'medium', 'low'];

/** Likelihood × impact on 1–5 scales with the default bands, for heatmap cells. */
export function bandOf(likelihood: number, impact: number): Band {
  const s = (n: number) => Math.min(5, Math.max(1, Math.round(n))) as 1 | 2 | 3 | 4 | 5;
  return riskBand(s(likelihood), s(impact));
}

/** Statuses that close a threat: it no longer counts as open risk. */
export const CLOSED: ReadonlySet<ThreatStatus> = new Set(['mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable']);

export interface ThreatRow {
  /** Fingerprint of a derived threat, or the id of a manual one. */
  key: string;
  kind: 'derived' | 'manual';
  title: string;
  message: string;
  category: ThreatCategory | undefined;
  elements: readonly string[];
  likelihood: number;
  impact: number;
  /** Residual band, scored with the model's risk method (as `threatwright analyze` reports it). */
  band: Band;
  status: ThreatStatus;
  /** The decision or manual entry in the model, when there is one. */
  entry: ThreatEntry | undefined;
  threat: Threat;
  rule: RuleInfo | undefined;
  /** Ids of mitigations that address it. */
  mitigations: readonly string[];
  /**
   * `baseline` for an entry of the baseline tier: a STRIDE question the model does not answer yet about
   * its first element (the others are the flows that enter it), listed apart from the threats.
   */
  confidence: Confidence;
}

/** A baseline entry: a question, not a threat. */
export const isBaselineRow = (r: Pick<ThreatRow, 'confidence'>): boolean => r.confidence === 'baseline';

export interface Analysis {
  rows: ThreatRow[];
  /** Engine problems (e.g. a custom rule that failed), shown above the list. */
  problems: string[];
  result: AnalysisResult | undefined;
  millis: number;
}

/**
 * `analyzer`, kept from one edit to the next, re-runs rules only around what an edit changed;
 * without one, every rule runs on the whole model.
 */
export function analyzeModel(model: Model, analyzer?: Analyzer): Analysis {
  const started = performance.now();
  let result: AnalysisResult;
  try {
    const options = { graph: buildGraph(model), now: new Date() };
    result = analyzer ? analyzer.analyze(model, options) : analyze(model, options);
  } catch (err) {
    // A model mid-edit can be inconsistent; the panel says so instead of going blank.
    return { rows: [], problems: [`analysis failed: ${(err as Error).message}`], result: undefined, millis: performance.now() - started };
  }
  // The assessment lists the threats in the same order.
  const assessed = result.risk.threats;
  const rows: ThreatRow[] = result.threats.map((t, index) => {
    const likelihood = t.likelihood ?? 3;
    const impact = t.impact ?? 3;
    return {
      key: t.id,
      kind: t.source === 'manual' ? 'manual' : 'derived',
      title: t.title,
      message: t.message,
      category: t.category,
      elements: t.elements,
      likelihood,
      impact,
      band: (assessed[index]?.id === t.id ? assessed[index].band : undefined) ?? bandOf(likelihood, impact),
      status: t.status,
      entry: t.entry !== undefined ? model.threats?.[t.entry] : undefined,
      threat: t,
      rule: t.ruleId !== undefined ? result.rules[t.ruleId] : undefined,
      mitigations: t.mitigations,
      confidence: t.confidence,
    };
  });
  const rank: Record<Band, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  // Ties in fingerprint order (code units: the same order as the engine's, and far cheaper than localeCompare on thousands of rows).
  rows.sort((a, b) => rank[a.band] - rank[b.band] || b.likelihood * b.impact - a.likelihood * a.impact || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const problems = result.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  return { rows, problems, result, millis: performance.now() - started };
}

/**
 * An analysis as the worker sends it to the page: each row's threat (its facts, questions and
 * texts, most of the bulk) as JSON text. Copying thousands of nested objects between threads
 * costs the page far more than copying strings; a threat is read back when it is looked at.
 */
export interface PackedAnalysis {
  rows: (Omit<ThreatRow, 'threat'> & { threat: string })[];
  problems: string[];
  millis: number;
}

export function packAnalysis(a: Analysis): PackedAnalysis {
  return { rows: a.rows.map((r) => ({ ...r, threat: JSON.stringify(r.threat) })), problems: a.problems, millis: a.millis };
}

/** The analysis back from its packed form (without the engine's full result); each threat is parsed on first use. */
export function unpackAnalysis(p: PackedAnalysis): Analysis {
  const rows = p.rows.map((packed) => {
    const { threat: text, ...rest } = packed;
    let threat: Threat | undefined;
    return Object.defineProperty(rest, 'threat', {
      enumerable: true,
      get: () => (threat ??= JSON.parse(text) as Threat),
    }) as ThreatRow;
  });
  return { rows, problems: p.problems, result: undefined, millis: p.millis };
}

export interface ThreatFilter {
  element?: string | undefined;
  category?: string | undefined;
  band?: Band | undefined;
  status?: ThreatStatus | 'unresolved' | undefined;
  text?: string | undefined;
}

export function filterRows(rows: readonly ThreatRow[], f: ThreatFilter): ThreatRow[] {
  const text = f.text?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.element === undefined || r.elements.includes(f.element)) &&
      (f.category === undefined || r.category === f.category) &&
      (f.band === undefined || r.band === f.band) &&
      (f.status === undefined || (f.status === 'unresolved' ? !CLOSED.has(r.status) : r.status === f.status)) &&
      (!text || `${r.key} ${r.title} ${r.message}`.toLowerCase().includes(text)),
  );
}

/** Count of threats per likelihood (rows 5..1) × impact (columns 1..5); closed ones only when asked; baseline entries never. */
export function heatmap(rows: readonly ThreatRow[], includeClosed = false): number[][] {
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const r of rows) {
    if ((!includeClosed && CLOSED.has(r.status)) || isBaselineRow(r)) continue;
    const row = grid[5 - r.likelihood];
    if (row) row[r.impact - 1] = (row[r.impact - 1] ?? 0) + 1;
  }
  return grid;
}

/** The worst open band per element, for badges on the diagram; baseline entries are questions and badge nothing. */
export function worstBandByElement(rows: readonly ThreatRow[]): Map<string, { band: Band; count: number }> {
  const rank: Record<Band, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  const out = new Map<string, { band: Band; count: number }>();
  for (const r of rows) {
    if (CLOSED.has(r.status) || isBaselineRow(r)) continue;
    for (const e of r.elements) {
      const cur = out.get(e);
      if (!cur) out.set(e, { band: r.band, count: 1 });
      else out.set(e, { band: rank[r.band] < rank[cur.band] ? r.band : cur.band, count: cur.count + 1 });
    }
  }
  return out;
}

export interface BaselineGroup {
  /** The element the entries ask about. */
  element: string;
  /** Its entries, in STRIDE order. */
  rows: ThreatRow[];
  /** The flows that enter it, as the entries list them. */
  flows: string[];
}

/** Baseline rows grouped by the element they are about, in the order of `order` (the model's), then by id. */
export function baselineGroups(rows: readonly ThreatRow[], order: ReadonlyMap<string, number>): BaselineGroup[] {
  return groupBaseline(rows.filter(isBaselineRow), order, (r) => r.key).map((g) => ({ element: g.element, rows: g.entries, flows: g.flows }));
}
