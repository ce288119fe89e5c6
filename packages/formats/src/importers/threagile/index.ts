/**
 * Threagile (YAML) importer.
 *
 * Mapping:
 * - technical assets → components (kind from `type`, type from `technology`/`technologies`,
 *   facts such as internet, encryption, multi-tenancy and accepted data formats → properties:
 *   the catalogue's keys on the kinds of element the catalogue has them for, Threagile's other
 *   attributes under their own names, declared in `taxonomy.properties` by the shared last step);
 *   Threagile ids are kept when they are valid model ids;
 * - communication links → flows (protocol and encryption, authentication, authorisation, data
 *   sent and received → `data` plus `bidirectional`);
 * - data assets → assets (CIA ratings; confidentiality rank → classification);
 * - trust boundaries → boundaries (nesting → parent, type kept), `technical_assets_inside` →
 *   each component's boundary;
 * - shared runtimes → dependencies of type `shared-runtime`; each component running on one
 *   records it in `properties.shared_runtime` (a component has one boundary, and a runtime
 *   usually spans boundaries, so it cannot be a boundary itself);
 * - individual (custom) risks → manual threats with likelihood and impact, their mitigation
 *   text → mitigations;
 * - risk tracking → the status of the matching individual risk, else a manual threat that
 *   carries the decision (Threagile's built-in risk rules are not Threatwright's rules, so the
 *   decision cannot be attached to a derived finding by fingerprint);
 * - abuse cases → attack-tree goals; security requirements → proposed mitigations; questions,
 *   overviews and criticality → the system description.
 * YAML merge keys (`<<: *anchor`, used by Threagile's own example) are resolved; aliases are bounded.
 */
import { PROPERTIES, type Asset, type AttackTree, type Boundary, type Component, type Dependency, type Flow, type Mitigation, type Model, type ThreatEntry } from '@threatwright/core';
import type { ImportResult, Importer } from '../../types.js';
import { arr, compact, isObj, obj, setOwn, str, type Obj } from '../../shared/data.js';
import { parseYamlText } from '../../shared/decode.js';
import { IdAllocator, type IdKind } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { mapCategory } from '../../shared/threats.js';
import { AUTHENTICATION, CLASSIFICATION, CONFIDENTIALITY_LEVEL, CRITICALITY_LEVEL, IMPACT, LIKELIHOOD, RISK_STATUS, TECHNOLOGY_TYPE, mapProtocol, normalizeEnum } from './enums.js';
import { finishImport } from '../../shared/conform.js';

type Properties = Record<string, string | number | boolean>;

/** Resolves YAML merge keys (`<<`) in plain data, iteratively; later keys win over merged ones. */
export function resolveMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveMergeKeys(v));
  if (!isObj(value)) return value;
  const out: Obj = {};
  const merge = value['<<'];
  const sources = Array.isArray(merge) ? merge : merge !== undefined ? [merge] : [];
  for (const src of sources) {
    const resolved = resolveMergeKeys(src);
    if (isObj(resolved)) for (const [k, v] of Object.entries(resolved)) setOwn(out, k, v);
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === '<<') continue;
    setOwn(out, k, resolveMergeKeys(v));
  }
  return out;
}

/** Entries of a Threagile map section (title → object), also accepting a list of objects with `title`/`id`. */
function entries(section: unknown): [string, Obj][] {
  if (isObj(section)) return Object.entries(section).map(([k, v]) => [k, obj(v) ?? {}] as [string, Obj]);
  return arr(section)
    .map((v) => obj(v))
    .filter((v): v is Obj => v !== undefined)
    .map((v) => [str(v.title) ?? str(v.id) ?? 'untitled', v] as [string, Obj]);
}

