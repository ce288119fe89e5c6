/**
 * Microsoft Threat Modeling Tool (.tm7) importer.
 *
 * A .tm7 file is XML (DataContract serialisation) holding every drawing surface, the threat
 * instances the tool generated or people added, and the whole knowledge base (stencils, threat
 * templates). Elements are matched by local name because namespace prefixes vary.
 *
 * Mapping:
 * - stencils → components (kind from the generic stencil, type from the stencil, `tech` = the
 *   stencil's name in the knowledge base), connectors → flows, annotations → report notes;
 * - border boundaries → boundaries; membership and nesting computed from rectangle geometry;
 * - line boundaries → boundaries without members; each flow they cross lists them in `crosses`
 *   (the analysis counts them as crossings), and the report says which flows cross which line;
 * - trust: the tool has none, so a boundary gets one only where its stencil or name states it
 *   (trust.ts: "Internet Boundary", "Internet", "Untrusted zone"); the report lists the others;
 * - element attributes → `properties` (booleans for yes/no lists; lists left at their first option
 *   are skipped; values the stencil fixes are read too); those with a meaning in the property
 *   catalogue become facts of the element, the flow, or the element's flows (attributes.ts), each
 *   noted in the report;
 * - threat instances → manual threats on the flow (interaction) they belong to, with category,
 *   state, priority (→ impact), justification; the suggested mitigations become mitigations.
 */
import type { Boundary, Component, Dependency, Flow, Mitigation, Model, ThreatEntry, Assumption } from '@threatwright/core';
import type { ImportResult, Importer } from '../../types.js';
import { MAX_INPUT_BYTES, formatSize, stripBom } from '../../shared/decode.js';
import { compact, extent } from '../../shared/data.js';
import { IdAllocator } from '../../shared/ids.js';
import { ReportBuilder, rejection } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { curvesCross, innermost, type Curve, type Rect } from './geometry.js';
import { mapCategory, mapSeverity } from '../../shared/threats.js';
import { componentType, flowProtocol, stencilRole, type KnowledgeBaseElement, type StencilRole } from './stencils.js';
import { readAttribute, type FlowField, type FlowScope } from './attributes.js';
import { statedTrust } from './trust.js';
import { child, children, descendants, parseXml, textOf, xsiType, type XNode } from './xml.js';
import { finishImport } from '../../shared/conform.js';

type Properties = Record<string, string | number | boolean>;

interface Attribute {
  kind: string;
  displayName: string;
  value: string | undefined;
  /** A value the stencil fixes (a static list), not one somebody chose. */
  fixed: boolean;
}

interface Shape {
  guid: string;
  role: StencilRole;
  typeId: string | undefined;
  name: string;
  attributes: Attribute[];
  rect: Rect | undefined;
  curve: Curve | undefined;
  sourceGuid: string | undefined;
  targetGuid: string | undefined;
  surface: string;
}

const SHORT = (guid: string) => (guid.length > 8 ? `${guid.slice(0, 8)}…` : guid);

