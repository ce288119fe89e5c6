/**
 * AWS Threat Composer (`.tc.json`) importer.
 *
 * Threat Composer holds no diagram elements: it is a list of threats written in a grammar
 * (source, prerequisites, action, impact, goals, assets → a statement), mitigations, assumptions
 * and the links between them, plus free-text application, architecture and data-flow
 * descriptions with optional images.
 *
 * Mapping:
 * - applicationInfo → system name and description; the architecture and data-flow descriptions
 *   follow in the description under `## Architecture` and `## Data flow` (Threat Composer's own
 *   headings start at H3, so these never collide, and the exporter splits them back);
 * - threats → manual threats `T<numericId>`: title = the statement, `statement` = the grammar
 *   fields, STRIDE → category (+ `stride:<category>` tags for the others), Priority → impact,
 *   status, tags, comments → description; impacted assets also become model assets;
 * - mitigations → `R<numericId>`, assumptions → `AS<numericId>`, with their links both ways;
 * - images (base64 data URLs or links) are not kept, and the report says so.
 */
import { FINGERPRINT_PATTERN, MitigationStatusSchema, ThreatSchema, ThreatStatusSchema, type Assumption, type Asset, type Mitigation, type Model, type ThreatEntry, type ThreatStatus } from '@threatwright/core';
import type { ImportResult, Importer } from '../../types.js';
import { arr, compact, isObj, num, obj, str, table, type Obj } from '../../shared/data.js';
import { formatSize, parseJsonText } from '../../shared/decode.js';
import { IdAllocator, type IdKind } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { mapCategory, mapSeverity } from '../../shared/threats.js';
import { finishImport } from '../../shared/conform.js';

/** The section headings under which architecture and data-flow descriptions live in `system.description`. */
export const ARCHITECTURE_HEADING = '## Architecture';
export const DATAFLOW_HEADING = '## Data flow';

/** Custom metadata a Threatwright export writes where Threat Composer's fields lose detail. */
export const CUSTOM_STATUS = 'custom:threatwright-status';
export const CUSTOM_IMPACT = 'custom:threatwright-impact';
export const CUSTOM_LIKELIHOOD = 'custom:threatwright-likelihood';
/** The fingerprint of a derived finding that a Threatwright export wrote as a threat. */
export const CUSTOM_FINGERPRINT = 'custom:threatwright-fingerprint';
/** The decision about that finding, as the model's `threats:` entry has it (JSON). */
export const CUSTOM_DECISION = 'custom:threatwright-decision';
/** The threat's residual band when it was written (Threat Composer's Priority has three levels for four bands). */
export const CUSTOM_BAND = 'custom:threatwright-band';

/** The Threat Composer status a Threatwright export writes for each status. */
export const TC_STATUS: Readonly<Record<ThreatStatus, 'threatIdentified' | 'threatResolved' | 'threatResolvedNotUseful'>> = {
  open: 'threatIdentified',
  'in-progress': 'threatIdentified',
  mitigated: 'threatResolved',
  accepted: 'threatResolved',
  transferred: 'threatResolved',
  'false-positive': 'threatResolvedNotUseful',
  'not-applicable': 'threatResolvedNotUseful',
};

const SIGNATURE_KEYS = ['applicationInfo', 'threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks', 'architecture', 'dataflow'];

const MITIGATION_STATUS = table<Mitigation['status']>({
  mitigationIdentified: 'proposed',
  mitigationInProgress: 'in-progress',
  mitigationResolved: 'implemented',
});

const THREAT_STATUS = table<ThreatEntry['status']>({
  threatIdentified: 'open',
  threatResolved: 'mitigated',
  threatResolvedNotUseful: 'not-applicable',
});