function strings(value: unknown): string[] {
  return arr(value)
    .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : ''))
    .filter((v) => v !== '');
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** Threagile text may hold HTML (its reports are HTML); titles of risks embed <b>…</b>. */
function plain(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function paragraph(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** Fields the importer reads (or deliberately leaves out with a note), by kind of object. */
const KNOWN_FIELDS: Record<string, ReadonlySet<string>> = {
  'data asset': new Set(['id', 'title', 'description', 'usage', 'tags', 'origin', 'owner', 'quantity', 'confidentiality', 'integrity', 'availability', 'justification_cia_rating']),
  'technical asset': new Set(['id', 'title', 'description', 'type', 'usage', 'used_as_client_by_human', 'out_of_scope', 'justification_out_of_scope', 'size', 'technology', 'technologies', 'tags', 'internet', 'machine', 'encryption', 'owner', 'confidentiality', 'integrity', 'availability', 'justification_cia_rating', 'multi_tenant', 'redundant', 'custom_developed_parts', 'data_assets_processed', 'data_assets_stored', 'data_formats_accepted', 'communication_links', 'diagram_tweak_order']),
  'communication link': new Set(['target', 'description', 'protocol', 'authentication', 'authorization', 'tags', 'vpn', 'ip_filtered', 'readonly', 'usage', 'data_assets_sent', 'data_assets_received', 'diagram_tweak_weight', 'diagram_tweak_constraint']),
  'trust boundary': new Set(['id', 'title', 'description', 'type', 'tags', 'technical_assets_inside', 'trust_boundaries_nested']),
  'shared runtime': new Set(['id', 'title', 'description', 'tags', 'technical_assets_running']),
  'risk tracking entry': new Set(['status', 'justification', 'ticket', 'date', 'checked_by']),
};
const KNOWN_TOP = new Set(['threagile_version', 'includes', 'title', 'author', 'contributors', 'date', 'application_description', 'business_overview', 'technical_overview', 'business_criticality', 'management_summary_comment', 'security_requirements', 'questions', 'abuse_cases', 'tags_available', 'data_assets', 'technical_assets', 'trust_boundaries', 'shared_runtimes', 'individual_risk_categories', 'custom_risk_categories', 'risk_tracking']);

/** Reports, once per field, fields this importer does not read, so nothing disappears silently. */
function reportUnknownFields(report: ReportBuilder, kind: string, objects: Obj[]): void {
  const known = KNOWN_FIELDS[kind];
  if (!known) return;
  const counts = new Map<string, number>();
  for (const o of objects) for (const key of Object.keys(o)) if (!known.has(key) && !key.startsWith('diagram_tweak')) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, n] of counts) report.dropped(`field "${key}" of ${n} ${kind}(s)`, 'not a Threagile field this importer knows; check the spelling, or map it by hand');
}

