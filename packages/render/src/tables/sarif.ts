/**
 * SARIF 2.1.0 for code-scanning tools: each open (or accepted) threat is a result located at the
 * line of the model file that declares it, with rule metadata, a severity and a stable partial
 * fingerprint, so pull requests that touch the model get annotated and alerts survive edits elsewhere.
 * Baseline entries (questions the model does not answer yet) are results of level `note`, whatever
 * their band, so a code-scanning gate on errors and warnings sees the findings only.
 */
import type { ThreatStatus } from '@threatwright/core';
import type { Band } from '../diagrams/graph.js';
import { isBaseline, type ReportData, type RuleInfo, type ThreatView } from '../data/types.js';
import { bandText } from '../data/risk.js';
import { elementNames } from './names.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `partialFingerprints`; bump the version if the fingerprint scheme changes. */
export const FINGERPRINT_KEY = 'threatwrightFingerprint/v1';

const LEVEL: Record<Band, 'error' | 'warning' | 'note'> = { P0: 'error', P1: 'error', P2: 'warning', P3: 'note' };
/** GitHub's `security-severity` (0–10): >9 critical, ≥7 high, ≥4 medium, else low. */
const SECURITY_SEVERITY: Record<Band, number> = { P0: 9.5, P1: 8.0, P2: 5.5, P3: 2.0 };
/** Resolved threats are left out (the alert closes); decided-not-to-fix ones are reported as suppressed. */
const LEFT_OUT: readonly ThreatStatus[] = ['mitigated'];
const SUPPRESSED: readonly ThreatStatus[] = ['accepted', 'transferred', 'false-positive', 'not-applicable'];

function ruleIdOf(t: ThreatView): string {
  return t.source === 'manual' ? `threat/${t.id}` : t.ruleId;
}

function uriOf(file: string): string {
  return file.split(/[\\/]/u).map(encodeURIComponent).join('/');
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; 'security-severity': string; precision: string; 'problem.severity': string };
}

function pascal(text: string): string {
  const words = text.match(/[A-Za-z0-9]+/gu) ?? ['Threat'];
  return words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
}

export function toSarif(data: ReportData): string {
  const name = elementNames(data.model);
  const info = new Map<string, RuleInfo>(data.rules.map((r) => [r.id, r]));
  const reported = data.threats.filter((t) => !LEFT_OUT.includes(t.status));
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const worst = new Map<string, Band>();
  /** Rules whose every result is a baseline entry: their default level is `note` too. */
  const baselineOnly = new Map<string, boolean>();
  for (const t of reported) baselineOnly.set(ruleIdOf(t), (baselineOnly.get(ruleIdOf(t)) ?? true) && isBaseline(t));
  for (const t of reported) {
    const id = ruleIdOf(t);
    const band = t.band ?? 'P2';
    const prev = worst.get(id);
    if (!prev || band < prev) worst.set(id, band);
  }
  for (const t of reported) {
    const id = ruleIdOf(t);
    if (ruleIndex.has(id)) continue;
    const r = info.get(t.ruleId);
    const band = worst.get(id) ?? 'P2';
    const title = r?.title ?? t.title;
    const description = r?.description ?? (t.description || t.title);
    const tags = ['security', 'threat-model', ...(t.category ? [t.category] : []), ...(r?.cwe ?? []).map((c) => (/^CWE-/iu.test(c) ? c.toUpperCase() : `CWE-${c}`)), ...(r?.capec ?? [])];
    ruleIndex.set(id, rules.length);
    rules.push({
      id,
      name: pascal(title),
      shortDescription: { text: title },
      fullDescription: { text: description },
      ...(r?.helpUri ? { helpUri: r.helpUri } : {}),
      help: { text: `${description}\n\nDecide in the model file: add a mitigation, or record a decision under threats: with fingerprint, status and justification.` },
      defaultConfiguration: { level: baselineOnly.get(id) === true ? 'note' : LEVEL[band] },
      properties: baselineOnly.get(id) === true
        ? { tags: [...tags, 'baseline'], 'security-severity': SECURITY_SEVERITY.P3.toFixed(1), precision: 'low', 'problem.severity': 'recommendation' }
        : { tags, 'security-severity': SECURITY_SEVERITY[band].toFixed(1), precision: t.source === 'manual' ? 'high' : 'medium', 'problem.severity': LEVEL[band] === 'note' ? 'recommendation' : LEVEL[band] },
    });
  }
  const results = reported.map((t) => {
    const loc = data.locate(t.path);
    const file = loc?.file ?? data.meta.file;
    const elements = t.elements.map((e) => `${e} ${name(e)}`).join(', ');
    const mitigations = t.mitigations.map((m) => `${m.id} ${m.title} (${m.status ?? 'proposed'})`).join('; ');
    const text = [`${t.title}${elements ? ` — ${elements}` : ''}.`, t.description, t.facts.length > 0 ? `Why: ${t.facts.join('; ')}.` : '', t.closesWhen.length > 0 ? `Closes when: ${t.closesWhen.join(', ')}.` : '', isBaseline(t) && t.questions.length > 0 ? `Baseline question${t.questions.length === 1 ? '' : 's'}: ${t.questions.join(' ')}` : '', t.score !== undefined ? `Risk ${bandText(t.band)} (${t.score}: likelihood ${t.likelihood ?? '?'} × impact ${t.impact ?? '?'})${t.residual && t.residual.score !== t.score ? `; residual ${bandText(t.residual.band)} (${t.residual.score})` : ''}.` : 'Unrated: no likelihood and impact.', mitigations ? `Mitigations: ${mitigations}.` : 'No mitigation yet.']
      .filter((s) => s !== '')
      .join(' ');
    const suppressed = SUPPRESSED.includes(t.status);
    return {
      ruleId: ruleIdOf(t),
      ruleIndex: ruleIndex.get(ruleIdOf(t)) ?? 0,
      level: isBaseline(t) ? 'note' : t.band ? LEVEL[t.band] : 'warning',
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(file) },
            ...(loc ? { region: { startLine: loc.line, startColumn: loc.column } } : {}),
          },
          logicalLocations: t.elements.map((e) => ({ name: e, fullyQualifiedName: `${data.model.system.name}/${e}`, kind: 'element' })),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: t.fingerprint },
      properties: {
        fingerprint: t.fingerprint,
        status: t.status,
        confidence: t.confidence,
        category: t.category ?? null,
        likelihood: t.likelihood ?? null,
        impact: t.impact ?? null,
        score: t.score ?? null,
        band: t.band ?? null,
        facts: t.facts,
        closesWhen: t.closesWhen,
      },
      ...(suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${t.status}${t.justification ? `: ${t.justification}` : ''}${t.acceptedBy ? ` (by ${t.acceptedBy})` : ''}` }] } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Threatwright', version: data.meta.toolVersion, semanticVersion: data.meta.toolVersion, rules } },
        automationDetails: { id: `threatwright/${uriOf(data.meta.file)}/` },
        properties: { modelFile: data.meta.file, modelRevision: data.meta.revision ?? null, scoring: data.scoringMethod },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
