/**
 * The threats an export writes, and the words a derived one carries where the target has only free
 * text. Manual threats are the model's entries; derived threats are the analysis's findings with the
 * decision recorded about each (by fingerprint) and its residual band, highest risk first (the order
 * core gives every output). Baseline entries are questions, not threats: left out unless asked for.
 */
import { analyze, bandName, compareRisk, rankableOf, type AnalysisResult, type AssessedThreat, type Band, type Mitigation, type Model, type RuleInfo, type Threat, type ThreatEntry, type ThreatStatus } from '@threatwright/core';
import type { ExportOptions } from '../types.js';
import type { ReportBuilder } from './report.js';
import { own } from './data.js';

export interface ExportedThreat {
  readonly threat: Threat;
  /** Its assessment (residual band, disposition), when the analysis has one. */
  readonly assessed: AssessedThreat | undefined;
  /** The model's entry: the manual threat itself, or the decision about a derived one (undefined while undecided). */
  readonly entry: ThreatEntry | undefined;
  readonly rule: RuleInfo | undefined;
}

export interface ExportThreats {
  readonly analysis: AnalysisResult;
  /** Derived threats to write, highest risk first. */
  readonly derived: readonly ExportedThreat[];
  /** Manual threats by id, for their bands. */
  readonly manual: ReadonlyMap<string, ExportedThreat>;
  /** Baseline entries left out: those without a decision or a mitigation, unless `includeBaseline`. */
  readonly baselineLeftOut: readonly ExportedThreat[];
  /** Fingerprints of the derived threats written. */
  readonly written: ReadonlySet<string>;
}

const rankable = (x: ExportedThreat) => (x.assessed ? rankableOf(x.assessed) : { id: x.threat.id, confidence: x.threat.confidence });

export function threatsForExport(model: Model, options: ExportOptions = {}): ExportThreats {
  const analysis = options.analysis ?? analyze(model);
  const entries = model.threats ?? [];
  const assessedById = new Map(analysis.risk.threats.map((a) => [a.id, a]));
  const derived: ExportedThreat[] = [];
  const baselineLeftOut: ExportedThreat[] = [];
  const manual = new Map<string, ExportedThreat>();
  for (let i = 0; i < analysis.threats.length; i++) {
    const threat = analysis.threats[i] as Threat;
    // The assessment lists the threats in the analysis's order; by id when a caller's lists differ.
    const at = analysis.risk.threats[i];
    const x: ExportedThreat = {
      threat,
      assessed: at?.id === threat.id ? at : assessedById.get(threat.id),
      entry: threat.entry !== undefined ? entries[threat.entry] : undefined,
      rule: threat.ruleId !== undefined ? (own(analysis.rules, threat.ruleId) as RuleInfo | undefined) : undefined,
    };
    if (threat.source === 'manual') manual.set(threat.id, x);
    // A baseline entry someone decided about, or linked a mitigation to, is written with it, so the decision travels in every format.
    else if (threat.confidence === 'baseline' && options.includeBaseline !== true && !threat.decided && threat.mitigations.length === 0) baselineLeftOut.push(x);
    else derived.push(x);
  }
  derived.sort((a, b) => compareRisk(rankable(a), rankable(b)));
  return { analysis, derived, manual, baselineLeftOut, written: new Set(derived.map((x) => x.threat.id)) };
}

/** Counts what the model and its analysis hold, as an export report's `found`. */
export function reportFound(report: ReportBuilder, model: Model, threats: ExportThreats): void {
  const derived = threats.derived.filter((x) => x.threat.confidence !== 'baseline').length;
  for (const [kind, n] of [
    ['components', model.components?.length ?? 0],
    ['flows', model.flows?.length ?? 0],
    ['boundaries', model.boundaries?.length ?? 0],
    ['assets', model.assets?.length ?? 0],
    ['threats', threats.manual.size],
    ['derived threats', derived],
    ['baseline entries', threats.derived.length - derived + threats.baselineLeftOut.length],
    ['decisions', (model.threats ?? []).filter((t) => t.fingerprint !== undefined).length],
    ['mitigations', model.mitigations?.length ?? 0],
  ] as const) {
    if (n > 0) report.found(kind, n);
  }
}

/**
 * The notes every exporter gives about derived threats: baseline entries left out, and decisions
 * about findings the model no longer produces, which `stale` says what the target does with.
 */