function short(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Comments and other metadata entries of an item, apart from the keys handled by the caller. */
function metadata(item: Obj): { comments: string | undefined; entries: { key: string; value: unknown }[] } {
  let comments: string | undefined;
  const entries: { key: string; value: unknown }[] = [];
  for (const m of arr(item.metadata)) {
    const o = obj(m);
    const key = str(o?.key);
    if (!o || !key) continue;
    if (key === 'Comments') comments = str(o.value);
    else entries.push({ key, value: o.value });
  }
  return { comments, entries };
}

function valueText(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
}

function stringList(value: unknown): string[] {
  return arr(value)
    .map((v) => (typeof v === 'string' ? v.trim() : ''))
    .filter((v) => v !== '');
}

/** The statement Threat Composer builds from the grammar fields, for threats saved without one. */
export function composeStatement(g: { source?: string | undefined; prerequisites?: string | undefined; action?: string | undefined; impact?: string | undefined; goals?: string[] | undefined; assets?: string[] | undefined }): string {
  const source = g.source ?? 'threat source';
  const article = /^[aeiou]/i.test(source) ? 'An' : 'A';
  let s = `${article} ${source}${g.prerequisites ? ` ${g.prerequisites}` : ''} can ${g.action ?? 'perform a threat action'}`;
  if (g.impact) s += `, which leads to ${g.impact}`;
  const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`);
  if (g.goals && g.goals.length > 0) s += `, resulting in reduced ${list(g.goals)}`;
  if (g.assets && g.assets.length > 0) s += `${g.goals && g.goals.length > 0 ? ' of' : ', negatively impacting'} ${list(g.assets)}`;
  return s.replace(/\s+/g, ' ').trim();
}

/** Fields each kind of item may carry in schema 1; anything else is reported, never dropped silently. */
const KNOWN_FIELDS = {
  assumptions: new Set(['id', 'numericId', 'displayOrder', 'metadata', 'tags', 'content']),
  mitigations: new Set(['id', 'numericId', 'displayOrder', 'metadata', 'tags', 'content', 'status']),
  threats: new Set(['id', 'numericId', 'displayOrder', 'metadata', 'tags', 'threatSource', 'prerequisites', 'threatAction', 'threatImpact', 'impactedGoal', 'impactedAssets', 'statement', 'customTemplate', 'status']),
} as const;

/** Reports, once per field, the fields of a section's items that this importer does not read. */
function reportUnknownFields(report: ReportBuilder, section: keyof typeof KNOWN_FIELDS, items: unknown[]): void {
  const counts = new Map<string, number>();
  for (const item of items) {
    const o = obj(item);
    if (!o) continue;
    for (const key of Object.keys(o)) if (!KNOWN_FIELDS[section].has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) report.dropped(`field "${key}" of ${n} ${section}`, 'not part of the Threat Composer schema this importer reads');
}

/** Why a link cannot be kept: which of its ends is not in the file. */
function danglingReason(fromOk: boolean, fromKind: string, toOk: boolean, toKind: string): string {
  const missing = [fromOk ? undefined : `the ${fromKind}`, toOk ? undefined : `the ${toKind} it links to`].filter((s): s is string => s !== undefined);
  return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in the file`;
}

/** Splits our system description back into application, architecture and data-flow parts. */
export function splitDescription(description: string | undefined): { application?: string; architecture?: string; dataflow?: string } {
  if (!description) return {};
  const lines = description.split('\n');
  const parts: Record<'application' | 'architecture' | 'dataflow', string[]> = { application: [], architecture: [], dataflow: [] };
  let current: 'application' | 'architecture' | 'dataflow' = 'application';
  for (const line of lines) {
    if (line.trim() === ARCHITECTURE_HEADING) current = 'architecture';
    else if (line.trim() === DATAFLOW_HEADING) current = 'dataflow';
    else parts[current].push(line);
  }
  const out: { application?: string; architecture?: string; dataflow?: string } = {};
  for (const key of ['application', 'architecture', 'dataflow'] as const) {
    const text = parts[key].join('\n').trim();
    if (text !== '') out[key] = text;
  }
  return out;
}

function importThreatComposer(text: string, fileName: string): ImportResult {
  const report = new ReportBuilder('threat-composer');
  const parsed = parseJsonText(text, fileName, 'Threat Composer JSON');
  if (!parsed.ok) return { model: undefined, report: report.build(), issues: [parsed.issue] };
  const root = parsed.value;
  if (!isObj(root) || !SIGNATURE_KEYS.some((k) => k in root)) {
    return {
      model: undefined,
      report: report.build(),
      issues: [rejection(fileName, 'not-threat-composer', `not a Threat Composer file: expected a JSON object with ${SIGNATURE_KEYS.slice(0, 4).join(', ')}…`, 'Export the workspace from Threat Composer (Export › JSON) and import that file.')],
    };
  }
  const schemaVersion = num(root.schema);
  if (schemaVersion !== undefined) report.version = String(schemaVersion);
  if (schemaVersion !== undefined && schemaVersion > 1) report.adjusted('schema', `the file declares schema ${schemaVersion}; it was read as schema 1, and fields this importer does not know are listed below`);

  const ids = new IdAllocator();
  const used = new Set<string>();
  /** `<prefix><numericId>` (as Threat Composer shows it, e.g. T-12 → T12) when free, else the next free id. */
  const pick = (kind: IdKind, prefix: string, numericId: number | undefined, foreign: string): string => {
    const candidate = numericId !== undefined && Number.isInteger(numericId) && numericId >= 0 ? `${prefix}${numericId}` : undefined;
    const id = candidate !== undefined && !used.has(candidate) ? candidate : ids.allocate(kind, foreign);
    if (id !== candidate && candidate !== undefined) report.adjusted(`${kind} ${candidate}`, `its number is used twice in the file; this one became ${id}`);
    used.add(id);
    ids.reserve([id]);
    return id;
  };
  const byForeign = new Map<string, { kind: 'threat' | 'mitigation' | 'assumption'; id: string }>();

  // ---- application, architecture, data flow -------------------------------------------------
  const app = obj(root.applicationInfo);
  const name = str(app?.name)?.trim();
  const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.tc\.json$|\.json$/i, '');
  const system: Model['system'] = { name: name ?? (baseName || 'Imported threat model') };
  if (!name) report.adjusted('application name', `the file has no application name; named "${system.name}" after the file`);
  const sections: string[] = [];
  const appDescription = str(app?.description);
  if (appDescription) sections.push(appDescription.trim());
  for (const [key, heading, label] of [
    ['architecture', ARCHITECTURE_HEADING, 'architecture'],
    ['dataflow', DATAFLOW_HEADING, 'data flow'],
  ] as const) {
    const part = obj(root[key]);
    const description = str(part?.description);
    if (description) {
      sections.push(`${heading}\n\n${description.trim()}`);
      report.mapped(`${label} description`, `system description, under "${heading}"`);
    }
    const image = str(part?.image);
    if (image) {
      report.found('images');
      const kind = image.startsWith('data:') ? `an embedded image (${formatSize(Math.floor((image.length * 3) / 4))})` : `an image link (${short(image, 80)})`;
      report.dropped(`${label} image`, `${kind} is not kept: a model holds no pictures; draw the diagram from the model instead`);
    }
  }
  if (sections.length > 0) system.description = sections.join('\n\n');

  // ---- assumptions ---------------------------------------------------------------------------
  const assumptions: Assumption[] = [];
  for (const raw of arr(root.assumptions)) {
    report.found('assumptions');
    const a = obj(raw);
    const content = str(a?.content)?.trim();
    const foreign = str(a?.id) ?? `assumption-${assumptions.length}`;
    if (!a || !content) {
      report.dropped(`assumption ${foreign}`, 'it has no text');
      continue;
    }
    const id = pick('assumption', 'AS', num(a.numericId), foreign);
    byForeign.set(foreign, { kind: 'assumption', id });
    const { comments, entries } = metadata(a);
    const assumption: Assumption = { id, text: content };
    const notes = [comments, ...entries.map((e) => `${e.key}: ${valueText(e.value)}`)].filter((s): s is string => s !== undefined);
    if (notes.length > 0) assumption.description = notes.join('\n');
    const tags = stringList(a.tags);
    if (tags.length > 0) assumption.tags = tags;
    assumptions.push(assumption);
    report.mapped(`assumption ${num(a.numericId) ?? '?'} "${short(content)}"`, `assumption ${id}`);
  }

  // ---- mitigations ---------------------------------------------------------------------------
  const mitigations: Mitigation[] = [];
  for (const raw of arr(root.mitigations)) {
    report.found('mitigations');
    const m = obj(raw);
    const content = str(m?.content)?.trim();
    const foreign = str(m?.id) ?? `mitigation-${mitigations.length}`;
    if (!m || !content) {
      report.dropped(`mitigation ${foreign}`, 'it has no text');
      continue;
    }
    const id = pick('mitigation', 'R', num(m.numericId), foreign);
    byForeign.set(foreign, { kind: 'mitigation', id });
    const { comments, entries } = metadata(m);
    const mitigation: Mitigation = { id, title: content };
    const exactStatus = MitigationStatusSchema.safeParse(entries.find((e) => e.key === CUSTOM_STATUS)?.value);
    const notes = [comments, ...entries.filter((e) => e.key !== CUSTOM_STATUS).map((e) => `${e.key}: ${valueText(e.value)}`)].filter((s): s is string => s !== undefined);
    if (notes.length > 0) mitigation.description = notes.join('\n');
    const status = str(m.status);
    if (status) {
      const mapped = MITIGATION_STATUS.get(status);
      if (mapped) mitigation.status = mapped;
      else if (status === 'mitigationResolvedWillNotAction') {
        mitigation.status = 'proposed';
        mitigation.tags = ['will-not-action'];
        report.adjusted(`mitigation ${id}`, 'status "resolved – will not action" has no equivalent; kept as proposed with the tag will-not-action');
      } else report.adjusted(`mitigation ${id}`, `unknown status "${status}" left out`);
    }
    if (exactStatus.success) mitigation.status = exactStatus.data;
    const tags = stringList(m.tags);
    if (tags.length > 0) mitigation.tags = [...(mitigation.tags ?? []), ...tags];
    mitigations.push(mitigation);
    report.mapped(`mitigation ${num(m.numericId) ?? '?'} "${short(content)}"`, `mitigation ${id}`);
  }

  // ---- threats -------------------------------------------------------------------------------
  const threats: ThreatEntry[] = [];
  const decisions: ThreatEntry[] = [];
  const assets: Asset[] = [];
  const assetByName = new Map<string, string>();
  let customTemplates = 0;
  for (const raw of arr(root.threats)) {
    const t = obj(raw);
    report.found(t && metadata(t).entries.some((e) => e.key === CUSTOM_FINGERPRINT) ? 'derived threats' : 'threats');
    const foreign = str(t?.id) ?? `threat-${threats.length}`;
    if (!t) {
      report.dropped(`threat ${foreign}`, 'it is not an object');
      continue;
    }
    // A finding a Threatwright export derived: analysis derives it again, so only a decision
    // made about it (a status other than open, a justification) is kept, keyed by fingerprint.
    const written = metadata(t).entries.find((e) => e.key === CUSTOM_FINGERPRINT)?.value;
    const fingerprint = typeof written === 'string' ? written.trim() : undefined;
    if (typeof written === 'string' && (fingerprint === undefined || !FINGERPRINT_PATTERN.test(fingerprint))) report.adjusted(`threat ${foreign}`, `its finding fingerprint "${written}" is not one Threatwright writes; imported as a threat`);
    if (fingerprint !== undefined && FINGERPRINT_PATTERN.test(fingerprint)) {
      byForeign.set(foreign, { kind: 'threat', id: fingerprint });
      const subject = `threat ${num(t.numericId) ?? '?'} (finding ${fingerprint})`;
      const recorded = metadata(t).entries.find((e) => e.key === CUSTOM_DECISION)?.value;
      if (typeof recorded === 'string') {
        // The decision as the model had it; a status changed in Threat Composer wins.
        let parsed: unknown;
        try {
          parsed = JSON.parse(recorded);
        } catch {
          parsed = undefined;
        }
        const kept = ThreatSchema.safeParse(parsed);
        if (kept.success) {
          const decision: ThreatEntry = { ...kept.data, fingerprint };
          const status = str(t.status);
          const edited = status !== undefined && status !== TC_STATUS[kept.data.status ?? 'open'] ? THREAT_STATUS.get(status) : undefined;
          if (edited !== undefined) decision.status = edited;
          decisions.push(decision);
          report.mapped(subject, `decision on ${fingerprint}${edited !== undefined ? `, status ${edited} set in Threat Composer` : ''}`);
          continue;
        }
        report.adjusted(subject, 'the decision a Threatwright export recorded on it no longer matches the model schema: only its status is read');
      }
      const exact = ThreatStatusSchema.safeParse(metadata(t).entries.find((e) => e.key === CUSTOM_STATUS)?.value);
      const status = exact.success ? exact.data : THREAT_STATUS.get(str(t.status) ?? '');
      const justification = metadata(t)
        .comments?.split('\n')
        .find((line) => line.startsWith('Justification: '))
        ?.slice('Justification: '.length)
        .trim();
      if ((status !== undefined && status !== 'open') || justification) {
        decisions.push({ fingerprint, ...(status ? { status } : {}), ...(justification ? { justification } : {}) });
        report.mapped(`threat ${num(t.numericId) ?? '?'} (finding ${fingerprint})`, `decision on ${fingerprint}${status ? ` (${status})` : ''}`);
      } else report.mapped(`threat ${num(t.numericId) ?? '?'} (finding ${fingerprint})`, 'not stored: analysis derives it again from the model');
      continue;
    }
    const grammar = {
      source: str(t.threatSource)?.trim(),
      prerequisites: str(t.prerequisites)?.trim(),
      action: str(t.threatAction)?.trim(),
      impact: str(t.threatImpact)?.trim(),
      goals: stringList(t.impactedGoal),
      assets: stringList(t.impactedAssets),
    };
    const statementText = str(t.statement)?.trim();
    if (!statementText && !grammar.action) {
      report.dropped(`threat ${foreign}`, 'it has neither a statement nor a threat action');
      continue;
    }
    const id = pick('threat', 'T', num(t.numericId), foreign);
    byForeign.set(foreign, { kind: 'threat', id });
    const threat: ThreatEntry = { id, title: statementText ?? composeStatement(grammar) };
    if (!statementText) report.adjusted(`threat ${id}`, 'it had no statement; the title was composed from its grammar fields');
    const statement: NonNullable<ThreatEntry['statement']> = {};
    if (grammar.source) statement.source = grammar.source;
    if (grammar.prerequisites) statement.prerequisites = grammar.prerequisites;
    if (grammar.action) statement.action = grammar.action;
    if (grammar.impact) statement.impact = grammar.impact;
    if (grammar.goals.length > 0) statement.goals = grammar.goals;
    if (grammar.assets.length > 0) statement.assets = grammar.assets;
    if (Object.keys(statement).length > 0) threat.statement = statement;

    const tags: string[] = [];
    const notes: string[] = [];
    const { comments, entries } = metadata(t);
    const exact = new Map<string, string>();
    if (comments) notes.push(comments);
    for (const e of entries) {
      if (e.key === 'STRIDE') {
        const categories = stringList(Array.isArray(e.value) ? e.value : [e.value])
          .map((letter) => mapCategory(letter))
          .filter((c): c is NonNullable<typeof c> => c !== undefined);
        const [first, ...rest] = categories;
        if (first) threat.category = first;
        for (const c of rest) tags.push(`stride:${c}`);
      } else if (e.key === 'Priority') {
        const impact = mapSeverity(typeof e.value === 'string' ? e.value : undefined);
        if (impact !== undefined) threat.impact = impact;
        else notes.push(`Priority: ${valueText(e.value)}`);
      } else if (e.key === CUSTOM_BAND) {
        // Written for other tools' eyes; the band follows from likelihood and impact.
      } else if (e.key === CUSTOM_STATUS || e.key === CUSTOM_IMPACT || e.key === CUSTOM_LIKELIHOOD) {
        exact.set(e.key, typeof e.value === 'string' ? e.value : '');
      } else notes.push(`${e.key}: ${valueText(e.value)}`);
    }
    if (notes.length > 0) threat.description = notes.join('\n');
    const status = str(t.status);
    if (status) {
      const mapped = THREAT_STATUS.get(status);
      if (mapped) threat.status = mapped;
      else report.adjusted(`threat ${id}`, `unknown status "${status}" left out`);
    }
    // Values a Threatwright export kept in custom metadata, where Threat Composer's own fields lose detail.
    const exactStatus = ThreatStatusSchema.safeParse(exact.get(CUSTOM_STATUS));
    if (exactStatus.success) threat.status = exactStatus.data;
    for (const [key, field] of [
      [CUSTOM_IMPACT, 'impact'],
      [CUSTOM_LIKELIHOOD, 'likelihood'],
    ] as const) {
      const n = Number(exact.get(key));
      if (Number.isInteger(n) && n >= 1 && n <= 5) threat[field] = n;
    }
    // One by one, not push(...list): a list can be longer than a call has room for arguments.
    for (const tag of stringList(t.tags)) tags.push(tag);
    if (tags.length > 0) threat.tags = tags;
    if (str(t.customTemplate)) customTemplates++;
    // Impacted assets become model assets, so analysis and reports can use them.
    const assetIds: string[] = [];
    for (const assetName of grammar.assets) {
      const key = assetName.toLowerCase();
      let assetId = assetByName.get(key);
      if (!assetId) {
        assetId = ids.allocate('asset', key);
        assetByName.set(key, assetId);
        assets.push({ id: assetId, name: assetName });
        report.mapped(`impacted asset "${short(assetName)}"`, `asset ${assetId}`);
      }
      if (!assetIds.includes(assetId)) assetIds.push(assetId);
    }
    if (assetIds.length > 0) threat.assets = assetIds;
    threats.push(threat);
    report.mapped(`threat ${num(t.numericId) ?? '?'} "${short(threat.title ?? '')}"`, `threat ${id}`);
  }
  if (customTemplates > 0) report.dropped('custom statement templates', `${customTemplates} threat(s) used a custom template; the statement built from it is kept as the title, the template itself is not`);
  if (threats.some((t) => t.impact !== undefined)) report.adjusted('threat priorities', 'Priority High/Medium/Low became impact 4/3/2; likelihood is left for you to assess');

  // ---- links ---------------------------------------------------------------------------------
  const threatById = new Map(threats.map((t) => [t.id, t]));
  const mitigationById = new Map(mitigations.map((m) => [m.id, m]));
  const assumptionById = new Map(assumptions.map((a) => [a.id, a]));
  // Each list's members in a Set beside it: a mitigation linked to 150 000 threats stays linear.
  const members = new Map<string[], Set<string>>();
  const addUnique = (list: string[] | undefined, value: string): string[] => {
    const out = list ?? [];
    let set = members.get(out);
    if (!set) members.set(out, (set = new Set(out)));
    if (!set.has(value)) {
      set.add(value);
      out.push(value);
    }
    return out;
  };
  for (const raw of arr(root.mitigationLinks)) {
    report.found('mitigation links');
    const l = obj(raw);
    const mitigation = byForeign.get(str(l?.mitigationId) ?? '');
    const linked = byForeign.get(str(l?.linkedId) ?? '');
    if (!mitigation || mitigation.kind !== 'mitigation' || !linked || linked.kind === 'mitigation') {
      report.dropped(`mitigation link ${short(str(l?.mitigationId) ?? '?', 13)} → ${short(str(l?.linkedId) ?? '?', 13)}`, danglingReason(mitigation?.kind === 'mitigation', 'mitigation', linked !== undefined && linked.kind !== 'mitigation', 'threat or assumption'));
      continue;
    }
    const m = mitigationById.get(mitigation.id);
    if (!m) continue;
    if (linked.kind === 'threat') {
      m.threats = addUnique(m.threats, linked.id);
      const t = threatById.get(linked.id);
      if (t) t.mitigations = addUnique(t.mitigations, m.id);
    } else {
      const a = assumptionById.get(linked.id);
      if (a) a.links = addUnique(a.links, m.id);
    }
    report.created('links');
  }
  for (const raw of arr(root.assumptionLinks)) {
    report.found('assumption links');
    const l = obj(raw);
    const assumption = byForeign.get(str(l?.assumptionId) ?? '');
    const linked = byForeign.get(str(l?.linkedId) ?? '');
    if (!assumption || assumption.kind !== 'assumption' || !linked || linked.kind === 'assumption') {
      report.dropped(`assumption link ${short(str(l?.assumptionId) ?? '?', 13)} → ${short(str(l?.linkedId) ?? '?', 13)}`, danglingReason(assumption?.kind === 'assumption', 'assumption', linked !== undefined && linked.kind !== 'assumption', str(l?.type)?.toLowerCase() ?? 'threat or mitigation'));
      continue;
    }
    const a = assumptionById.get(assumption.id);
    if (a) a.links = addUnique(a.links, linked.id);
    report.created('links');
  }

  reportUnknownFields(report, 'assumptions', arr(root.assumptions));
  reportUnknownFields(report, 'mitigations', arr(root.mitigations));
  reportUnknownFields(report, 'threats', arr(root.threats));
  const known = new Set(['schema', 'applicationInfo', 'architecture', 'dataflow', 'assumptions', 'mitigations', 'assumptionLinks', 'mitigationLinks', 'threats']);
  for (const key of Object.keys(root)) {
    if (known.has(key)) continue;
    report.dropped(`section "${key}"`, key === 'brainstorm' ? 'brainstorm notes are ideas, not yet threats; add the ones that matter as threats' : 'not part of the Threat Composer schema this importer reads');
  }

  const model: Model = compact({ threatwright: 1 as const, system, assets, assumptions, threats: [...threats, ...decisions], mitigations });
  report.created('threats', threats.length);
  if (decisions.length > 0) report.created('decisions', decisions.length);
  report.created('mitigations', mitigations.length);
  report.created('assumptions', assumptions.length);
  report.created('assets', assets.length);
  return finishImport(model, report, fileName);
}

export const importer: Importer = {
  format: 'threat-composer',
  name: 'AWS Threat Composer',
  extensions: ['.tc.json'],
  detect: (text, fileName) => {
    const s = sniff(text);
    if (s.syntax !== 'json') return false;
    if (/\.tc\.json$/i.test(fileName)) return true;
    return s.keys.has('schema') && ['applicationInfo', 'threats', 'mitigationLinks', 'assumptionLinks'].some((k) => s.keys.has(k));
  },
  import: (text, options) => importThreatComposer(text, options.fileName),
};
