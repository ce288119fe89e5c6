/**
 * AWS Threat Composer (`.tc.json`, schema 1) exporter.
 *
 * Threat Composer holds threats, mitigations, assumptions and their links, and free-text
 * descriptions; it has no diagram elements. So:
 * - manual threats → threats (statement = title; grammar fields from `statement`; category and
 *   `stride:` tags → STRIDE; impact → Priority; description → Comments);
 * - mitigations and assumptions with their links; links to diagram elements are described in
 *   Comments instead;
 * - components, boundaries and flows are written as Markdown lists into the architecture and
 *   data-flow descriptions (unless the model's description already carries those sections);
 * - derived threats → threats tagged `derived` (statement = what the rule found), Priority from the
 *   residual band, their fingerprint and the decision about them in custom metadata, so importing
 *   the file back keeps decisions on the same findings instead of making manual threats;
 * - ids are UUIDs derived from the model ids, so exporting the same model twice gives the same file.
 * Everything that cannot be represented is listed in the returned report.
 */
import { bandLabel, type Band, type Model, type ThreatCategory, type ThreatEntry } from '@threatwright/core';
import type { ExportOptions, ExportReport, Exporter } from '../../types.js';
import { CUSTOM_BAND, CUSTOM_DECISION, CUSTOM_FINGERPRINT, CUSTOM_IMPACT, CUSTOM_LIKELIHOOD, CUSTOM_STATUS, splitDescription, TC_STATUS } from '../../importers/threat-composer/index.js';
import { extent } from '../../shared/data.js';
import { ReportBuilder } from '../../shared/report.js';
import { mapSeverity } from '../../shared/threats.js';
import { bandOf, decisionLines, reportFound, reportLeftOut, riskLine, threatsForExport } from '../../shared/export-threats.js';

const STRIDE_LETTER: Partial<Record<ThreatCategory, 'S' | 'T' | 'R' | 'I' | 'D' | 'E'>> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  'information-disclosure': 'I',
  'denial-of-service': 'D',
  'elevation-of-privilege': 'E',
};

const MITIGATION_STATUS = {
  proposed: 'mitigationIdentified',
  planned: 'mitigationIdentified',
  'in-progress': 'mitigationInProgress',
  implemented: 'mitigationResolved',
  verified: 'mitigationResolved',
} as const;

const THREAT_STATUS = TC_STATUS;

/**
 * Threat Composer's Priority: the residual band (critical and high are both High), or, for a
 * threat without one, its impact (4–5 High, 3 Medium, else Low).
 */
function priorityOf(band: Band | undefined, impact: number | undefined): 'High' | 'Medium' | 'Low' | undefined {
  if (band !== undefined) return band === 'critical' || band === 'high' ? 'High' : (bandLabel(band) as 'Medium' | 'Low');
  return impact === undefined ? undefined : impact >= 4 ? 'High' : impact === 3 ? 'Medium' : 'Low';
}

/** Statuses that survive the way back unchanged (the importer maps them to exactly these). */
const EXACT_THREAT_STATUS = new Set(['open', 'mitigated', 'not-applicable']);
const EXACT_MITIGATION_STATUS = new Set(['proposed', 'in-progress', 'implemented']);

/** Custom metadata keys (Threat Composer allows `custom:*`) that keep what its own fields cannot. */
const CUSTOM = { status: CUSTOM_STATUS, impact: CUSTOM_IMPACT, likelihood: CUSTOM_LIKELIHOOD, fingerprint: CUSTOM_FINGERPRINT, decision: CUSTOM_DECISION, band: CUSTOM_BAND } as const;

/** Schema limits (threat-composer-v1.schema.json). */
const LIMIT = { name: 200, description: 100_000, content: 1000, comment: 1000, grammar: 200, tag: 30 } as const;

type Metadata = { key: string; value: string | string[] };

interface TcThreat {
  id: string;
  numericId: number;
  displayOrder: number;
  statement: string;
  threatSource?: string;
  prerequisites?: string;
  threatAction?: string;
  threatImpact?: string;
  impactedGoal?: string[];
  impactedAssets?: string[];
  metadata?: Metadata[];
  tags?: string[];
  status?: string;
}