export function reportLeftOut(report: ReportBuilder, model: Model, threats: ExportThreats, stale: { kept: string } | { dropped: string }): void {
  const n = threats.baselineLeftOut.length;
  if (n > 0) report.dropped(`${n} baseline ${n === 1 ? 'entry' : 'entries'}`, 'they are questions the model does not answer yet, not threats (use --include-baseline; an entry with a decision or a mitigation is exported with it)');
  const findings = new Set(threats.analysis.threats.filter((t) => t.source !== 'manual').map((t) => t.id));
  const list = (model.threats ?? []).filter((t) => t.fingerprint !== undefined && !findings.has(t.fingerprint)).map((t) => t.fingerprint ?? '');
  if (list.length === 0) return;
  const subject = `${list.length} decision(s) about findings the model no longer produces`;
  if ('kept' in stale) report.adjusted(subject, `${list.join(', ')}: no threat to attach them to; ${stale.kept} (run analyze to see why they are stale)`);
  else report.dropped(subject, `${list.join(', ')}: ${stale.dropped} (run analyze to see why they are stale)`);
}

const CLOSED: ReadonlySet<ThreatStatus> = new Set(['mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable']);
/** A status that records that someone decided: anything but open and in progress. */
export const isSettled = (status: ThreatStatus | undefined): boolean => status !== undefined && CLOSED.has(status);

/** "Risk: P0 critical (likelihood 4 × impact 4 = 16)", with the band before mitigations when they lowered it. */
export function riskLine(x: ExportedThreat): string | undefined {
  const risk = x.assessed?.risk;
  const r = risk?.residual;
  if (!risk || !r) return risk?.problems[0] !== undefined ? `Risk: unrated (${risk.problems[0]})` : undefined;
  const how = r.likelihood !== undefined && r.impact !== undefined && r.value !== undefined ? ` (likelihood ${r.likelihood} × impact ${r.impact} = ${r.value})` : r.value !== undefined ? ` (score ${r.value})` : '';
  const before = risk.inherent && risk.inherent.band !== r.band ? `; ${bandName(risk.inherent.band)} before the implemented mitigations` : '';
  return `Risk: ${bandName(r.band)}${how}${before}`;
}

/** The decision recorded about a threat, in lines: status and response, who, until when, why. */
export function decisionLines(x: ExportedThreat): string[] {
  const d = x.entry;
  if (!d || (x.threat.source === 'manual' && d.status === undefined)) return [];
  const who = [
    d.accepted_by !== undefined ? `accepted by ${d.accepted_by}` : undefined,
    d.transfer_to !== undefined ? `transferred to ${d.transfer_to}` : undefined,
    d.expires !== undefined ? `until ${d.expires}` : undefined,
    d.owner !== undefined ? `owner ${d.owner}` : undefined,
    d.ticket !== undefined ? `ticket ${d.ticket}` : undefined,
  ].filter((s) => s !== undefined);
  const lines = [`Decision: ${d.status ?? 'open'}${d.response !== undefined ? ` (response: ${d.response})` : ''}${who.length > 0 ? `, ${who.join(', ')}` : ''}.`];
  if (d.justification !== undefined) lines.push(`Justification: ${d.justification}`);
  if (x.threat.expired === true) lines.push(`The decision expired on ${d.expires ?? ''}: the threat is open again until someone revisits it.`);
  return lines;
}

/**
 * A derived threat's description for a target with free text only: what the rule found, why, what
 * closes it, its risk and the decision about it, and the rule and fingerprint it comes from.
 */
export function derivedDescription(x: ExportedThreat): string {
  const t = x.threat;
  const lines = [t.message];
  if (t.facts.length > 0) lines.push(`Why: ${t.facts.map((f) => f.text).join('; ')}.`);
  const questions = t.unstated.map((u) => u.question);
  if (t.confidence === 'possible') lines.push(`Possible: it rests on what the model does not say yet. ${questions.join(' ')}`.trim());
  if (t.confidence === 'baseline') lines.push(`Baseline entry: a question the model does not answer yet, not an established threat. ${questions.join(' ')}`.trim());
  if (t.closesWhen.length > 0) lines.push(`Closes when: ${t.closesWhen.map((w) => `${w.subject} ${w.key}: ${String(w.value)}`).join(', ')}.`);
  const risk = riskLine(x);
  if (risk) lines.push(risk);
  for (const line of decisionLines(x)) lines.push(line);
  lines.push(`Found by rule ${t.ruleId ?? ''}; fingerprint ${t.id}.`);
  return lines.join('\n\n');
}

/** The mitigations a threat has in the model (title, id, status), else what its rule suggests. */
export function mitigationText(x: ExportedThreat, mitigations: ReadonlyMap<string, Mitigation>): string {
  const linked = x.threat.mitigations.map((id) => mitigations.get(id)).filter((m) => m !== undefined);
  if (linked.length > 0) return linked.map((m) => `${m.title} (${m.id}, ${m.status ?? 'proposed'})`).join('\n');
  const suggested = x.rule?.mitigations ?? [];
  if (suggested.length === 0) return '';
  return ['Suggested by the rule:', ...suggested.map((m) => `- ${m.title}. Done when: ${m.acceptance}`)].join('\n');
}

/** The residual band, when the threat is rated. */
export function bandOf(x: ExportedThreat | undefined): Band | undefined {
  return x?.assessed?.band;
}
