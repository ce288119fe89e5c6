/**
 * Builds the renderers' input from the model and the analysis: manual threats plus derived
 * findings, each merged with the decision recorded in the model under its fingerprint, linked to
 * its mitigations and scored through one swappable function.
 */
import { compareRisk, postureOf, type History, type Mitigation, type Model, type SourceLocation, type Standing, type ThreatCategory, type ThreatEntry, type ThreatStatus } from '@threatwright/core';
import { BAND_OF, SCORING_METHOD, scoreLxI, type ScoreFn } from './risk.js';
import type { QuestionView, ReportData, ReportMeta, ThreatView } from './types.js';

/** A threat as the analysis returns it after the triage merge (core's `Threat` satisfies it). */
export interface AnalysisThreatInput {
  readonly id: string;
  readonly source: 'rule' | 'custom-rule' | 'manual';
  readonly ruleId?: string;
  readonly title: string;
  readonly message: string;
  readonly category?: ThreatCategory;
  readonly elements: readonly string[];
  readonly assets: readonly string[];
  readonly likelihood?: number;
  readonly impact?: number;
  readonly status: ThreatStatus;
  readonly justification?: string;
  readonly owner?: string;
  readonly ticket?: string;
  readonly expires?: string;
  readonly mitigations: readonly string[];
  readonly references?: readonly string[];
  /** Index of its entry in the model's `threats:` list (manual threat or decision). */
  readonly entry?: number;
  /** `confirmed`, `possible` or `baseline` (core's `Confidence`); a manual threat is confirmed. */
  readonly confidence?: 'confirmed' | 'possible' | 'baseline';
  /** The properties it rests on that the model does not state, each with its question. */
  readonly unstated?: readonly { readonly question: string }[];
  /** The facts the rule relied on, each worded (core's `Fact.text`). */
  readonly facts?: readonly { readonly text: string }[];
  /** The property values that would close it (core's `Closing`). */
  readonly closesWhen?: readonly { readonly subject: string; readonly key: string; readonly value: unknown }[];
}

/** A score from the risk assessment (core's `Score`). */
export interface RiskScoreInput {
  readonly priority: 'P0' | 'P1' | 'P2' | 'P3';
  readonly value?: number;
  readonly likelihood?: number;
  readonly impact?: number;
  readonly explanation: string;
}

/** The part of core's `AnalysisResult` the renderers read. */
export interface AnalysisInput {
  /** The risk assessment: inherent and residual scores by the model's method and bands. */
  readonly risk?: {
    readonly threats: readonly { readonly id: string; readonly standing?: Standing; readonly risk: { readonly inherent?: RiskScoreInput; readonly residual?: RiskScoreInput } }[];
    readonly settings: { readonly method: string; readonly bands: { readonly critical: number; readonly high: number; readonly medium: number } };
    /** Each mitigation's effective state: implemented, overdue, and what its tests said. */
    readonly mitigations?: readonly { readonly id: string; readonly implemented: boolean; readonly overdue: boolean; readonly daysOverdue?: number; readonly verification: string; readonly verificationSummary?: string }[];
  };
  readonly threats: readonly AnalysisThreatInput[];
  readonly questions: readonly { readonly id: string; readonly subject: string; readonly text: string; readonly affects?: readonly string[] }[];
  readonly rules: Readonly<Record<string, { readonly id: string; readonly title: string; readonly description: string; readonly category: ThreatCategory; readonly references: { readonly cwe?: readonly number[] | undefined; readonly capec?: readonly number[] | undefined; readonly links?: readonly string[] | undefined }; readonly mitigations?: readonly { readonly title: string; readonly acceptance: string; readonly verification: string }[] }>>;
}

export interface BuildOptions {
  /** The analysis result; without it, only the model's manual threats are shown. */
  analysis?: AnalysisInput;
  meta?: Partial<ReportMeta>;
  locate?: (path: readonly (string | number)[]) => SourceLocation | undefined;
  score?: ScoreFn;
  scoringMethod?: string;
  /** The model's history from git, copied onto the data (`report --history`). */
  history?: History;
}

const DONE: readonly Mitigation['status'][] = ['implemented', 'verified'];

function clamp(n: number): number {
  return Math.max(1, Math.min(5, n));
}