interface TcItem {
  id: string;
  numericId: number;
  displayOrder: number;
  content: string;
  metadata?: Metadata[];
  tags?: string[];
  status?: string;
}

/** A UUID v4-shaped, deterministic id for a model id (FNV-1a over four seeds). */
export function stableUuid(key: string): string {
  let hex = '';
  for (const seed of [0x811c9dc5, 0x01000193, 0x2166136, 0x5bd1e995]) {
    let h = seed >>> 0;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995) >>> 0;
    h ^= h >>> 15;
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Escapes text placed inside a Markdown line (never at its start), so names from the model cannot
 * inject links, images, emphasis, code, tables or HTML. Characters that only matter at the start
 * of a line (`#`, `-`, `+`, `1.`) are left alone, which keeps ordinary prose readable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\s*\r?\n\s*/g, ' ');
}

function clip(text: string, max: number, what: string, report: ReportBuilder): string {
  if (text.length <= max) return text;
  report.adjusted(what, `longer than the ${max} characters Threat Composer accepts; cut to ${max}`);
  return `${text.slice(0, max - 1)}…`;
}

/** Numeric ids from model ids (T12 → 12) when unique, else the next free number. */
function numbering(ids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const id of ids) {
    const m = /(\d+)$/.exec(id);
    const n = m ? Number(m[1]) : NaN;
    if (Number.isSafeInteger(n) && !used.has(n)) {
      out.set(id, n);
      used.add(n);
    }
  }
  let next = 1;
  for (const id of ids) {
    if (out.has(id)) continue;
    while (used.has(next)) next++;
    out.set(id, next);
    used.add(next);
  }
  return out;
}

function architectureMarkdown(model: Model): string | undefined {
  const components = model.components ?? [];
  const boundaries = model.boundaries ?? [];
  if (components.length === 0 && boundaries.length === 0) return undefined;
  const lines: string[] = [];
  const nameOf = (id: string | undefined) => boundaries.find((b) => b.id === id)?.name ?? id ?? '';
  if (boundaries.length > 0) {
    lines.push('### Trust boundaries', '');
    for (const b of boundaries) lines.push(`- **${escapeMarkdown(b.name)}** (${escapeMarkdown(b.id)})${b.parent ? `, inside ${escapeMarkdown(nameOf(b.parent))}` : ''}${b.description ? `: ${escapeMarkdown(b.description)}` : ''}`);
    lines.push('');
  }
  if (components.length > 0) {
    lines.push('### Components', '');
    for (const c of components) {
      const facts = [c.kind, c.type, c.tech].filter((s): s is string => s !== undefined).map(escapeMarkdown).join(', ');
      lines.push(`- **${escapeMarkdown(c.name)}** (${escapeMarkdown(c.id)}; ${facts})${c.boundary ? ` in ${escapeMarkdown(nameOf(c.boundary))}` : ''}${c.description ? `: ${escapeMarkdown(c.description)}` : ''}`);
    }
  }
  return lines.join('\n').trim();
}

function dataflowMarkdown(model: Model): string | undefined {
  const flows = model.flows ?? [];
  if (flows.length === 0) return undefined;
  const name = (id: string) => model.components?.find((c) => c.id === id)?.name ?? id;
  const asset = (id: string) => model.assets?.find((a) => a.id === id)?.name ?? id;
  const lines = ['### Data flows', ''];
  for (const f of flows) {
    const facts = [f.protocol, f.encrypted === true ? 'encrypted' : f.encrypted === false ? 'not encrypted' : undefined, f.authenticated === true ? 'authenticated' : f.authenticated === false ? 'not authenticated' : undefined]
      .filter((s): s is string => s !== undefined)
      .map(escapeMarkdown)
      .join(', ');
    const data = (f.data ?? []).map((d) => escapeMarkdown(asset(d))).join(', ');
    lines.push(`- ${escapeMarkdown(f.id)}: **${escapeMarkdown(name(f.from))}** → **${escapeMarkdown(name(f.to))}**${f.label ? ` (${escapeMarkdown(f.label)})` : ''}${facts ? ` — ${facts}` : ''}${data ? `; carries ${data}` : ''}`);
  }
  return lines.join('\n');
}

