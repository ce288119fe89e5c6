/**
 * The analysis result as JSON: versioned, deterministic (fixed key order, sorted lists, no timestamps
 * beyond the report date). Baseline entries stay in `threats` with `confidence: "baseline"`; the
 * summary counts them apart (`summary.baseline`), and its `posture` is core's, the same numbers as
 * `analyze --format json` (`counts`, `risk.posture`) and `check --format json` (`posture`). Each
 * threat carries why it was found (`facts`), what would close it (`closesWhen`) and its rule's
 * `cwe` and `capec` references.
 */
import type { ReportData } from '../data/types.js';
import { isBaseline } from '../data/types.js';

/** Bump on an incompatible change of the shape below. */
export const RESULT_JSON_VERSION = 2;

export function toJson(data: ReportData): string {
  const m = data.model;
  const out = {
    version: RESULT_JSON_VERSION,
    generator: { name: 'threatwright', version: data.meta.toolVersion },
    model: { file: data.meta.file, system: m.system.name, version: m.system.version ?? null, revision: data.meta.revision ?? null, date: data.meta.date },
    scoring: data.scoringMethod,
    summary: {
      threats: data.threats.filter((t) => !isBaseline(t)).length,
      open: data.posture.open.total,
      baseline: data.posture.baseline.total,
      posture: data.posture,
      mitigations: (m.mitigations ?? []).length,
      questions: data.questions.length,
    },
    threats: data.threats.map((t) => ({
      id: t.id,
      fingerprint: t.fingerprint,
      source: t.source,
      rule: t.ruleId,
      title: t.title,
      description: t.description,
      category: t.category ?? null,
      confidence: t.confidence,
      elements: t.elements,
      assets: t.assets,
      likelihood: t.likelihood ?? null,
      impact: t.impact ?? null,
      score: t.score ?? null,
      band: t.band ?? null,
      residual: t.residual ?? null,
      status: t.status,
      standing: t.standing,
      owner: t.owner ?? null,
      identified: t.identified ?? null,
      mitigations: t.mitigations.map((x) => x.id),
      justification: t.justification ?? null,
      acceptedBy: t.acceptedBy ?? null,
      expires: t.expires ?? null,
      ticket: t.ticket ?? null,
      references: t.references,
      facts: t.facts,
      closesWhen: t.closesWhen,
      cwe: t.cwe,
      capec: t.capec,
    })),
    mitigations: [...(m.mitigations ?? [])]
      .sort((a, b) => a.id.localeCompare(b.id, 'en'))
      .map((x) => ({
        id: x.id,
        title: x.title,
        strategy: x.strategy ?? null,
        status: x.status ?? null,
        owner: x.owner ?? null,
        due: x.due ?? null,
        threats: data.threats.filter((t) => t.mitigations.some((tm) => tm.id === x.id)).map((t) => t.id),
        acceptance: x.acceptance === undefined ? [] : Array.isArray(x.acceptance) ? x.acceptance : [x.acceptance],
        verification: x.verification?.test === undefined ? [] : Array.isArray(x.verification.test) ? x.verification.test : [x.verification.test],
        evidence: x.verification?.evidence ?? null,
      })),
    questions: data.questions.map((q) => ({ id: q.id, subject: q.subject, text: q.text })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
