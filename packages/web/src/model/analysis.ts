/**
 * The threats panel's data: the engine's `analyze` (findings merged with the decisions recorded in
 * the model, manual threats, risk scored with the model's own method and bands), flattened into
 * rows. Runs in the browser on every edit, so it must stay fast (see bench/editor.ts).
 *
 * Every number and word the editor shows about risk comes from core, as the command line's do: the
 * counts from the posture (`result.risk.posture`), whether a threat is open from its standing, its
 * band and rating from its residual score (`ratingText`: "P1 high 3×5", or "unrated" when it has
 * none; never a guessed likelihood), and the order from `compareRisk`. Nothing here decides any of
 * them again.
 */
import { analyze, BANDS, buildGraph, compareRisk, DEFAULT_RISK_SETTINGS, evaluateGate, freshVerification, type AssessedMitigation, type VerificationRecord, type GateItem, type Issue, rankableOf, type Rankable, groupBaseline, postureOf, ratingText, scoreLikelihoodImpact, scoreMatrix, type AnalysisResult, type Analyzer, type AssessedThreat, type Band, type Confidence, type Model, type Posture, type RuleInfo, type Standing, type Threat, type ThreatCategory, type ThreatEntry, type ThreatStatus } from '@threatwright/core';

export { BANDS, type Band, type Posture, type Standing };