/** The export itself (synchronous); `exporter.export` is this function. */
export function exportThreatComposer(model: Model, options: ExportOptions = {}): { text: string; report: ExportReport } {
  const report = new ReportBuilder('threat-composer', '1', { keepText: true });
  const parts = splitDescription(model.system.description);

  const manual = (model.threats ?? []).filter((t): t is ThreatEntry & { id: string; title: string } => t.id !== undefined && t.title !== undefined);
  // Derived threats are threats too, each with its fingerprint and the decision about it in custom
  // metadata, so importing the file back turns decisions made in Threat Composer into triage
  // decisions instead of duplicate manual threats.
  const selection = threatsForExport(model, options);
  reportFound(report, model, selection);
  reportLeftOut(report, model, selection, { dropped: 'not exported: Threat Composer holds no threat to attach them to' });
  const derived = selection.derived;
  const derivedIds = selection.written;

  const threatIds = new Set([...manual.map((t) => t.id), ...derivedIds]);
  const mitigationIds = new Set((model.mitigations ?? []).map((m) => m.id));
  const uuid = (kind: string, id: string) => stableUuid(`${kind}:${id}`);
  // By id through maps: every derived threat names its elements, and a large model has tens of thousands.
  const names = new Map<string, string>([...(model.boundaries ?? []).map((b) => [b.id, b.name] as const), ...(model.flows ?? []).map((f) => [f.id, `flow ${f.id}`] as const), ...(model.components ?? []).map((c) => [c.id, c.name] as const)]);
  const elementName = (id: string): string | undefined => names.get(id);
  // ---- threats -------------------------------------------------------------------------------
  const threatNumbers = numbering(manual.map((t) => t.id));
  let droppedCategories = 0;
  const threats: TcThreat[] = manual.map((t, index) => {
    const what = `threat ${t.id}`;
    const out: TcThreat = { id: uuid('threat', t.id), numericId: threatNumbers.get(t.id) ?? index + 1, displayOrder: index + 1, statement: t.title };
    const s = t.statement;
    if (s?.source) out.threatSource = clip(s.source, LIMIT.grammar, `${what} source`, report);
    if (s?.prerequisites) out.prerequisites = clip(s.prerequisites, LIMIT.grammar, `${what} prerequisites`, report);
    if (s?.action) out.threatAction = clip(s.action, LIMIT.grammar, `${what} action`, report);
    if (s?.impact) out.threatImpact = clip(s.impact, LIMIT.grammar, `${what} impact`, report);
    if (s?.goals && s.goals.length > 0) out.impactedGoal = s.goals.map((g) => clip(g, LIMIT.grammar, `${what} goal`, report));
    const assetNames = s?.assets ?? (t.assets ?? []).map((a) => model.assets?.find((x) => x.id === a)?.name ?? a);
    if (assetNames.length > 0) out.impactedAssets = assetNames.map((a) => clip(a, LIMIT.grammar, `${what} asset`, report));
    const metadata: Metadata[] = [];
    const stride: string[] = [];
    const categories = [t.category, ...(t.tags ?? []).filter((tag) => tag.startsWith('stride:')).map((tag) => tag.slice(7) as ThreatCategory)];
    for (const c of categories) {
      if (c === undefined) continue;
      const letter = STRIDE_LETTER[c];
      if (letter && !stride.includes(letter)) stride.push(letter);
      else if (!letter) droppedCategories++;
    }
    if (stride.length > 0) metadata.push({ key: 'STRIDE', value: stride });
    const band = bandOf(selection.manual.get(t.id));
    const priority = priorityOf(band, t.impact);
    if (priority !== undefined) metadata.push({ key: 'Priority', value: priority });
    if (band !== undefined) metadata.push({ key: CUSTOM.band, value: band });
    // Threat Composer's three statuses and three priorities lose detail; custom metadata keeps it for the way back.
    if (t.status && !EXACT_THREAT_STATUS.has(t.status)) metadata.push({ key: CUSTOM.status, value: t.status });
    if (t.impact !== undefined && mapSeverity(priority) !== t.impact) metadata.push({ key: CUSTOM.impact, value: String(t.impact) });
    if (t.likelihood !== undefined) metadata.push({ key: CUSTOM.likelihood, value: String(t.likelihood) });
    const comments: string[] = [];
    if (t.description) comments.push(t.description);
    const elements = (t.elements ?? []).map((e) => (elementName(e) ? `${elementName(e) ?? ''} (${e})` : e));
    if (elements.length > 0) comments.push(`Concerns: ${elements.join(', ')}`);
    if (t.justification) comments.push(`Justification: ${t.justification}`);
    if (comments.length > 0) metadata.push({ key: 'Comments', value: clip(comments.join('\n'), LIMIT.comment, `${what} comments`, report) });
    if (metadata.length > 0) out.metadata = metadata;
    const tags = (t.tags ?? []).filter((tag) => !tag.startsWith('stride:') && tag.trim() !== '').map((tag) => clip(tag, LIMIT.tag, `${what} tag "${tag}"`, report));
    if (tags.length > 0) out.tags = tags;
    if (t.status) out.status = THREAT_STATUS[t.status];
    if (t.status && !EXACT_THREAT_STATUS.has(t.status)) report.adjusted(what, `status "${t.status}" has no Threat Composer equivalent; written as ${THREAT_STATUS[t.status]}, with the exact status in ${CUSTOM.status}`);
    if (t.cvss !== undefined) report.dropped(what, 'its CVSS vector has no place in Threat Composer; not exported');
    return out;
  });
  let next = Math.max(0, extent(threats.map((t) => t.numericId))?.[1] ?? 0) + 1;
  let clipped = 0;
  for (const x of derived) {
    const t = x.threat;
    const metadata: Metadata[] = [];
    const letter = t.category ? STRIDE_LETTER[t.category] : undefined;
    if (letter) metadata.push({ key: 'STRIDE', value: [letter] });
    else if (t.category) droppedCategories++;
    const band = bandOf(x);
    const priority = priorityOf(band, t.impact);
    if (priority !== undefined) metadata.push({ key: 'Priority', value: priority });
    if (band !== undefined) metadata.push({ key: CUSTOM.band, value: band });
    metadata.push({ key: CUSTOM.fingerprint, value: t.id });
    const status = x.entry?.status ?? 'open';
    if (!EXACT_THREAT_STATUS.has(status)) metadata.push({ key: CUSTOM.status, value: status });
    if (x.entry) metadata.push({ key: CUSTOM.decision, value: JSON.stringify(x.entry) });
    const comments = [
      `${t.title} (rule ${t.ruleId ?? ''}).`,
      t.elements.length > 0 ? `Concerns: ${t.elements.map((e) => (elementName(e) ? `${elementName(e) ?? ''} (${e})` : e)).join(', ')}` : undefined,
      t.facts.length > 0 ? `Why: ${t.facts.map((f) => f.text).join('; ')}.` : undefined,
      t.closesWhen.length > 0 ? `Closes when: ${t.closesWhen.map((w) => `${w.subject} ${w.key}: ${String(w.value)}`).join(', ')}.` : undefined,
      riskLine(x),
      ...decisionLines(x),
    ].filter((c): c is string => c !== undefined);
    let comment = comments.join('\n');
    if (comment.length > LIMIT.comment) {
      clipped++;
      comment = `${comment.slice(0, LIMIT.comment - 1)}…`;
    }
    metadata.push({ key: 'Comments', value: comment });
    const out: TcThreat = { id: uuid('threat', t.id), numericId: next++, displayOrder: threats.length + 1, statement: t.message, metadata, tags: [t.confidence === 'baseline' ? 'baseline' : 'derived'], status: THREAT_STATUS[status] };
    const assetNames = t.assets.map((a) => model.assets?.find((y) => y.id === a)?.name ?? a);
    if (assetNames.length > 0) out.impactedAssets = assetNames.map((a) => clip(a, LIMIT.grammar, `finding ${t.id} asset`, report));
    threats.push(out);
    report.mapped(`finding ${t.id}`, `threat ${out.numericId} tagged ${out.tags?.[0] ?? ''}`);
  }
  if (derived.length > 0) {
    report.adjusted(
      `${derived.length} derived threat(s)`,
      `exported as threats tagged "derived", Priority from the residual band (critical and high are both High; the band is kept in ${CUSTOM.band}), with their fingerprint in ${CUSTOM.fingerprint} and the decision about them in ${CUSTOM.decision}; importing the file back keeps only the decisions about them`,
    );
  }
  if (clipped > 0) report.adjusted(`comments of ${clipped} derived threat(s)`, `longer than the ${LIMIT.comment} characters Threat Composer accepts; cut to ${LIMIT.comment}`);
  if (droppedCategories > 0) report.dropped('LINDDUN categories', `${droppedCategories} threat categor(ies) outside STRIDE have no place in Threat Composer's STRIDE metadata`);

  // ---- mitigations ---------------------------------------------------------------------------
  const mitigationList = model.mitigations ?? [];
  const mitigationNumbers = numbering(mitigationList.map((m) => m.id));
  const mitigations: TcItem[] = mitigationList.map((m, index) => {
    const what = `mitigation ${m.id}`;
    const out: TcItem = { id: uuid('mitigation', m.id), numericId: mitigationNumbers.get(m.id) ?? index + 1, displayOrder: index + 1, content: clip(m.title, LIMIT.content, `${what} title`, report) };
    const comments = [m.description, m.owner ? `Owner: ${m.owner}` : undefined, m.due ? `Due: ${m.due}` : undefined, m.ticket ? `Ticket: ${m.ticket}` : undefined].filter((s): s is string => s !== undefined);
    if (comments.length > 0) out.metadata = [{ key: 'Comments', value: clip(comments.join('\n'), LIMIT.comment, `${what} comments`, report) }];
    const tags = (m.tags ?? []).filter((tag) => tag !== 'will-not-action');
    if (tags.length > 0) out.tags = tags.map((tag) => clip(tag, LIMIT.tag, `${what} tag "${tag}"`, report));
    if (m.tags?.includes('will-not-action')) out.status = 'mitigationResolvedWillNotAction';
    else if (m.status) out.status = MITIGATION_STATUS[m.status];
    if (m.status && !EXACT_MITIGATION_STATUS.has(m.status)) out.metadata = [...(out.metadata ?? []), { key: CUSTOM.status, value: m.status }];
    return out;
  });

  // ---- links ---------------------------------------------------------------------------------
  const mitigationLinks: { mitigationId: string; linkedId: string }[] = [];
  const seenLinks = new Set<string>();
  const linkMitigation = (mitigation: string, threat: string) => {
    const key = `${mitigation}\u0000${threat}`;
    if (seenLinks.has(key)) return;
    seenLinks.add(key);
    if (!mitigationIds.has(mitigation)) return;
    if (!threatIds.has(threat)) {
      report.dropped(`link ${mitigation} → ${threat}`, threat.includes('@') ? 'points to a finding the model no longer produces' : 'points to a threat that is not in the model');
      return;
    }
    mitigationLinks.push({ mitigationId: uuid('mitigation', mitigation), linkedId: uuid('threat', threat) });
  };
  for (const m of mitigationList) for (const t of m.threats ?? []) linkMitigation(m.id, t);
  for (const t of manual) for (const m of t.mitigations ?? []) linkMitigation(m, t.id);
  for (const { threat: t } of derived) for (const m of t.mitigations) linkMitigation(m, t.id);

  // ---- assumptions ---------------------------------------------------------------------------
  const assumptionList = model.assumptions ?? [];
  const assumptionNumbers = numbering(assumptionList.map((a) => a.id));
  const assumptionLinks: { type: 'Threat' | 'Mitigation'; assumptionId: string; linkedId: string }[] = [];
  const assumptions: TcItem[] = assumptionList.map((a, index) => {
    const what = `assumption ${a.id}`;
    const out: TcItem = { id: uuid('assumption', a.id), numericId: assumptionNumbers.get(a.id) ?? index + 1, displayOrder: index + 1, content: clip(a.text, LIMIT.content, `${what} text`, report) };
    const other: string[] = [];
    for (const link of a.links ?? []) {
      if (threatIds.has(link)) assumptionLinks.push({ type: 'Threat', assumptionId: out.id, linkedId: uuid('threat', link) });
      else if (mitigationIds.has(link)) assumptionLinks.push({ type: 'Mitigation', assumptionId: out.id, linkedId: uuid('mitigation', link) });
      else other.push(elementName(link) ? `${elementName(link) ?? ''} (${link})` : link);
    }
    if (other.length > 0) report.adjusted(what, `links to ${other.join(', ')} are written into its comments: Threat Composer links assumptions only to threats and mitigations`);
    const comments = [a.description, a.owner ? `Owner: ${a.owner}` : undefined, a.status ? `Status: ${a.status}` : undefined, other.length > 0 ? `Concerns: ${other.join(', ')}` : undefined].filter((s): s is string => s !== undefined);
    if (comments.length > 0) out.metadata = [{ key: 'Comments', value: clip(comments.join('\n'), LIMIT.comment, `${what} comments`, report) }];
    if (a.tags && a.tags.length > 0) out.tags = a.tags.map((tag) => clip(tag, LIMIT.tag, `${what} tag "${tag}"`, report));
    return out;
  });

  // ---- descriptions --------------------------------------------------------------------------
  const architecture = parts.architecture ?? architectureMarkdown(model);
  const dataflow = parts.dataflow ?? dataflowMarkdown(model);
  const counts = (['components', 'flows', 'boundaries'] as const).map((k) => [k, model[k]?.length ?? 0] as const).filter(([, n]) => n > 0);
  if (counts.length > 0) {
    report.adjusted(
      counts.map(([k, n]) => `${n} ${k}`).join(', '),
      parts.architecture || parts.dataflow ? 'Threat Composer has no diagram elements; the architecture and data-flow sections of the system description are written instead' : 'Threat Composer has no diagram elements; they are listed in the architecture and data-flow descriptions',
    );
  }
  for (const [key, label] of [
    ['assets', 'assets'],
    ['dependencies', 'dependencies'],
    ['stakeholders', 'stakeholders'],
    ['attack_trees', 'attack trees'],
  ] as const) {
    const n = model[key]?.length ?? 0;
    if (n === 0) continue;
    if (key === 'assets') report.adjusted(`${n} ${label}`, 'Threat Composer has no asset list; asset names appear in each threat\'s impacted assets');
    else report.dropped(`${n} ${label}`, `Threat Composer has no place for ${label}; not exported`);
  }

  const doc: Record<string, unknown> = {
    schema: 1,
    applicationInfo: {
      name: clip(model.system.name, LIMIT.name, 'system name', report),
      ...(parts.application ? { description: clip(parts.application, LIMIT.description, 'system description', report) } : {}),
    },
    architecture: architecture ? { description: clip(architecture, LIMIT.description, 'architecture description', report) } : {},
    dataflow: dataflow ? { description: clip(dataflow, LIMIT.description, 'data-flow description', report) } : {},
    assumptions,
    mitigations,
    assumptionLinks,
    mitigationLinks,
    threats,
  };
  for (const [kind, n] of [['threats', threats.length], ['mitigations', mitigations.length], ['assumptions', assumptions.length], ['links', mitigationLinks.length + assumptionLinks.length]] as const) if (n > 0) report.created(kind, n);
  return { text: `${JSON.stringify(doc, null, 2)}\n`, report: report.build() };
}

export const exporter: Exporter = {
  format: 'threat-composer',
  name: 'AWS Threat Composer',
  extension: '.tc.json',
  export: exportThreatComposer,
};