function importThreagile(text: string, fileName: string): ImportResult {
  const report = new ReportBuilder('threagile');
  const parsed = parseYamlText(text, fileName, 'Threagile YAML');
  if (!parsed.ok) return { model: undefined, report: report.build(), issues: [parsed.issue] };
  const root = resolveMergeKeys(parsed.value);
  if (!isObj(root) || !('technical_assets' in root || 'threagile_version' in root || 'data_assets' in root)) {
    return {
      model: undefined,
      report: report.build(),
      issues: [rejection(fileName, 'not-threagile', 'not a Threagile model: expected top-level keys threagile_version, technical_assets or data_assets', 'Check that this is the YAML file you run Threagile on.')],
    };
  }
  const version = str(root.threagile_version);
  if (version) report.version = version;

  const ids = new IdAllocator();
  /** Keeps Threagile's id when it is a valid model id, else allocates; notes renamings. */
  const keep = (kind: IdKind, foreign: string | undefined, title: string): string => {
    if (!foreign) {
      const id = ids.allocate(kind, `title:${title}`);
      report.adjusted(`${kind} "${title}"`, `it has no id; given ${id}`);
      return id;
    }
    const { id, kept } = ids.keepOrAllocate(kind, foreign);
    if (!kept) report.adjusted(`${kind} ${foreign}`, `its id is not a valid model id or is taken; it became ${id}`);
    return id;
  };

  // ---- data assets ---------------------------------------------------------------------------
  const assets: Asset[] = [];
  const assetId = new Map<string, string>();
  let rankNote = false;
  for (const [title, a] of entries(root.data_assets)) {
    report.found('assets');
    const foreign = str(a.id);
    const id = keep('asset', foreign, title);
    if (foreign) assetId.set(foreign, id);
    const asset: Asset = { id, name: title };
    const details = [
      paragraph(str(a.description)),
      str(a.origin) ? `Origin: ${str(a.origin) ?? ''}.` : undefined,
      str(a.usage) ? `Usage: ${str(a.usage) ?? ''}.` : undefined,
      str(a.quantity) ? `Quantity: ${str(a.quantity) ?? ''}.` : undefined,
      strings(a.tags).length > 0 ? `Tags: ${strings(a.tags).join(', ')}.` : undefined,
      paragraph(str(a.justification_cia_rating)) ? `CIA rating: ${paragraph(str(a.justification_cia_rating)) ?? ''}` : undefined,
    ].filter((s): s is string => s !== undefined);
    if (details.length > 0) asset.description = details.join('\n');
    const owner = str(a.owner);
    if (owner) asset.owner = owner;
    const c = str(a.confidentiality);
    if (c) {
      const classification = CLASSIFICATION.get(normalizeEnum(c));
      const level = CONFIDENTIALITY_LEVEL.get(normalizeEnum(c));
      if (classification) asset.classification = classification;
      if (level) asset.confidentiality = level;
      if (!classification) report.adjusted(`asset ${id}`, `unknown confidentiality "${c}" left out`);
      if (normalizeEnum(c) === 'restricted' || normalizeEnum(c) === 'confidential') rankNote = true;
    }
    for (const key of ['integrity', 'availability'] as const) {
      const v = str(a[key]);
      if (!v) continue;
      const level = CRITICALITY_LEVEL.get(normalizeEnum(v));
      if (level) asset[key] = level;
      else report.adjusted(`asset ${id}`, `unknown ${key} "${v}" left out`);
    }
    assets.push(asset);
    report.mapped(`data asset ${foreign ?? title}`, `asset ${id}`);
  }
  if (rankNote) report.adjusted('confidentiality', 'Threagile ranks restricted below confidential, the model the other way round; the rank is kept (restricted → confidential, confidential → restricted, strictly-confidential → secret)');

  // ---- trust boundaries (ids first, so components can refer to them) -------------------------
  const boundaryEntries = entries(root.trust_boundaries);
  const boundaries: Boundary[] = [];
  const boundaryId = new Map<string, string>();
  for (const [title, b] of boundaryEntries) {
    report.found('boundaries');
    const foreign = str(b.id);
    const id = keep('boundary', foreign, title);
    if (foreign) boundaryId.set(foreign, id);
    const boundary: Boundary = { id, name: title };
    const details = [paragraph(str(b.description)), strings(b.tags).length > 0 ? `Tags: ${strings(b.tags).join(', ')}.` : undefined].filter((s): s is string => s !== undefined);
    if (details.length > 0) boundary.description = details.join('\n');
    const type = str(b.type);
    if (type) boundary.type = normalizeEnum(type);
    boundaries.push(boundary);
    report.mapped(`trust boundary ${foreign ?? title}`, `boundary ${id}${type ? ` (${normalizeEnum(type)})` : ''}`);
  }
  // Indexes by id, so large files map in linear time.
  const boundaryById = new Map(boundaries.map((b) => [b.id, b]));
  for (const [title, b] of boundaryEntries) {
    const parentId = boundaryId.get(str(b.id) ?? '') ?? '';
    for (const nested of strings(b.trust_boundaries_nested)) {
      const child = boundaryById.get(boundaryId.get(nested) ?? '');
      if (!child) {
        report.dropped(`nesting ${title} → ${nested}`, 'the nested trust boundary is not in the file');
        continue;
      }
      if (child.parent && child.parent !== parentId) report.adjusted(`boundary ${child.id}`, `nested in both ${child.parent} and ${parentId}; kept in ${child.parent}`);
      else child.parent = parentId;
    }
  }

  // ---- technical assets ----------------------------------------------------------------------
  const techEntries = entries(root.technical_assets);
  const techTitleById = new Map<string, string>();
  for (const [title, t] of techEntries) {
    const tid = str(t.id);
    if (tid !== undefined && !techTitleById.has(tid)) techTitleById.set(tid, title);
  }
  const components: Component[] = [];
  const componentId = new Map<string, string>();
  for (const [title, t] of techEntries) {
    const foreign = str(t.id);
    const id = keep('component', foreign, title);
    if (foreign) componentId.set(foreign, id);
  }
  const boundaryOf = new Map<string, string>();
  for (const [title, b] of boundaryEntries) {
    const bid = boundaryId.get(str(b.id) ?? '');
    if (!bid) continue;
    for (const inside of strings(b.technical_assets_inside)) {
      const cid = componentId.get(inside);
      if (!cid) {
        report.dropped(`${title} → ${inside}`, 'the technical asset listed inside this trust boundary is not in the file');
        continue;
      }
      const existing = boundaryOf.get(cid);
      if (existing && existing !== bid) report.adjusted(`component ${cid}`, `listed inside both ${existing} and ${bid}; kept in ${existing}`);
      else boundaryOf.set(cid, bid);
    }
  }
  const runtimeOf = new Map<string, string>();
  const dependencies: Dependency[] = [];
  for (const [title, r] of entries(root.shared_runtimes)) {
    report.found('shared runtimes');
    const id = keep('dependency', str(r.id), title);
    const running = strings(r.technical_assets_running);
    const names = running.map((x) => techTitleById.get(x) ?? x);
    const details = [paragraph(str(r.description)), strings(r.tags).length > 0 ? `Tags: ${strings(r.tags).join(', ')}.` : undefined].filter((s): s is string => s !== undefined);
    const dep: Dependency = { id, name: title, type: 'shared-runtime' };
    if (details.length > 0) dep.description = details.join('\n');
    if (names.length > 0) dep.assumption = `Runs ${names.join(', ')}; a compromise of the runtime reaches all of them.`;
    dependencies.push(dep);
    for (const x of running) {
      const cid = componentId.get(x);
      if (cid) runtimeOf.set(cid, id);
      else report.dropped(`${title} → ${x}`, 'the technical asset said to run on this shared runtime is not in the file');
    }
    report.mapped(`shared runtime ${str(r.id) ?? title}`, `dependency ${id} (type shared-runtime); its ${running.length} component(s) record it in properties.shared_runtime`);
  }

  const flows: Flow[] = [];
  const mfaTargets = new Set<string>();
  for (const [title, t] of techEntries) {
    report.found('elements');
    const id = componentId.get(str(t.id) ?? '') ?? keep('component', undefined, title);
    const typeValue = normalizeEnum(str(t.type) ?? '');
    const kind: Component['kind'] = typeValue === 'external-entity' || typeValue === 'datastore' || typeValue === 'process' ? typeValue : 'process';
    if (typeValue !== kind) report.adjusted(`component ${id}`, `type "${str(t.type) ?? ''}" is not external-entity, process or datastore; taken as a process`);
    const c: Component = { id, name: title, kind };
    const technologies = [str(t.technology), ...strings(t.technologies)].filter((s): s is string => s !== undefined).map(normalizeEnum);
    const type = technologies.map((x) => TECHNOLOGY_TYPE.get(x)).find((x) => x !== undefined);
    if (type) c.type = type;
    if (technologies.length > 0) c.tech = technologies.join(', ');
    if (technologies.length > 0 && !type) report.adjusted(`component ${id}`, `technology "${technologies.join(', ')}" has no matching component type; kept as tech only`);
    const description = paragraph(str(t.description));
    const cia = paragraph(str(t.justification_cia_rating));
    const descParts = [description !== title ? description : undefined, cia ? `CIA rating: ${cia}` : undefined].filter((s): s is string => s !== undefined);
    if (descParts.length > 0) c.description = descParts.join('\n');
    const boundary = boundaryOf.get(id);
    if (boundary) c.boundary = boundary;
    const tags = strings(t.tags);
    if (tags.length > 0) c.tags = tags;
    const owner = str(t.owner);
    if (owner) c.owner = owner;
    const props: Properties = {};
    // A catalogue fact only where the catalogue says it applies: on other kinds no rule asks for it,
    // and what the source said stays in the attributes kept beside it (data_formats).
    const leftOut: string[] = [];
    const fact = (key: string, value: boolean): void => {
      if (PROPERTIES.get(key)?.appliesTo.includes(kind)) props[key] = value;
      else leftOut.push(`${key}: ${String(value)}`);
    };
    if (str(t.id)) props.source_id = str(t.id) ?? '';
    const internet = bool(t.internet);
    if (internet !== undefined) props.internet_facing = internet;
    const encryption = str(t.encryption);
    if (encryption) {
      props.encryption = normalizeEnum(encryption);
      if (kind === 'datastore') props.encrypted_at_rest = normalizeEnum(encryption) !== 'none';
    }
    const multiTenant = bool(t.multi_tenant);
    if (multiTenant !== undefined) fact('multi_tenant', multiTenant);
    for (const [key, prop] of [
      ['redundant', 'redundant'],
      ['custom_developed_parts', 'custom_developed_parts'],
      ['used_as_client_by_human', 'used_by_humans'],
    ] as const) {
      const v = bool(t[key]);
      if (v !== undefined) props[prop] = v;
    }
    for (const key of ['machine', 'size', 'usage', 'confidentiality', 'integrity', 'availability'] as const) {
      const v = str(t[key]);
      if (v) props[key] = normalizeEnum(v);
    }
    const formats = strings(t.data_formats_accepted).map(normalizeEnum);
    if (formats.length > 0) {
      props.data_formats = formats.join(', ');
      if (formats.includes('xml')) fact('parses_xml', true);
      if (formats.includes('serialization')) fact('deserializes_untrusted', true);
      if (formats.includes('file')) fact('accepts_uploads', true);
    }
    if (leftOut.length > 0) report.adjusted(`component ${id}`, `${leftOut.join(', ')} left out: the property catalogue does not have ${leftOut.length === 1 ? 'it' : 'them'} for ${kind === 'external-entity' ? 'an external entity' : `a ${kind}`}`);
    const runtime = runtimeOf.get(id);
    if (runtime) props.shared_runtime = runtime;
    c.properties = props;
    const processed = strings(t.data_assets_processed);
    const stored = strings(t.data_assets_stored);
    const resolve = (list: string[], what: string) =>
      list
        .map((x) => {
          const aid = assetId.get(x);
          if (!aid) report.dropped(`component ${id} ${what} ${x}`, 'the data asset is not in the file');
          return aid;
        })
        .filter((x): x is string => x !== undefined);
    const p = resolve(processed, 'processes');
    const s = resolve(stored, 'stores');
    if (p.length > 0 || s.length > 0) c.assets = { ...(p.length > 0 ? { processed: p } : {}), ...(s.length > 0 ? { stored: s } : {}) };
    if (bool(t.out_of_scope) === true) {
      c.out_of_scope = true;
      const reason = paragraph(str(t.justification_out_of_scope));
      if (reason) c.reason = reason;
    }
    components.push(c);
    report.mapped(`technical asset ${str(t.id) ?? title}`, `component ${id} (${kind}${type ? `, ${type}` : ''}${boundary ? `, in ${boundary}` : ''})`);

    // ---- communication links of this asset ----
    for (const [linkTitle, l] of entries(t.communication_links)) {
      report.found('flows');
      const target = str(l.target);
      const to = target ? componentId.get(target) : undefined;
      if (!to) {
        report.dropped(`communication link ${str(t.id) ?? title} → ${target ?? '?'} (${linkTitle})`, target ? 'its target is not a technical asset in the file' : 'it has no target');
        continue;
      }
      const fid = ids.allocate('flow', `${id}>${linkTitle}`);
      const f: Flow = { id: fid, from: id, to, label: linkTitle };
      const fdesc = paragraph(str(l.description));
      if (fdesc) f.description = fdesc;
      const fprops: Properties = { source_id: `${str(t.id) ?? id}>${linkTitle}` };
      const protocol = str(l.protocol);
      if (protocol) {
        const m = mapProtocol(protocol);
        f.protocol = m.protocol;
        if (m.encrypted !== undefined) f.encrypted = m.encrypted;
        if (m.local) fprops.process_local = true;
        if (m.protocol !== normalizeEnum(protocol)) fprops.threagile_protocol = normalizeEnum(protocol);
      }
      const authn = str(l.authentication);
      if (authn) {
        const a = normalizeEnum(authn);
        if (a === 'none') f.authenticated = false;
        else if (AUTHENTICATION.has(a)) {
          f.authenticated = true;
          const word = AUTHENTICATION.get(a);
          if (word) f.authentication = word;
          if (a === 'two-factor') mfaTargets.add(to);
        } else report.adjusted(`flow ${fid}`, `unknown authentication "${authn}" left out`);
      }
      const authz = str(l.authorization);
      if (authz) {
        const a = normalizeEnum(authz);
        if (a === 'none') f.authorized = false;
        else fprops.authorization = a;
      }
      for (const key of ['vpn', 'ip_filtered', 'readonly'] as const) {
        const v = bool(l[key]);
        if (v !== undefined) fprops[key] = v;
      }
      const usage = str(l.usage);
      if (usage) fprops.usage = normalizeEnum(usage);
      const sent = strings(l.data_assets_sent);
      const received = strings(l.data_assets_received);
      const known = (list: string[], what: string) =>
        list
          .map((x) => {
            const aid = assetId.get(x);
            if (!aid) report.dropped(`flow ${fid} ${what} ${x}`, 'the data asset is not in the file');
            return aid;
          })
          .filter((x): x is string => x !== undefined);
      const s2 = known(sent, 'sends');
      const r2 = known(received, 'receives');
      const data = [...new Set([...s2, ...r2])];
      if (data.length > 0) f.data = data;
      if (r2.length > 0) {
        f.bidirectional = true;
        fprops.data_sent = s2.join(', ');
        fprops.data_received = r2.join(', ');
      }
      const ltags = strings(l.tags);
      if (ltags.length > 0) f.tags = ltags;
      f.properties = fprops;
      flows.push(f);
      report.mapped(`communication link ${str(t.id) ?? title} → ${target ?? ''} (${linkTitle})`, `flow ${fid}`);
    }
  }
  const componentById = new Map<string, Component>();
  for (const c of components) if (!componentById.has(c.id)) componentById.set(c.id, c);
  for (const cid of mfaTargets) {
    const c = componentById.get(cid);
    if (c?.kind === 'process') {
      c.properties = { ...c.properties, mfa: true };
      report.adjusted(`component ${cid}`, 'a link into it uses two-factor authentication; recorded as mfa: true');
    }
  }
  if (flows.some((f) => f.bidirectional)) report.adjusted('data received', 'assets a link receives travel back over the same flow: data lists sent and received assets, bidirectional is set, and properties.data_sent / data_received keep the direction');

  // ---- individual risks and risk tracking ----------------------------------------------------
  const threats: ThreatEntry[] = [];
  const mitigations: Mitigation[] = [];
  const individual: { threat: ThreatEntry; category: string; parts: string[] }[] = [];
  const flowBySource = new Map<string, string>();
  for (const f of flows) {
    const source = f.properties?.['source_id'];
    if (typeof source === 'string' && !flowBySource.has(source)) flowBySource.set(source, f.id);
  }
  const elementId = (x: string | undefined) => (x ? (componentId.get(x) ?? boundaryId.get(x) ?? flowBySource.get(x)) : undefined);
  const threatById = new Map<string, ThreatEntry>();
  const categories = [...entries(root.individual_risk_categories), ...entries(root.custom_risk_categories)];
  for (const [catTitle, cat] of categories) {
    const catId = str(cat.id) ?? catTitle;
    const risks = entries(cat.risks_identified);
    const threatIds: string[] = [];
    for (const [riskTitle, r] of risks) {
      report.found('threats');
      const tid = ids.allocate('threat', `${catId}:${riskTitle}`);
      const t: ThreatEntry = { id: tid, title: plain(riskTitle) || catTitle };
      const category = mapCategory(str(cat.stride));
      if (category) t.category = category;
      const desc = [
        paragraph(str(cat.description)),
        str(cat.impact) ? `Impact: ${str(cat.impact) ?? ''}` : undefined,
        str(cat.detection_logic) ? `Detection: ${str(cat.detection_logic) ?? ''}` : undefined,
        str(cat.risk_assessment) ? `Risk assessment: ${str(cat.risk_assessment) ?? ''}` : undefined,
        str(cat.false_positives) ? `False positives: ${str(cat.false_positives) ?? ''}` : undefined,
        str(r.severity) ? `Threagile severity: ${str(r.severity) ?? ''}` : undefined,
        str(r.data_breach_probability) ? `Data breach probability: ${str(r.data_breach_probability) ?? ''}` : undefined,
      ].filter((s): s is string => s !== undefined);
      if (desc.length > 0) t.description = desc.join('\n');
      const likelihood = LIKELIHOOD.get(normalizeEnum(str(r.exploitation_likelihood) ?? ''));
      const impact = IMPACT.get(normalizeEnum(str(r.exploitation_impact) ?? ''));
      if (likelihood !== undefined) t.likelihood = likelihood;
      if (impact !== undefined) t.impact = impact;
      const parts = [str(r.most_relevant_technical_asset), str(r.most_relevant_communication_link), str(r.most_relevant_trust_boundary), str(r.most_relevant_shared_runtime), str(r.most_relevant_data_asset)].filter((s): s is string => s !== undefined);
      const elements = [...new Set([...parts.map(elementId), ...strings(r.data_breach_technical_assets).map(elementId)].filter((x): x is string => x !== undefined))];
      if (elements.length > 0) t.elements = elements;
      const assetRef = assetId.get(str(r.most_relevant_data_asset) ?? '');
      if (assetRef) t.assets = [assetRef];
      const refs = [typeof cat.cwe === 'number' || typeof cat.cwe === 'string' ? `CWE-${String(cat.cwe)}` : undefined, str(cat.asvs) ? `ASVS ${str(cat.asvs) ?? ''}` : undefined, str(cat.cheat_sheet)].filter((s): s is string => s !== undefined);
      if (refs.length > 0) t.references = refs;
      t.tags = [`threagile:${catId}`];
      t.status = 'open';
      threats.push(t);
      if (!threatById.has(tid)) threatById.set(tid, t);
      threatIds.push(tid);
      individual.push({ threat: t, category: catId, parts: parts.filter((p) => !assetId.has(p) || componentId.has(p)) });
      report.mapped(`individual risk "${plain(riskTitle)}"`, `threat ${tid}`);
    }
    const mitigationText = [str(cat.mitigation), str(cat.action) ? `Action: ${str(cat.action) ?? ''}` : undefined, str(cat.check) ? `Check: ${str(cat.check) ?? ''}` : undefined].filter((s): s is string => s !== undefined);
    if (mitigationText.length > 0 && threatIds.length > 0) {
      const mid = ids.allocate('mitigation', `category:${catId}`);
      const m: Mitigation = { id: mid, title: plain(str(cat.mitigation) ?? str(cat.action) ?? catTitle), status: 'proposed', threats: threatIds };
      if (mitigationText.length > 1 || !str(cat.mitigation)) m.description = mitigationText.join('\n');
      mitigations.push(m);
      for (const tid of threatIds) {
        const t = threatById.get(tid);
        if (t) t.mitigations = [mid];
      }
      report.mapped(`risk category ${catId} mitigation`, `mitigation ${mid}`);
    }
  }

  const carried: string[] = [];
  const matches = (pattern: string[], actual: string[]) => pattern.length === actual.length && pattern.every((p, i) => p === '*' || p === actual[i]);
  for (const [key, tr] of entries(root.risk_tracking)) {
    report.found('risk tracking');
    const [rule = key, ...parts] = key.split('@');
    const status = RISK_STATUS.get(normalizeEnum(str(tr.status) ?? 'unchecked'));
    const justification = paragraph(str(tr.justification));
    const checkedBy = str(tr.checked_by);
    const date = str(tr.date);
    const checked = checkedBy || date ? ` (checked${checkedBy ? ` by ${checkedBy}` : ''}${date ? ` on ${date}` : ''})` : '';
    const apply = (t: ThreatEntry) => {
      if (status) t.status = status;
      if (justification || checked) t.justification = `${justification ?? ''}${checked}`.trim();
      const ticket = str(tr.ticket);
      if (ticket) t.ticket = ticket;
      if (status === 'accepted' && checkedBy) t.accepted_by = checkedBy;
      if (normalizeEnum(str(tr.status) ?? '') === 'in-discussion') t.tags = [...(t.tags ?? []), 'in-discussion'];
    };
    const hits = individual.filter((x) => x.category === rule && (parts.length === 0 || matches(parts, x.parts.slice(0, parts.length)) || parts.every((p) => p === '*')));
    if (hits.length > 0) {
      for (const h of hits) apply(h.threat);
      report.mapped(`risk tracking ${key}`, `status of ${hits.map((h) => h.threat.id ?? '').join(', ')}`);
      continue;
    }
    const tid = ids.allocate('threat', `tracking:${key}`);
    const named = parts.map((p) => (p === '*' ? 'any' : (componentById.get(componentId.get(p) ?? '')?.name ?? p)));
    const t: ThreatEntry = { id: tid, title: `${rule}${named.length > 0 ? ` at ${named.join(' / ')}` : ''}`, description: `Threagile risk-tracking decision for "${key}", carried over from Threagile's built-in rule "${rule}".`, tags: ['threagile-risk-tracking', `threagile:${rule}`] };
    const elements = parts.map((p) => elementId(p)).filter((x): x is string => x !== undefined);
    if (elements.length > 0) t.elements = [...new Set(elements)];
    apply(t);
    threats.push(t);
    carried.push(tid);
    report.mapped(`risk tracking ${key}`, `threat ${tid} (${t.status ?? 'open'}), carrying the decision`);
  }
  if (carried.length > 0) {
    report.adjusted(
      `${carried.length} risk-tracking decision(s)`,
      `they name Threagile's built-in rules, which are not Threatwright's, so they cannot be attached to derived findings; kept as manual threats ${carried.join(', ')} (tagged threagile-risk-tracking) with status, justification, ticket and who checked them — re-triage the matching findings after analysis`,
    );
  }

  // ---- abuse cases, requirements, questions, overviews ---------------------------------------
  const attackTrees: AttackTree[] = [];
  const takenIds = new Set<string>([...components, ...assets, ...flows, ...boundaries, ...dependencies, ...mitigations].map((x) => x.id));
  for (const [goal, value] of Object.entries(obj(root.abuse_cases) ?? {})) {
    report.found('abuse cases');
    let n = attackTrees.length + 1;
    while (takenIds.has(`AT${n}`)) n++;
    const id = `AT${n}`;
    takenIds.add(id);
    const tree: AttackTree = { id, goal, root: { title: goal } };
    const d = typeof value === 'string' ? paragraph(value) : undefined;
    if (d) tree.description = d;
    attackTrees.push(tree);
    report.mapped(`abuse case "${goal}"`, `attack tree ${id} (goal only: decompose it into sub-goals)`);
  }
  for (const [title, value] of Object.entries(obj(root.security_requirements) ?? {})) {
    report.found('security requirements');
    const id = ids.allocate('mitigation', `requirement:${title}`);
    const m: Mitigation = { id, title, status: 'proposed', tags: ['security-requirement'] };
    const d = typeof value === 'string' ? paragraph(value) : undefined;
    if (d) m.description = d;
    mitigations.push(m);
    report.mapped(`security requirement "${title}"`, `mitigation ${id} (tagged security-requirement, not yet linked to threats)`);
  }

  const title = str(root.title) ?? fileName.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const system: Model['system'] = { name: title || 'Imported threat model' };
  const sections: string[] = [];
  const business = paragraph(str(obj(root.business_overview)?.description));
  const technical = paragraph(str(obj(root.technical_overview)?.description));
  const summary = paragraph(str(root.management_summary_comment));
  const appDesc = paragraph(str(obj(root.application_description)?.description));
  if (appDesc) sections.push(appDesc);
  if (business) sections.push(`Business overview: ${business}`);
  if (technical) sections.push(`Technical overview: ${technical}`);
  if (summary) sections.push(`Management summary: ${summary}`);
  const criticality = str(root.business_criticality);
  if (criticality) sections.push(`Business criticality: ${normalizeEnum(criticality)}.`);
  const questions = Object.entries(obj(root.questions) ?? {});
  if (questions.length > 0) {
    sections.push(`Questions:\n${questions.map(([q, a]) => `- ${q} ${typeof a === 'string' && a.trim() !== '' ? `— ${a.trim()}` : '(unanswered)'}`).join('\n')}`);
    report.mapped(`${questions.length} question(s)`, 'system description');
  }
  if (sections.length > 0) system.description = sections.join('\n\n');
  const date = str(root.date);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) system.reviewed_at = date;
  const authors = [str(obj(root.author)?.name), ...arr(root.contributors).map((c) => str(obj(c)?.name))].filter((s): s is string => s !== undefined);
  if (authors.length > 0) system.authors = authors;
  const homepage = str(obj(root.author)?.homepage);
  if (homepage) system.links = [{ title: `${authors[0] ?? 'Author'} homepage`, url: homepage }];
  const imageCount = [obj(root.business_overview)?.images, obj(root.technical_overview)?.images].reduce<number>((n, v) => n + arr(v).length, 0);
  if (imageCount > 0) report.dropped(`${imageCount} overview image(s)`, 'images referenced by file name are not kept in a model');
  const tagsAvailable = strings(root.tags_available);
  if (tagsAvailable.length > 0) report.dropped('tags_available', 'the list of allowed tags is not kept; the tags used on elements are');
  reportUnknownFields(report, 'data asset', entries(root.data_assets).map(([, o]) => o));
  reportUnknownFields(report, 'technical asset', techEntries.map(([, o]) => o));
  reportUnknownFields(report, 'communication link', techEntries.flatMap(([, o]) => entries(o.communication_links).map(([, l]) => l)));
  reportUnknownFields(report, 'trust boundary', boundaryEntries.map(([, o]) => o));
  reportUnknownFields(report, 'shared runtime', entries(root.shared_runtimes).map(([, o]) => o));
  reportUnknownFields(report, 'risk tracking entry', entries(root.risk_tracking).map(([, o]) => o));
  for (const key of Object.keys(root)) {
    if (!KNOWN_TOP.has(key) && !key.startsWith('diagram_tweak')) report.dropped(`section "${key}"`, 'not a Threagile section this importer knows; check the spelling, or map it by hand');
  }
  const tweaks = Object.keys(root).filter((k) => k.startsWith('diagram_tweak'));
  if (tweaks.length > 0) report.dropped(tweaks.join(', '), 'Threagile diagram layout hints have no meaning for Threatwright diagrams');
  const includes = strings(root.includes);
  if (includes.length > 0) report.dropped(`includes (${includes.join(', ')})`, 'included files are not read: import each file and use include: in the model');

  const model: Model = compact({ threatwright: 1 as const, system, components, assets, flows, boundaries, dependencies, threats, mitigations, attack_trees: attackTrees });
  report.created('components', components.length);
  report.created('flows', flows.length);
  report.created('boundaries', boundaries.length);
  report.created('assets', assets.length);
  report.created('threats', threats.length);
  report.created('mitigations', mitigations.length);
  if (dependencies.length > 0) report.created('dependencies', dependencies.length);
  if (attackTrees.length > 0) report.created('attack_trees', attackTrees.length);
  return finishImport(model, report, fileName);
}

export const importer: Importer = {
  format: 'threagile',
  name: 'Threagile',
  extensions: ['.yaml', '.yml'],
  detect: (text) => {
    const s = sniff(text);
    if (s.syntax !== 'yaml') return false;
    return s.keys.has('threagile_version') || (s.keys.has('technical_assets') && (s.keys.has('data_assets') || s.keys.has('trust_boundaries') || s.keys.has('risk_tracking')));
  },
  import: (text, options) => importThreagile(text, options.fileName),
};