export interface ThreatRow {
  /** Fingerprint of a derived threat, or the id of a manual one. */
  key: string;
  kind: 'derived' | 'manual';
  title: string;
  message: string;
  category: ThreatCategory | undefined;
  elements: readonly string[];
  /**
   * The residual likelihood and impact (1–5) its band was scored from, where they exist (the
   * likelihood × impact and matrix methods): the heatmap's cell. Absent for a threat scored by CVSS
   * or OWASP factors, and for an unrated one.
   */
  likelihood: number | undefined;
  impact: number | undefined;
  /** Residual band, scored with the model's risk method (as `threatwright analyze` reports it); absent: unrated. */
  band: Band | undefined;
  /** Its residual rating as every output writes it (core's `ratingText`): "P1 high 3×5", "P0 critical CVSS 9.8", "unrated". */
  rating: string;
  /** The inherent rating, when implemented mitigations make the residual one differ. */
  inherent: string | undefined;
  /** Where it stands for every count (core's posture): open, mitigated, accepted, transferred or dismissed. */
  standing: Standing;
  /** Why it stands there, in core's words (e.g. "its acceptance is not in force: it lacks expires"). */
  reason: string;
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

/** Counted as open risk (core's standing), baseline entries included: callers set them apart with `isBaselineRow`. */
export const isOpenRow = (r: Pick<ThreatRow, 'standing'>): boolean => r.standing === 'open';

/** How many threats the analysis holds (baseline entries left out, as core's `counts` has them), and the questions it asks. */
export interface ThreatCounts {
  threats: number;
  derived: number;
  manual: number;
  /** Core's open questions: those a finding asks, and those only open baseline entries ask (as `threatwright analyze` splits them). */
  questions: number;
  baselineQuestions: number;
}

/** The band of each heatmap cell by the model's own scoring: rows are likelihood 5 … 1, columns impact 1 … 5. */
export type CellBands = readonly (readonly Band[])[];

export interface Analysis {
  /** Highest risk first, in core's order (`compareRisk`): the order of every output. */
  rows: ThreatRow[];
  /** Core's posture: the numbers the tabs, the status bar, the report preview, the heatmap and the guide show. */
  posture: Posture;
  counts: ThreatCounts;
  cells: CellBands;
  /** Engine problems (e.g. a custom rule that failed), shown above the list. */
  problems: string[];
  /**
   * What the analysis itself says about the model, beside the loader's checks: an acceptance that
   * lacks who, why or until when, a transfer to no one, a threat marked mitigated with nothing
   * implemented, a score that cannot be computed, … (the notes `threatwright check` prints).
   */
  issues: Issue[];
  /**
   * Every item `threatwright check` could fail on: core's gate at its lowest band with unrated
   * threats failing, so a page can show the items at or above any band without analysing again.
   */
  gate: GateItem[];
  /** Core's view of each mitigation: its effective status, whether it is overdue, the threats it serves and their top priority. */
  mitigations: AssessedMitigation[];
  result: AnalysisResult | undefined;
  millis: number;
}

const NO_POSTURE: Posture = postureOf([]);
const NO_COUNTS: ThreatCounts = { threats: 0, derived: 0, manual: 0, questions: 0, baselineQuestions: 0 };

/** The heatmap's cells, banded by the model's method and bands (the matrix, or likelihood × impact). */
function cellBands(settings: AnalysisResult['risk']['settings']): CellBands {
  const score = settings.method === 'matrix' ? scoreMatrix : scoreLikelihoodImpact;
  return [5, 4, 3, 2, 1].map((l) => [1, 2, 3, 4, 5].map((i) => score(l, i, settings).band));
}
const DEFAULT_CELLS = cellBands(DEFAULT_RISK_SETTINGS);
/** The cells of the last analysis, kept while its settings are the same object (they are for every model without a `risk:` section). */
let lastCells: { settings: AnalysisResult['risk']['settings']; cells: CellBands } | undefined;

/**
 * `analyzer`, kept from one edit to the next, re-runs rules only around what an edit changed;
 * without one, every rule runs on the whole model. `record` is the test evidence `threatwright
 * verify` saved beside the model: with it, residual risk is what `check` computes.
 */
export function analyzeModel(model: Model, analyzer?: Analyzer, record?: VerificationRecord | null): Analysis {
  const started = performance.now();
  let result: AnalysisResult;
  try {
    // The saved test evidence, as `check` reads it: an entry counts while its mitigation names the same tests.
    const options = { graph: buildGraph(model), now: new Date(), ...(record ? { verification: freshVerification(record, model) } : {}) };
    result = analyzer ? analyzer.analyze(model, options) : analyze(model, options);
  } catch (err) {
    // A model mid-edit can be inconsistent; the panel says so instead of going blank.
    return { rows: [], posture: NO_POSTURE, counts: NO_COUNTS, cells: lastCells?.cells ?? DEFAULT_CELLS, problems: [`analysis failed: ${(err as Error).message}`], issues: [], gate: [], mitigations: [], result: undefined, millis: performance.now() - started };
  }
  // The assessment lists the threats in the same order; each row is ranked by what core ranks every output by.
  const assessed = result.risk.threats;
  const openBaseline = new Set<string>();
  const ranked: (Rankable & { row: ThreatRow })[] = [];
  for (let index = 0; index < result.threats.length; index++) {
    const t = result.threats[index] as Threat;
    const a = assessed[index] as AssessedThreat;
    const residual = a.risk.residual;
    const inherent = a.risk.inherent;
    const onScale = residual !== undefined && (residual.method === 'likelihood-impact' || residual.method === 'matrix');
    const rating = ratingText(a);
    // Only implemented mitigations make the residual risk differ from the inherent one.
    const before = inherent !== undefined && a.implemented.length > 0 ? ratingText({ band: inherent.band, risk: { residual: inherent } }) : undefined;
    const row: ThreatRow = {
      key: t.id,
      kind: t.source === 'manual' ? 'manual' : 'derived',
      title: t.title,
      message: t.message,
      category: t.category,
      elements: t.elements,
      likelihood: onScale ? residual.likelihood : undefined,
      impact: onScale ? residual.impact : undefined,
      band: a.band,
      rating,
      inherent: before !== undefined && before !== rating ? before : undefined,
      standing: a.standing,
      reason: a.reason,
      status: t.status,
      entry: t.entry !== undefined ? model.threats?.[t.entry] : undefined,
      threat: t,
      rule: t.ruleId !== undefined ? result.rules[t.ruleId] : undefined,
      mitigations: t.mitigations,
      confidence: t.confidence,
    };
    if (t.confidence === 'baseline' && a.standing === 'open') openBaseline.add(t.id);
    ranked.push({ ...rankableOf(a), row });
  }
  ranked.sort(compareRisk);
  const rows = ranked.map((r) => r.row);
  const settings = result.risk.settings;
  if (lastCells?.settings !== settings) lastCells = { settings, cells: cellBands(settings) };
  // Questions only open baseline entries ask are the baseline's: counted apart.
  let baselineQuestions = 0;
  if (openBaseline.size > 0) for (const q of result.questions) if (q.affects.every((id) => openBaseline.has(id))) baselineQuestions++;
  const { threats, derived, manual } = result.counts;
  const counts = { threats, derived, manual, questions: result.questions.length - baselineQuestions, baselineQuestions };
  const problems = result.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const issues = result.issues.filter((i) => i.severity !== 'error');
  const gate = [...evaluateGate(result.risk, 'low', { unrated: 'fail' }).items];
  return { rows, posture: result.risk.posture, counts, cells: lastCells.cells, problems, issues, gate, mitigations: [...result.risk.mitigations], result, millis: performance.now() - started };
}

/**
 * An analysis as the worker sends it to the page: each row's threat (its facts, questions and
 * texts, most of the bulk) as JSON text. Copying thousands of nested objects between threads
 * costs the page far more than copying strings; a threat is read back when it is looked at.
 */
export interface PackedAnalysis {
  rows: (Omit<ThreatRow, 'threat'> & { threat: string })[];
  posture: Posture;
  counts: ThreatCounts;
  cells: CellBands;
  problems: string[];
  issues: Issue[];
  gate: GateItem[];
  mitigations: AssessedMitigation[];
  millis: number;
}

export function packAnalysis(a: Analysis): PackedAnalysis {
  return { rows: a.rows.map((r) => ({ ...r, threat: JSON.stringify(r.threat) })), posture: a.posture, counts: a.counts, cells: a.cells, problems: a.problems, issues: a.issues, gate: a.gate, mitigations: a.mitigations, millis: a.millis };
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
  return { rows, posture: p.posture, counts: p.counts, cells: p.cells, problems: p.problems, issues: p.issues, gate: p.gate, mitigations: p.mitigations, millis: p.millis, result: undefined };
}

/** What a row's band is filtered by: a band, or "unrated" for a threat without one. */
export type BandFilter = Band | 'unrated';

export interface ThreatFilter {
  element?: string | undefined;
  category?: string | undefined;
  band?: BandFilter | undefined;
  /** Where it stands (open: what the counts call open). */
  standing?: Standing | undefined;
  /** Its status in the model. */
  status?: ThreatStatus | undefined;
  text?: string | undefined;
}

/** The filter the threats panel opens with: the open threats, the ones every count counts. */
export const OPEN_FILTER: ThreatFilter = { standing: 'open' };

export function filterRows(rows: readonly ThreatRow[], f: ThreatFilter): ThreatRow[] {
  const text = f.text?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.element === undefined || r.elements.includes(f.element)) &&
      (f.category === undefined || r.category === f.category) &&
      (f.band === undefined || (r.band ?? 'unrated') === f.band) &&
      (f.standing === undefined || r.standing === f.standing) &&
      (f.status === undefined || r.status === f.status) &&
      (!text || `${r.key} ${r.title} ${r.message}`.toLowerCase().includes(text)),
  );
}