function num(node: XNode, name: string): number | undefined {
  const t = textOf(node, name);
  if (t === undefined || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads a `Properties` list: display attributes with their display name and (selected) value. */
function readAttributes(props: XNode | undefined, defaults: { count: number } = { count: 0 }): Attribute[] {
  const out: Attribute[] = [];
  for (const item of props?.children ?? []) {
    const kind = xsiType(item) ?? item.name;
    const displayName = textOf(item, 'DisplayName') ?? '';
    const valueNode = child(item, 'Value');
    let value: string | undefined;
    const fixed = kind === 'StaticListDisplayAttribute';
    if (fixed) {
      // A stencil's fixed value (e.g. HTTPS: Provides Confidentiality = Yes): one option, selected.
      const options = children(valueNode, 'string').map((s) => s.text);
      const index = Number(textOf(item, 'SelectedIndex') ?? '0');
      const chosen = Number.isInteger(index) ? options[index] : undefined;
      value = chosen !== undefined && !PLACEHOLDERS.has(chosen.trim().toLowerCase()) ? chosen : undefined;
    } else if (kind === 'ListDisplayAttribute') {
      const options = children(valueNode, 'string').map((s) => s.text);
      const index = Number(textOf(item, 'SelectedIndex') ?? '0');
      const chosen = Number.isInteger(index) ? options[index] : undefined;
      // The first option is the tool's default ("Select", "Not Selected", or "No" on yes/no
      // lists): nobody chose it, so it is not a fact; the analysis asks instead of assuming.
      // A list with a single option is a fixed value of the stencil (e.g. Code Type: Managed).
      const defaulted = index === 0 && options.length > 1;
      value = chosen !== undefined && !defaulted && !PLACEHOLDERS.has(chosen.trim().toLowerCase()) ? chosen : undefined;
      if (defaulted) defaults.count++;
    } else if (valueNode && valueNode.attrs.nil !== 'true') {
      value = valueNode.text;
    }
    out.push({ kind, displayName, value, fixed });
  }
  return out;
}

function attr(attributes: readonly Attribute[], displayName: string): string | undefined {
  return attributes.find((a) => a.displayName === displayName)?.value;
}

/** `Azure Postgres DB TLS Enforced` → `azure_postgres_db_tls_enforced`. */
export function propertyKey(displayName: string): string {
  return displayName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

function propertyValue(value: string): string | boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return value.trim();
}

/** Plain text from the tool's descriptions, which may embed HTML links. */
function plainText(value: string): string {
  return value
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/gi, (_m, href: string, label: string) => (label.trim() === href.trim() || label.trim() === '' ? href : `${label} (${href})`))
    .replace(/<[^>]+>/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const HANDLED_ATTRIBUTES = new Set(['Name', 'Out Of Scope', 'Reason For Out Of Scope', 'Dataflow Order']);
const PLACEHOLDERS = new Set(['select', 'not selected', 'not applicable', '']);

/** A fact for an element's flows, drawn from one of its attributes; applied once every flow exists. */
interface FlowFact {
  owner: string;
  subject: string;
  attribute: string;
  scope: FlowScope;
  field: FlowField;
  value: boolean;
  reading: string;
}

/** Status from the tool's threat state. */
function threatStatus(state: string | undefined): { status: 'open' | 'mitigated' | 'not-applicable'; note?: string } {
  switch ((state ?? '').toLowerCase()) {
    case 'mitigated':
      return { status: 'mitigated' };
    case 'notapplicable':
      return { status: 'not-applicable' };
    case 'needsinvestigation':
      return { status: 'open', note: 'needs investigation' };
    case 'notstarted':
    case 'autogenerated':
    case '':
      return { status: 'open' };
    default:
      return { status: 'open', note: `state "${state ?? ''}"` };
  }
}

/** First sentence of a text, for a mitigation title. */
function titleFrom(text: string, max = 120): string {
  const first = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}

function splitList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n|;/)
    .map((s) => s.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((s) => s !== '');
}

function reject(fileName: string, report: ReportBuilder, message: string, hint: string, at?: { line: number; column: number }): ImportResult {
  return { model: undefined, report: report.build(), issues: [rejection(fileName, 'tm7-invalid', message, hint, at)] };
}

function importTm7(text: string, fileName: string): ImportResult {
  const report = new ReportBuilder('tm7');
  if (text.length > MAX_INPUT_BYTES) {
    return reject(fileName, report, `file is ${formatSize(text.length)}, larger than the ${formatSize(MAX_INPUT_BYTES)} accepted`, 'Check that this is the right file.');
  }
  const body = stripBom(text);
  const start = body.search(/\S/);
  if (start < 0 || body[start] !== '<') {
    const zip = body.startsWith('PK');
    return reject(
      fileName,
      report,
      zip ? 'not a Threat Modeling Tool model: the file is a ZIP archive, not XML' : 'not a Threat Modeling Tool model: the file is not XML',
      'A .tm7 file is the XML that the Threat Modeling Tool saves; open the model in the tool and use File › Save As to get one.',
    );
  }
  const parsed = parseXml(body);
  if (!parsed.ok) return reject(fileName, report, parsed.message, parsed.hint, parsed.at);
  const root = parsed.root;
  if (root.name !== 'ThreatModel') {
    return reject(fileName, report, `not a Threat Modeling Tool model: the XML root is <${root.name}>, expected <ThreatModel>`, 'Check that this file was saved by the Microsoft Threat Modeling Tool.');
  }
  const version = textOf(root, 'Version');
  if (version) report.version = version;

  // ---- knowledge base ------------------------------------------------------------------------
  const kbNode = child(root, 'KnowledgeBase');
  const kb = new Map<string, KnowledgeBaseElement>();
  for (const section of ['GenericElements', 'StandardElements']) {
    for (const et of children(child(kbNode, section), 'ElementType')) {
      const id = textOf(et, 'Id');
      if (id) kb.set(id, { id, name: textOf(et, 'Name') ?? id, parentId: textOf(et, 'ParentId') });
    }
  }
  const kbName = textOf(child(kbNode, 'Manifest'), 'Name');
  /** Display labels of threat properties (custom templates add their own, keyed by name). */
  const threatLabels = new Map<string, string>();
  for (const datum of descendants(child(kbNode, 'ThreatMetaData') ?? { name: '', attrs: {}, children: [], text: '' }, 'ThreatMetaDatum')) {
    const key = textOf(datum, 'Name');
    const labelText = textOf(datum, 'Label');
    if (key && labelText) threatLabels.set(key, labelText);
  }

  // ---- shapes on every drawing surface -------------------------------------------------------
  const surfaces = children(child(root, 'DrawingSurfaceList'), 'DrawingSurfaceModel');
  report.found('diagrams', surfaces.length);
  const shapes: Shape[] = [];
  const surfaceNames: string[] = [];
  const listDefaults = { count: 0 };
  for (const [index, surface] of surfaces.entries()) {
    const surfaceName = textOf(surface, 'Header') ?? attr(readAttributes(child(surface, 'Properties')), 'Name') ?? `Diagram ${index + 1}`;
    surfaceNames.push(surfaceName);
    for (const section of ['Borders', 'Lines']) {
      for (const kv of children(child(surface, section), 'KeyValueOfguidanyType')) {
        const value = child(kv, 'Value');
        if (!value) continue;
        const guid = textOf(value, 'Guid') ?? textOf(kv, 'Key') ?? '';
        const typeId = textOf(value, 'TypeId');
        const attributes = readAttributes(child(value, 'Properties'), listDefaults);
        const role = stencilRole(textOf(value, 'GenericTypeId'), typeId, kb);
        const name = (attr(attributes, 'Name') ?? '').trim();
        if (!role) {
          report.found('elements');
          report.dropped(`stencil ${SHORT(guid)} (${name || typeId || 'unnamed'})`, `its stencil type "${typeId ?? '?'}" is not in the file's knowledge base, so its DFD kind is unknown`);
          continue;
        }
        const left = num(value, 'Left');
        const top = num(value, 'Top');
        const width = num(value, 'Width');
        const height = num(value, 'Height');
        const sx = num(value, 'SourceX');
        const sy = num(value, 'SourceY');
        const tx = num(value, 'TargetX');
        const ty = num(value, 'TargetY');
        const hx = num(value, 'HandleX');
        const hy = num(value, 'HandleY');
        shapes.push({
          guid,
          role,
          typeId,
          name,
          attributes,
          rect: left !== undefined && top !== undefined ? { left, top, width: width ?? 0, height: height ?? 0 } : undefined,
          curve: sx !== undefined && sy !== undefined && tx !== undefined && ty !== undefined ? { source: { x: sx, y: sy }, target: { x: tx, y: ty }, handle: hx !== undefined && hy !== undefined ? { x: hx, y: hy } : undefined } : undefined,
          sourceGuid: textOf(value, 'SourceGuid'),
          targetGuid: textOf(value, 'TargetGuid'),
          surface: surfaceName,
        });
      }
    }
  }

  const ids = new IdAllocator();
  const components: Component[] = [];
  const flows: Flow[] = [];
  const boundaries: Boundary[] = [];
  const positions: Record<string, { x: number; y: number; width?: number; height?: number }> = {};
  const idByGuid = new Map<string, string>();
  const multiSurface = surfaces.length > 1;

  // Diagrams are stacked top to bottom in the layout.
  const surfaceOffset = new Map<string, number>();
  let offset = 0;
  for (const name of surfaceNames) {
    surfaceOffset.set(name, offset);
    const onIt = shapes.filter((s) => s.surface === name && s.rect);
    const bottom = Math.max(0, extent(onIt.map((s) => (s.rect as Rect).top + (s.rect as Rect).height))?.[1] ?? 0);
    offset += bottom + 200;
  }
  if (multiSurface) report.adjusted('diagrams', `${surfaces.length} drawing surfaces are stacked top to bottom in the layout; each component is tagged diagram:<name>`);

  const place = (id: string, shape: Shape) => {
    if (!shape.rect) return;
    const dy = surfaceOffset.get(shape.surface) ?? 0;
    positions[id] = { x: shape.rect.left, y: shape.rect.top + dy, width: shape.rect.width, height: shape.rect.height };
  };

  const label = (shape: Shape) => `${shape.role === 'flow' ? 'connector' : shape.role.includes('boundary') ? 'boundary' : 'stencil'} ${SHORT(shape.guid)} (${shape.name || 'unnamed'})`;

  const flowFacts: FlowFact[] = [];
  let fixedValues = 0;
  const fixedNames = new Set<string>();

  /**
   * Properties from the element's attributes that have no field of their own. Attributes with a
   * meaning in the property catalogue become facts: of the element, of the flow itself (`flow`), or
   * of the element's flows (kept in `flowFacts` until every flow exists). A value somebody chose
   * wins over one the stencil fixes.
   */
  const extraProperties = (shape: Shape, owner: string, flow?: Flow): Properties => {
    const props: Properties = { source_id: shape.guid };
    const subject = label(shape);
    const attributes = [...shape.attributes.filter((a) => a.fixed), ...shape.attributes.filter((a) => !a.fixed)];
    for (const a of attributes) {
      if (a.kind === 'HeaderDisplayAttribute' || HANDLED_ATTRIBUTES.has(a.displayName)) continue;
      if (a.value === undefined || a.value.trim() === '') continue;
      if (a.fixed) {
        fixedValues++;
        fixedNames.add(a.displayName);
      }
      const shown = `"${a.displayName}: ${a.value.trim()}"${a.fixed ? ' (fixed by the stencil)' : ''}`;
      const reading = readAttribute(shape.role, a.displayName, a.value);
      if (reading?.field && flow) {
        flow[reading.field.field] = reading.field.value;
        report.mapped(subject, `${shown} → ${reading.field.field}: ${String(reading.field.value)}`);
      }
      if (reading?.properties) {
        const set: string[] = [];
        for (const [key, value] of Object.entries(reading.properties)) {
          const before = Object.hasOwn(props, key) ? props[key] : undefined;
          if (before !== undefined && before !== value) {
            report.adjusted(subject, `${shown} would make ${key} ${String(value)}, but another attribute already made it ${String(before)}; kept ${String(before)}`);
            continue;
          }
          props[key] = value;
          set.push(`${key}: ${String(value)}`);
        }
        if (set.length > 0) {
          if (reading.reading) report.adjusted(subject, `${shown}: ${reading.reading} → ${set.join(', ')}`);
          else report.mapped(subject, `${shown} → ${set.join(', ')}`);
        }
      }
      if (reading?.flows) flowFacts.push({ owner, subject, attribute: shown, ...reading.flows, reading: reading.reading ?? 'it states this for its flows' });
      if (reading?.declined) report.adjusted(subject, `${shown}: ${reading.declined}`);
      if (reading && !reading.keepRaw) continue;
      const key = propertyKey(a.displayName);
      if (key === '' || key === 'source_id') continue;
      props[key] = propertyValue(a.value);
    }
    return props;
  };

  // ---- boundaries ----------------------------------------------------------------------------
  /** The trust the stencil or the name states; the tool has no trust field of its own. */
  const stateTrust = (b: Boundary, shape: Shape, kbType: string | undefined) => {
    const stated = statedTrust(shape.name, kbType);
    if (!stated) return;
    b.trust = stated.trust;
    report.adjusted(`boundary ${b.id} (${b.name})`, `trust ${stated.trust}, as ${stated.because} says`);
  };
  const borders = shapes.filter((s) => s.role === 'border-boundary');
  const lines = shapes.filter((s) => s.role === 'line-boundary');
  report.found('boundaries', borders.length + lines.length);
  const borderBoxes: { shape: Shape; id: string; rect: Rect }[] = [];
  for (const shape of borders) {
    const id = ids.allocate('boundary', shape.guid);
    idByGuid.set(shape.guid, id);
    const kbType = shape.typeId ? kb.get(shape.typeId)?.name : undefined;
    const b: Boundary = { id, name: shape.name || kbType || 'Trust boundary', type: 'border' };
    if (kbType && kbType !== 'Generic Trust Border Boundary') b.description = kbType;
    stateTrust(b, shape, kbType);
    boundaries.push(b);
    place(id, shape);
    if (shape.rect) borderBoxes.push({ shape, id, rect: shape.rect });
    else report.adjusted(label(shape), `boundary ${id} has no position, so no element could be placed inside it`);
    report.mapped(label(shape), `boundary ${id}`);
  }
  for (const box of borderBoxes) {
    const parent = innermost(box.rect, borderBoxes.filter((o) => o.shape.surface === box.shape.surface), { self: box, byCentre: false });
    if (parent) {
      const b = boundaries.find((x) => x.id === box.id);
      if (b) b.parent = parent.id;
    }
  }
  const lineBoundaries: { shape: Shape; id: string }[] = [];
  for (const shape of lines) {
    const id = ids.allocate('boundary', shape.guid);
    idByGuid.set(shape.guid, id);
    const kbType = shape.typeId ? kb.get(shape.typeId)?.name : undefined;
    const b: Boundary = { id, name: shape.name || kbType || 'Trust line boundary', type: 'line' };
    if (kbType && kbType !== 'Generic Trust Line Boundary') b.description = kbType;
    stateTrust(b, shape, kbType);
    boundaries.push(b);
    lineBoundaries.push({ shape, id });
    report.mapped(label(shape), `boundary ${id} (a line: it has no members; the flows that cross it are listed below)`);
  }

  const boundaryById = new Map(boundaries.map((b) => [b.id, b]));
  for (const b of boundaries) {
    if (b.trust !== undefined) continue;
    let outer = b.parent !== undefined ? boundaryById.get(b.parent) : undefined;
    for (let hops = 0; outer && outer.trust === undefined && hops < boundaries.length; hops++) outer = outer.parent !== undefined ? boundaryById.get(outer.parent) : undefined;
    const subject = `boundary ${b.id} (${b.name})`;
    if (outer?.trust !== undefined) report.adjusted(subject, `trust not stated: it takes the trust of ${outer.id} (${outer.name}) around it, ${String(outer.trust)}`);
    else if (b.type === 'line') report.adjusted(subject, 'trust not stated: a line encloses nothing, so only the flows drawn across it are affected (each counts it as a boundary crossing)');
    else report.adjusted(subject, 'trust not stated: the analysis treats it as 50; clients inside it count as untrusted');
  }

  // ---- components ----------------------------------------------------------------------------
  const nodes = shapes.filter((s) => s.role === 'process' || s.role === 'datastore' || s.role === 'external-entity');
  report.found('elements', nodes.length);
  for (const shape of nodes) {
    const id = ids.allocate('component', shape.guid);
    idByGuid.set(shape.guid, id);
    const kbType = shape.typeId ? kb.get(shape.typeId)?.name : undefined;
    const name = shape.name || kbType || 'Unnamed element';
    const c: Component = { id, name, kind: shape.role as Component['kind'] };
    const type = componentType(shape.typeId, kbType);
    if (type) c.type = type;
    if (kbType && !/^Generic /.test(kbType)) c.tech = kbType;
    if (shape.rect) {
      const container = innermost(shape.rect, borderBoxes.filter((o) => o.shape.surface === shape.surface), { byCentre: true });
      if (container) c.boundary = container.id;
    }
    if (multiSurface) c.tags = [`diagram:${shape.surface}`];
    c.properties = extraProperties(shape, id);
    if (attr(shape.attributes, 'Out Of Scope')?.toLowerCase() === 'true') {
      c.out_of_scope = true;
      const reason = attr(shape.attributes, 'Reason For Out Of Scope');
      if (reason) c.reason = reason;
    }
    if (!shape.name) report.adjusted(label(shape), `has no name; named "${name}" after its stencil`);
    if (!type && !kbType?.startsWith('Generic')) report.adjusted(label(shape), `stencil "${kbType ?? shape.typeId ?? '?'}" has no matching component type; kept as tech only`);
    components.push(c);
    place(id, shape);
    report.mapped(label(shape), `component ${id} (${c.kind}${c.type ? `, ${c.type}` : ''}${c.boundary ? `, in ${c.boundary}` : ''})`);
  }

  // ---- flows ---------------------------------------------------------------------------------
  const connectors = shapes.filter((s) => s.role === 'flow');
  report.found('flows', connectors.length);
  const flowByGuid = new Map<string, Flow>();
  const componentIds = new Set(components.map((c) => c.id));
  const answers = new Set<string>();
  for (const shape of connectors) {
    const from = shape.sourceGuid ? idByGuid.get(shape.sourceGuid) : undefined;
    const to = shape.targetGuid ? idByGuid.get(shape.targetGuid) : undefined;
    const fromIsComponent = from !== undefined && componentIds.has(from);
    const toIsComponent = to !== undefined && componentIds.has(to);
    if (!fromIsComponent || !toIsComponent) {
      report.dropped(label(shape), `a flow needs an element at both ends; its ${!fromIsComponent ? 'source' : 'target'} is ${(!fromIsComponent ? shape.sourceGuid : shape.targetGuid) ? 'not an element on the diagram' : 'not connected'}`);
      continue;
    }
    const id = ids.allocate('flow', shape.guid);
    idByGuid.set(shape.guid, id);
    const kbType = shape.typeId ? kb.get(shape.typeId)?.name : undefined;
    const f: Flow = { id, from, to };
    if (shape.name) f.label = shape.name;
    const proto = flowProtocol(shape.typeId, kbType);
    if (proto.protocol) f.protocol = proto.protocol;
    if (proto.encrypted !== undefined) f.encrypted = proto.encrypted;
    // An answer travels on the connection its request opened (the Azure template's Response stencil).
    if ((kbType !== undefined && /\bresponse\b/i.test(kbType)) || /\b(?:response|reply)\b/i.test(shape.name)) answers.add(id);
    f.properties = extraProperties(shape, id, f);
    const crossing = lineBoundaries.filter((lb) => lb.shape.surface === shape.surface && lb.shape.curve && shape.curve && curvesCross(lb.shape.curve, shape.curve)).map((lb) => lb.id);
    if (crossing.length > 0) f.crosses = crossing;
    if (attr(shape.attributes, 'Out Of Scope')?.toLowerCase() === 'true') {
      f.out_of_scope = true;
      const reason = attr(shape.attributes, 'Reason For Out Of Scope');
      if (reason) f.reason = reason;
    }
    if (multiSurface) f.tags = [`diagram:${shape.surface}`];
    flows.push(f);
    flowByGuid.set(shape.guid, f);
    report.mapped(label(shape), `flow ${id} (${from} → ${to}${crossing.length > 0 ? `, crosses ${crossing.join(', ')}` : ''})`);
  }
  for (const lb of lineBoundaries) {
    const crossers = flows.filter((f) => f.crosses?.includes(lb.id) === true).map((f) => f.id);
    if (crossers.length > 0) report.adjusted(`boundary ${lb.id} (${lb.shape.name || 'line'})`, `a line boundary has no inside; crossed by ${crossers.join(', ')} (recorded in each flow's crosses, so the analysis counts it as a boundary crossing)`);
    else report.adjusted(`boundary ${lb.id} (${lb.shape.name || 'line'})`, 'a line boundary has no inside, and no flow crosses it');
  }

  // ---- facts an element's attributes state about its flows -----------------------------------
  const kindById = new Map(components.map((c) => [c.id, c.kind]));
  const flowsFrom = new Map<string, Flow[]>();
  const flowsTo = new Map<string, Flow[]>();
  const order = new Map<Flow, number>();
  for (const f of flows) {
    order.set(f, order.size);
    (flowsFrom.get(f.from) ?? flowsFrom.set(f.from, []).get(f.from))?.push(f);
    (flowsTo.get(f.to) ?? flowsTo.set(f.to, []).get(f.to))?.push(f);
  }
  /** The flows a fact speaks for, in model order (see FlowScope). */
  const flowsOf = (fact: FlowFact): Flow[] => {
    const sent = flowsFrom.get(fact.owner) ?? [];
    if (fact.scope === 'sent') return sent;
    const requests = (flowsTo.get(fact.owner) ?? []).filter((f) => !answers.has(f.id) && kindById.get(f.from) !== 'datastore');
    if (fact.scope === 'callers') return requests;
    const replies = sent.filter((f) => kindById.get(fact.owner) === 'datastore' || answers.has(f.id));
    return [...new Set([...requests, ...replies])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
  for (const fact of flowFacts) {
    const marked: string[] = [];
    const kept: string[] = [];
    for (const f of flowsOf(fact)) {
      const before = f[fact.field];
      if (before === undefined) f[fact.field] = fact.value;
      if (before === undefined || before === fact.value) marked.push(f.id);
      else kept.push(f.id);
    }
    const outcome = marked.length > 0 ? `${fact.field}: ${String(fact.value)} on ${marked.join(', ')}` : 'no flow of it to mark';
    const conflict = kept.length > 0 ? `; ${kept.join(', ')} already state${kept.length === 1 ? 's' : ''} ${fact.field}: ${String(!fact.value)} (from the flow's own stencil or attributes), kept` : '';
    report.adjusted(fact.subject, `${fact.attribute}: ${fact.reading} → ${outcome}${conflict}`);
  }
  if (fixedValues > 0) {
    const names = [...fixedNames].slice(0, 4).map((n) => `"${n}"`).join(', ');
    report.mapped('fixed attributes', `${fixedValues} value(s) fixed by their stencil (${names}${fixedNames.size > 4 ? ', …' : ''}) were read; those with a meaning in the property catalogue became facts, the others plain properties`);
  }

  // ---- annotations ---------------------------------------------------------------------------
  const notes: string[] = [];
  for (const shape of shapes.filter((s) => s.role === 'annotation')) {
    report.found('annotations');
    const textValue = shape.name || attr(shape.attributes, 'Text') || '';
    if (textValue) notes.push(textValue);
    report.dropped(`annotation ${SHORT(shape.guid)}`, textValue ? `free text is not a DFD element; its text is kept in the system description` : 'an empty free-text annotation');
  }

  // ---- threats -------------------------------------------------------------------------------
  const threats: ThreatEntry[] = [];
  const mitigations: Mitigation[] = [];
  const mitigationByText = new Map<string, Mitigation>();
  const instances = descendants(child(root, 'ThreatInstances') ?? root, 'KeyValueOfstringThreatpc_P0_PhOB');
  const threatNodes = instances.length > 0 ? instances.map((kv) => child(kv, 'Value')).filter((v): v is XNode => v !== undefined) : [];
  // Other tool versions serialise the dictionary under a different generated name: accept any
  // ThreatInstances entry whose value has a TypeId.
  if (threatNodes.length === 0) {
    for (const kv of child(root, 'ThreatInstances')?.children ?? []) {
      const v = child(kv, 'Value');
      if (v && child(v, 'TypeId')) threatNodes.push(v);
    }
  }
  report.found('threats', threatNodes.length);
  const usedThreatIds = new Set<string>();
  let statesNeedingNote = 0;
  for (const value of threatNodes) {
    const props = new Map<string, string>();
    for (const kv of children(child(value, 'Properties'), 'KeyValueOfstringstring')) {
      const k = textOf(kv, 'Key');
      const v = textOf(kv, 'Value');
      if (k !== undefined && v !== undefined) props.set(k, v);
    }
    const toolId = textOf(value, 'Id');
    const typeId = textOf(value, 'TypeId');
    const rawTitle = props.get('Title') ?? textOf(value, 'Title') ?? '';
    const title = plainText(rawTitle) || `Threat ${toolId ?? typeId ?? ''}`.trim();
    let id = toolId && /^\d+$/.test(toolId) ? `T${toolId}` : undefined;
    if (id === undefined || usedThreatIds.has(id)) id = ids.allocate('threat', `${typeId ?? ''}:${toolId ?? threats.length}`);
    ids.reserve([id]);
    usedThreatIds.add(id);
    const t: ThreatEntry = { id, title };
    const description = props.get('UserThreatDescription') ?? textOf(value, 'UserThreatDescription');
    const extra: string[] = [];
    const KNOWN = new Set(['Title', 'UserThreatCategory', 'UserThreatShortDescription', 'UserThreatDescription', 'InteractionString', 'PossibleMitigations', 'Priority', 'SDLPhase', 'StateInformation']);
    for (const [k, v] of props) if (!KNOWN.has(k) && v.trim() !== '') extra.push(`${threatLabels.get(k) ?? k}: ${plainText(v)}`);
    const changedBy = textOf(value, 'ChangedBy')?.trim();
    const modifiedAt = textOf(value, 'ModifiedAt')?.trim();
    const realDate = modifiedAt && !modifiedAt.startsWith('0001-') ? modifiedAt.slice(0, 10) : undefined;
    if (changedBy || realDate) extra.push(`Last changed${changedBy ? ` by ${changedBy}` : ''}${realDate ? ` on ${realDate}` : ''}.`);
    const descParts = [description ? plainText(description) : '', ...extra].filter((s) => s !== '');
    if (descParts.length > 0) t.description = descParts.join('\n');
    const categoryLabel = props.get('UserThreatCategory') ?? textOf(value, 'UserThreatCategory');
    const category = mapCategory(categoryLabel);
    if (category) t.category = category;
    else if (categoryLabel) report.adjusted(`threat ${id}`, `category "${categoryLabel}" is neither a STRIDE nor a LINDDUN category; kept as tag category:${propertyKey(categoryLabel)}`);
    // The interaction a threat belongs to: FlowGuid, or the middle of "source:flow:target".
    const flowGuid = textOf(value, 'FlowGuid') ?? textOf(value, 'InteractionKey')?.split(':')[1];
    const flow = flowGuid ? flowByGuid.get(flowGuid) : undefined;
    const elements: string[] = [];
    if (flow) elements.push(flow.id);
    else {
      for (const g of [textOf(value, 'SourceGuid'), textOf(value, 'TargetGuid')]) {
        const el = g ? idByGuid.get(g) : undefined;
        if (el && !elements.includes(el)) elements.push(el);
      }
      if (flowGuid && !/^0{8}-/.test(flowGuid)) report.adjusted(`threat ${id}`, `its interaction (connector ${SHORT(flowGuid)}) is not on any diagram; linked to ${elements.length > 0 ? elements.join(', ') : 'no element'}`);
    }
    if (elements.length > 0) t.elements = elements;
    const state = threatStatus(textOf(value, 'State'));
    t.status = state.status;
    if (state.note) statesNeedingNote++;
    const justification = textOf(value, 'StateInformation') ?? props.get('StateInformation');
    if (justification && justification.trim() !== '') t.justification = plainText(justification);
    const priority = textOf(value, 'Priority') ?? props.get('Priority');
    const impact = mapSeverity(priority);
    if (impact !== undefined) t.impact = impact;
    const tags: string[] = [];
    if (typeId) tags.push(`tmt:${typeId}`);
    if (state.note) tags.push(propertyKey(state.note).replace(/_/g, '-'));
    const phase = props.get('SDLPhase');
    if (phase) tags.push(`sdl-phase:${propertyKey(phase).replace(/_/g, '-')}`);
    if (categoryLabel && !category) tags.push(`category:${propertyKey(categoryLabel)}`);
    if (priority && impact === undefined) tags.push(`priority:${propertyKey(priority)}`);
    if (tags.length > 0) t.tags = tags;
    const mitigationText = props.get('PossibleMitigations');
    if (mitigationText && plainText(mitigationText) !== '') {
      const full = plainText(mitigationText);
      let m = mitigationByText.get(full);
      if (!m) {
        m = { id: ids.allocate('mitigation', full), title: titleFrom(full), status: 'proposed', threats: [] };
        if (m.title !== full) m.description = full;
        mitigationByText.set(full, m);
        mitigations.push(m);
      }
      m.threats?.push(id);
      t.mitigations = [m.id];
    }
    threats.push(t);
    report.mapped(`threat ${toolId ?? '?'} "${title.slice(0, 60)}${title.length > 60 ? '…' : ''}"`, `threat ${id}${flow ? ` on ${flow.id}` : ''}`);
  }
  if (statesNeedingNote > 0) report.adjusted('threat states', `${statesNeedingNote} threat(s) in a state with no Threatwright equivalent (e.g. Needs Investigation) are open and tagged with the state`);
  if (threats.some((t) => t.impact !== undefined)) report.adjusted('threat priorities', 'priority High/Medium/Low became impact 4/3/2; likelihood is left for you to assess');
  if (mitigations.length > 0) report.adjusted('suggested mitigations', `the tool's "possible mitigations" texts became ${mitigations.length} proposed mitigation(s), one per distinct text, linked to their threats`);

  // ---- meta information ----------------------------------------------------------------------
  const meta = child(root, 'MetaInformation');
  const modelName = textOf(meta, 'ThreatModelName')?.trim();
  const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.tm7$/i, '');
  const system: Model['system'] = { name: modelName || baseName || 'Imported threat model' };
  if (!modelName) report.adjusted('model name', `the file has no model name; named "${system.name}" after the file`);
  const descriptionParts: string[] = [];
  const hl = textOf(meta, 'HighLevelSystemDescription')?.trim();
  if (hl) descriptionParts.push(hl);
  const reviewer = textOf(meta, 'Reviewer')?.trim();
  if (reviewer) descriptionParts.push(`Reviewer: ${reviewer}`);
  const noteTexts = descendants(child(root, 'Notes') ?? { name: '', attrs: {}, children: [], text: '' }, 'Message').map((m) => m.text.trim()).filter((s) => s !== '');
  if (noteTexts.length > 0) descriptionParts.push(`Notes:\n${noteTexts.map((n) => `- ${n}`).join('\n')}`);
  if (notes.length > 0) descriptionParts.push(`Diagram annotations:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  if (kbName) descriptionParts.push(`Imported from a Microsoft Threat Modeling Tool model (template: ${kbName}).`);
  if (descriptionParts.length > 0) system.description = descriptionParts.join('\n\n');
  const owner = textOf(meta, 'Owner')?.trim();
  if (owner) system.owner = owner;
  const contributors = splitList(textOf(meta, 'Contributors')?.replace(/,/g, ';'));
  if (contributors.length > 0) system.authors = contributors;

  const assumptions: Assumption[] = splitList(textOf(meta, 'Assumptions')).map((textValue) => ({ id: ids.allocate('assumption'), text: textValue }));
  const dependencies: Dependency[] = splitList(textOf(meta, 'ExternalDependencies')).map((textValue) => ({ id: ids.allocate('dependency'), name: textValue.length > 80 ? `${textValue.slice(0, 79)}…` : textValue, ...(textValue.length > 80 ? { description: textValue } : {}) }));

  const model: Model = compact({ threatwright: 1 as const, system, components, flows, boundaries, assumptions, dependencies, threats, mitigations, layout: Object.keys(positions).length > 0 ? { positions } : undefined });

  report.created('components', components.length);
  report.created('flows', flows.length);
  report.created('boundaries', boundaries.length);
  report.created('threats', threats.length);
  report.created('mitigations', mitigations.length);
  if (assumptions.length > 0) report.created('assumptions', assumptions.length);
  if (dependencies.length > 0) report.created('dependencies', dependencies.length);
  if (listDefaults.count > 0) report.adjusted('attributes left at their default', `${listDefaults.count} list attribute(s) still show the tool's first option (e.g. "No", "Select"); nobody chose them, so they are not imported as facts and the analysis asks about them instead`);
  report.dropped('knowledge base', `the embedded threat templates${kbName ? ` ("${kbName}")` : ''} are not imported: Threatwright derives threats with its own rules`);
  return finishImport(model, report, fileName);
}

export const importer: Importer = {
  format: 'tm7',
  name: 'Microsoft Threat Modeling Tool',
  extensions: ['.tm7'],
  detect: (text, fileName) => {
    const s = sniff(text);
    return (s.syntax === 'xml' && s.root === 'ThreatModel') || /\.tm7$/i.test(fileName);
  },
  import: (text, options) => importTm7(text, options.fileName),
};
