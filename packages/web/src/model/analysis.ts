/**
 * The threats panel's data: the engine's findings for the current model, merged with the
 * decisions recorded in the model (keyed by fingerprint) and with the manual threats.
 * Runs in the browser on every edit, so it must stay fast (see bench/editor.bench.ts).
 */
import { buildGraph, builtinRules, runRules, type Finding, type Model, type ThreatCategory, type ThreatEntry, type ThreatStatus } from '@threatwright/core';

export type Band = 'critical' | 'high' | 'medium' | 'low';
export const BANDS: readonly Band[] = ['critical', 'high', 'medium', 'low'];

/** Likelihood × impact on 1–5 scales, banded. */
export function bandOf(likelihood: number, impact: number): Band {
  const score = likelihood * impact;
  if (score >= 20) return 'critical';
  if (score >= 12) return 'high';
  if (score >= 6) return 'medium';
  return 'low';
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
  band: Band;
  status: ThreatStatus;
  /** The decision or manual entry in the model, when there is one. */
  entry: ThreatEntry | undefined;
  finding: Finding | undefined;
  /** Ids of mitigations that address it. */
  mitigations: string[];
}

export interface Analysis {
  rows: ThreatRow[];
  /** Engine problems (a rule that failed), shown with the validation issues. */
  problems: string[];
  millis: number;
}

const clampScale = (n: number | undefined, fallback: number) => (n === undefined ? fallback : Math.min(5, Math.max(1, Math.round(n))));

export function analyzeModel(model: Model): Analysis {
  const started = performance.now();
  let findings: Finding[] = [];
  const problems: string[] = [];
  try {
    const result = runRules(buildGraph(model), builtinRules);
    findings = result.findings;
    for (const i of result.issues) problems.push(i.message);
  } catch (err) {
    // A model mid-edit can be inconsistent; the panel says so instead of going blank.
    problems.push(`analysis failed: ${(err as Error).message}`);
  }
  const decisions = new Map<string, ThreatEntry>();
  for (const t of model.threats ?? []) if (t.fingerprint !== undefined && t.id === undefined) decisions.set(t.fingerprint, t);
  const addressing = new Map<string, string[]>();
  for (const m of model.mitigations ?? []) {
    for (const ref of m.threats ?? []) addressing.set(ref, [...(addressing.get(ref) ?? []), m.id]);
  }
  const rows: ThreatRow[] = [];
  for (const f of findings) {
    const d = decisions.get(f.fingerprint);
    const likelihood = clampScale(d?.likelihood, f.likelihood);
    const impact = clampScale(d?.impact, f.impact);
    rows.push({
      key: f.fingerprint,
      kind: 'derived',
      title: f.title,
      message: f.message,
      category: f.category,
      elements: f.elements,
      likelihood,
      impact,
      band: bandOf(likelihood, impact),
      status: d?.status ?? 'open',
      entry: d,
      finding: f,
      mitigations: [...new Set([...(addressing.get(f.fingerprint) ?? []), ...(d?.mitigations ?? [])])],
    });
  }
  for (const t of model.threats ?? []) {
    if (t.id === undefined) continue;
    const likelihood = clampScale(t.likelihood, 3);
    const impact = clampScale(t.impact, 3);
    rows.push({
      key: t.id,
      kind: 'manual',
      title: t.title ?? t.id,
      message: t.description ?? '',
      category: t.category,
      elements: t.elements ?? [],
      likelihood,
      impact,
      band: bandOf(likelihood, impact),
      status: t.status ?? 'open',
      entry: t,
      finding: undefined,
      mitigations: [...new Set([...(t.mitigations ?? []), ...(addressing.get(t.id) ?? [])])],
    });
  }
  const rank: Record<Band, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  rows.sort((a, b) => rank[a.band] - rank[b.band] || b.likelihood * b.impact - a.likelihood * a.impact || a.key.localeCompare(b.key));
  return { rows, problems, millis: performance.now() - started };
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

/** Count of open threats per likelihood (rows 5..1) × impact (columns 1..5). */
export function heatmap(rows: readonly ThreatRow[], includeClosed = false): number[][] {
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const r of rows) {
    if (!includeClosed && CLOSED.has(r.status)) continue;
    const row = grid[5 - r.likelihood];
    if (row) row[r.impact - 1] = (row[r.impact - 1] ?? 0) + 1;
  }
  return grid;
}

/** The worst open band per element, for badges on the diagram. */
export function worstBandByElement(rows: readonly ThreatRow[]): Map<string, { band: Band; count: number }> {
  const rank: Record<Band, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  const out = new Map<string, { band: Band; count: number }>();
  for (const r of rows) {
    if (CLOSED.has(r.status)) continue;
    for (const e of r.elements) {
      const cur = out.get(e);
      if (!cur) out.set(e, { band: r.band, count: 1 });
      else out.set(e, { band: rank[r.band] < rank[cur.band] ? r.band : cur.band, count: cur.count + 1 });
    }
  }
  return out;
}