export interface Heatmap {
  /** Threats per residual likelihood (rows 5..1) × impact (columns 1..5). */
  grid: number[][];
  /** Counted but without a band: no likelihood and impact, nor another score. */
  unrated: number;
  /** Rated by a method without a 1–5 likelihood and impact (CVSS, OWASP factors): not on the grid. */
  offGrid: number;
}

/**
 * Where the threats the posture counts sit on the grid: the open ones (standing `open`), and with
 * `includeClosed` the mitigated, accepted, transferred and dismissed ones too; baseline entries never.
 * Placed, unrated and off-grid add up to what the posture counts.
 */
export function heatmap(rows: readonly ThreatRow[], includeClosed = false): Heatmap {
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let unrated = 0;
  let offGrid = 0;
  for (const r of rows) {
    if ((!includeClosed && !isOpenRow(r)) || isBaselineRow(r)) continue;
    if (r.band === undefined) unrated++;
    else if (r.likelihood === undefined || r.impact === undefined) offGrid++;
    else {
      const row = grid[5 - r.likelihood];
      if (row) row[r.impact - 1] = (row[r.impact - 1] ?? 0) + 1;
    }
  }
  return { grid, unrated, offGrid };
}

/** What an element's badge shows: how many open threats it has and the worst band among them ("unrated" when none has a band). */
export interface Badge {
  band: Band | 'unrated';
  count: number;
  unrated: number;
}

/** The worst open band per element, for badges on the diagram; baseline entries are questions and badge nothing. */
export function worstBandByElement(rows: readonly ThreatRow[]): Map<string, Badge> {
  const rank: Record<Badge['band'], number> = { critical: 0, high: 1, medium: 2, low: 3, unrated: 4 };
  const out = new Map<string, Badge>();
  for (const r of rows) {
    if (!isOpenRow(r) || isBaselineRow(r)) continue;
    const band = r.band ?? 'unrated';
    const unrated = r.band === undefined ? 1 : 0;
    for (const e of r.elements) {
      const cur = out.get(e);
      if (!cur) out.set(e, { band, count: 1, unrated });
      else out.set(e, { band: rank[band] < rank[cur.band] ? band : cur.band, count: cur.count + 1, unrated: cur.unrated + unrated });
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