export function buildReportData(model: Model, options: BuildOptions = {}): ReportData {
  const score = options.score ?? scoreLxI;
  const entries = model.threats ?? [];
  const componentIndex = new Map((model.components ?? []).map((c, i) => [c.id, i]));
  const flowIndex = new Map((model.flows ?? []).map((f, i) => [f.id, i]));
  const mitigationById = new Map((model.mitigations ?? []).map((m) => [m.id, m]));

  const elementPath = (elements: readonly string[]): (string | number)[] => {
    for (const id of elements) {
      const c = componentIndex.get(id);
      if (c !== undefined) return ['components', c];
      const f = flowIndex.get(id);
      if (f !== undefined) return ['flows', f];
    }
    return [];
  };
  const mitigationsFor = (keys: readonly string[], listed: readonly string[] | undefined): Mitigation[] => {
    const out = new Map<string, Mitigation>();
    for (const id of listed ?? []) {
      const m = mitigationById.get(id);
      if (m) out.set(m.id, m);
    }
    for (const m of model.mitigations ?? []) if (m.threats?.some((t) => keys.includes(t))) out.set(m.id, m);
    return [...out.values()];
  };

  const view = (base: {
    id: string;
    fingerprint: string;
    source: ThreatView['source'];
    ruleId: string;
    title: string;
    description: string;
    category: ThreatCategory | undefined;
    elements: readonly string[];
    assets: readonly string[];
    likelihood: number | undefined;
    impact: number | undefined;
    decision: ThreatEntry | undefined;
    path: (string | number)[];
    confidence?: ThreatView['confidence'] | undefined;
    questions?: readonly string[];
    facts?: readonly string[];
    closesWhen?: readonly string[];
    cwe?: readonly string[];
    capec?: readonly string[];
  }): ThreatView => {
    const d = base.decision;
    const likelihood = d?.likelihood ?? base.likelihood;
    const impact = d?.impact ?? base.impact;
    const s = score(likelihood, impact);
    const mitigations = mitigationsFor([base.id, base.fingerprint], d?.mitigations);
    let residual: ThreatView['residual'];
    if (likelihood !== undefined && impact !== undefined) {
      let l = likelihood;
      let i = impact;
      for (const m of mitigations) {
        if (!DONE.includes(m.status)) continue;
        l -= m.reduces?.likelihood ?? 0;
        i -= m.reduces?.impact ?? 0;
      }
      const r = score(clamp(l), clamp(i));
      if (r) residual = { likelihood: clamp(l), impact: clamp(i), score: r.score, band: r.band };
    }
    const status: ThreatStatus = d?.status ?? 'open';
    const implemented = mitigations.some((m) => DONE.includes(m.status));
    return {
      id: base.id,
      fingerprint: base.fingerprint,
      source: base.source,
      ruleId: base.ruleId,
      title: d?.title ?? base.title,
      description: d?.description ?? base.description,
      category: d?.category ?? base.category,
      elements: [...base.elements],
      assets: [...(d?.assets ?? base.assets)],
      likelihood,
      impact,
      score: s?.score,
      band: s?.band,
      residual,
      status,
      standing: standingOfStatus(status, implemented),
      owner: d?.owner ?? mitigations.find((m) => m.owner)?.owner,
      identified: d?.identified,
      mitigations,
      references: [...(d?.references ?? [])],
      justification: d?.justification,
      acceptedBy: d?.accepted_by,
      expires: d?.expires,
      ticket: d?.ticket,
      path: base.path,
      confidence: base.confidence ?? 'confirmed',
      questions: [...(base.questions ?? [])],
      facts: [...(base.facts ?? [])],
      closesWhen: [...(base.closesWhen ?? [])],
      cwe: [...(base.cwe ?? [])],
      capec: [...(base.capec ?? [])],
    };
  };

  const threats: ThreatView[] = [];
  const assessed = new Map((options.analysis?.risk?.threats ?? []).map((a) => [a.id, a]));
  if (options.analysis) {
    const rules = options.analysis.rules;
    for (const t of options.analysis.threats) {
      const entry = t.entry !== undefined ? entries[t.entry] : undefined;
      const manual = t.source === 'manual';
      const ruleId = manual ? 'manual' : (t.ruleId ?? t.id.split('@')[0] ?? t.id);
      const refs = manual ? undefined : Object.hasOwn(rules, ruleId) ? rules[ruleId]?.references : undefined;
      threats.push(
        view({
          id: t.id,
          fingerprint: t.id,
          source: manual ? 'manual' : 'derived',
          ruleId,
          title: t.title,
          description: t.message,
          category: t.category,
          elements: t.elements,
          assets: t.assets,
          likelihood: t.likelihood,
          impact: t.impact,
          // The analysis has merged the decision already; the entry adds what it does not carry.
          decision: { ...entry, status: t.status, mitigations: [...t.mitigations], ...(t.owner !== undefined ? { owner: t.owner } : {}), ...(t.justification !== undefined ? { justification: t.justification } : {}), ...(t.expires !== undefined ? { expires: t.expires } : {}), ...(t.ticket !== undefined ? { ticket: t.ticket } : {}), ...(t.references !== undefined ? { references: [...t.references] } : {}), title: t.title, description: t.message, likelihood: undefined, impact: undefined },
          path: t.entry !== undefined ? ['threats', t.entry] : elementPath(t.elements),
          confidence: manual ? 'confirmed' : t.confidence,
          questions: (t.unstated ?? []).map((u) => u.question),
          facts: (t.facts ?? []).map((f) => f.text),
          closesWhen: (t.closesWhen ?? []).map(closingText),
          cwe: cweList(refs?.cwe),
          capec: capecList(refs?.capec),
        }),
      );
      const a = assessed.get(t.id);
      const risk = options.score ? undefined : a?.risk;
      const last = threats[threats.length - 1];
      // The assessment decides where a threat stands (an acceptance without who, why and until when stays open).
      if (a?.standing !== undefined && last) last.standing = a.standing;
      if (risk && last) {
        // The assessment scored it with the model's method and bands: that is the truth for every output.
        const { inherent, residual } = risk;
        last.band = inherent?.priority;
        last.score = inherent?.value;
        if (inherent?.likelihood !== undefined) last.likelihood = inherent.likelihood;
        if (inherent?.impact !== undefined) last.impact = inherent.impact;
        last.residual = residual ? { likelihood: residual.likelihood ?? 0, impact: residual.impact ?? 0, score: residual.value ?? 0, band: residual.priority } : undefined;
      }
    }
  } else {
    entries.forEach((entry, index) => {
      if (entry.fingerprint !== undefined || entry.id === undefined) return;
      threats.push(
        view({
          id: entry.id,
          fingerprint: entry.id,
          source: 'manual',
          ruleId: 'manual',
          title: entry.title ?? entry.id,
          description: entry.description ?? '',
          category: entry.category,
          elements: entry.elements ?? [],
          assets: entry.assets ?? [],
          likelihood: entry.likelihood,
          impact: entry.impact,
          decision: entry,
          path: ['threats', index],
        }),
      );
    });
  }
  threats.sort(compareThreats);

  const questions: QuestionView[] = (options.analysis?.questions ?? []).map((q) => ({ id: q.id, subject: q.subject, text: q.text, affects: [...(q.affects ?? [])] }));
  for (const a of model.assumptions ?? []) {
    if (a.status === undefined || a.status === 'open') questions.push({ id: a.id, subject: a.owner ?? 'assumption', text: `Is this true? ${a.text}`, affects: [] });
  }

  return {
    model,
    threats,
    questions,
    // Counted by core's posture from the same standings and residual bands as the analysis's own.
    posture: postureOf(threats.map((t) => ({ standing: t.standing, band: t.residual ? BAND_OF[t.residual.band] : undefined, confidence: t.confidence }))),
    rules: Object.values(options.analysis?.rules ?? {})
      .map((r) => ({ id: r.id, title: r.title, description: r.description, category: r.category, cwe: cweList(r.references.cwe), capec: capecList(r.references.capec), helpUri: r.references.links?.find((l) => /^https:\/\//u.test(l)), mitigations: (r.mitigations ?? []).map((x) => ({ title: x.title, acceptance: x.acceptance, verification: x.verification })) }))
      .sort((a, b) => a.id.localeCompare(b.id, 'en')),
    meta: {
      file: options.meta?.file ?? 'threatmodel.yaml',
      date: options.meta?.date ?? new Date(0).toISOString().slice(0, 10),
      revision: options.meta?.revision,
      toolVersion: options.meta?.toolVersion ?? '0.0.0-dev',
    },
    scoringMethod: options.scoringMethod ?? (options.analysis?.risk && !options.score ? methodText(options.analysis.risk.settings) : SCORING_METHOD),
    locate: options.locate ?? (() => undefined),
    mitigationState: new Map(
      (options.analysis?.risk?.mitigations ?? []).map((m) => [m.id, { implemented: m.implemented, overdue: m.overdue, daysOverdue: m.daysOverdue, verification: m.verification, summary: m.verificationSummary }]),
    ),
    ...(options.history !== undefined ? { history: options.history } : {}),
  };
}

/** A closing value as the terminal writes it: `C2 csrf_protection: true`. */
export function closingText(c: { readonly subject: string; readonly key: string; readonly value: unknown }): string {
  return `${c.subject} ${c.key}: ${String(c.value)}`;
}

const cweList = (ns: readonly number[] | undefined): string[] => (ns ?? []).map((n) => `CWE-${n}`);
const capecList = (ns: readonly number[] | undefined): string[] => (ns ?? []).map((n) => `CAPEC-${n}`);

function methodText(settings: { method: string; bands: { critical: number; high: number; medium: number } }): string {
  const b = settings.bands;
  const how = settings.method === 'likelihood-impact' ? 'Likelihood × impact on 1–5 scales (1–25)' : `Method: ${settings.method}`;
  return `${how}; bands: critical (P0) from ${b.critical}, high (P1) from ${b.high}, medium (P2) from ${b.medium}, low (P3) below. Residual risk counts only mitigations that are implemented and whose tests did not fail.`;
}

/** Where a threat stands from its status alone, when no assessment says more. */
function standingOfStatus(status: ThreatStatus, implemented: boolean): Standing {
  switch (status) {
    case 'mitigated':
      return implemented ? 'mitigated' : 'open';
    case 'accepted':
    case 'transferred':
      return status;
    case 'false-positive':
    case 'not-applicable':
      return 'dismissed';
    default:
      return 'open';
  }
}

const rankable = (t: ThreatView) => ({ id: t.id, band: t.residual ? BAND_OF[t.residual.band] : undefined, confidence: t.confidence, score: t.residual?.score, impact: t.residual?.impact });

/**
 * Highest risk first, in the order core's compareRisk gives every output (the terminal, check, the
 * editor): the residual band, then within it confirmed before possible before baseline, then the
 * score and impact; unrated last; then by id.
 */
export function compareThreats(a: ThreatView, b: ThreatView): number {
  return compareRisk(rankable(a), rankable(b));
}
