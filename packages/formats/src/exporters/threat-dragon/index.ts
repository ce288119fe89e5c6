/**
 * OWASP Threat Dragon v2 exporter: one STRIDE (or LINDDUN) diagram whose cells Threat Dragon 2.x
 * opens as drawn — positioned nodes, trust boundary boxes around their members, trust boundary
 * curves across the flows that cross a boundary enclosing nothing, flows between element cells,
 * and threats on the cells they concern. Threat Dragon's checkboxes are written from the model's
 * meaning (flags.ts), so a model written by hand gets them as much as one imported from Threat Dragon.
 *
 * Derived threats are written too, on the cell of the element or flow they are about, with the
 * decision recorded about each: severity is the residual band, status Open, Mitigated or
 * NotApplicable, and the fingerprint travels in the threat's `threatwright` object, so a re-import
 * turns what was decided in Threat Dragon into decisions on the same findings (see
 * shared/export-threats.ts for which, and the words they carry).
 *
 * What Threat Dragon cannot hold (assets, shared mitigations, triage fields, other sections) travels
 * in `threatwright` objects (on cell data, on threats and under `detail`), which our importer reads
 * back so an export → import round trip keeps the model; Threat Dragon ignores them.
 */
import type { Boundary, Component, Flow, LinddunCategory, Model, ThreatCategory, ThreatEntry } from '@threatwright/core';
import type { ExportOptions, ExportReport, Exporter } from '../../types.js';
import { layoutModel, type Box } from './layout.js';
import { meaningOf } from './flags.js';
import { centre, curveFor, type Curve, type FlowPath } from './curves.js';
import { CATEGORY_LABEL } from '../../shared/threats.js';
import { extent } from '../../shared/data.js';
import { ReportBuilder } from '../../shared/report.js';
import { bandOf, derivedDescription, mitigationText, reportFound, reportLeftOut, threatsForExport, type ExportedThreat } from '../../shared/export-threats.js';
import { digest, tdSeverity, tdStatus } from '../../shared/threat-dragon.js';

/** Key of the objects that carry what Threat Dragon has no field for. */
export const TD_EXTENSION_KEY = 'threatwright';
export const TD_VERSION = '2.3.0';

const LINDDUN_LABEL: Record<LinddunCategory, string> = {
  linking: 'Linkability',
  identifying: 'Identifiability',
  'non-repudiation': 'Non-repudiation',
  detecting: 'Detectability',
  'data-disclosure': 'Disclosure of information',
  unawareness: 'Unawareness',
  'non-compliance': 'Non-compliance',
};
const STRIDE = new Set<ThreatCategory>(['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege']);

export const exporter: Exporter = {
  format: 'threat-dragon',
  name: 'OWASP Threat Dragon v2',
  extension: '.json',
  export: async (model, options) => {
    const { document, report } = await toThreatDragon(model, options);
    return { text: JSON.stringify(document, null, 2) + '\n', report };
  },
};

type Json = Record<string, unknown>;

/** A stable UUID-shaped id for a model id (Threat Dragon identifies cells and threats by UUIDs). */
export function stableUuid(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < seed.length; i++) {
      h1 = Math.imul(h1 ^ seed.charCodeAt(i), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ (seed.charCodeAt(i) + round), 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ round, 0x27d4eb2d) >>> 0;
    hex.push(((h1 ^ h2) >>> 0).toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function except(o: object, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

const PORT_GROUPS = ['top', 'right', 'bottom', 'left'] as const;
const portCircle = { r: 4, magnet: true, stroke: '#5F95FF', strokeWidth: 1, fill: '#fff', style: { visibility: 'hidden' } };
function ports(cellId: string): Json {
  return {
    groups: Object.fromEntries(PORT_GROUPS.map((g) => [g, { position: g, attrs: { circle: portCircle } }])),
    items: PORT_GROUPS.map((g) => ({ group: g, id: stableUuid(`${cellId}:${g}`) })),
  };
}

/** A threat to write on a cell: a manual threat (its entry) or a derived one (the analysis's, with its decision). */
type Placed = { kind: 'manual'; entry: ThreatEntry } | { kind: 'derived'; x: ExportedThreat };

export async function toThreatDragon(model: Model, options: ExportOptions = {}): Promise<{ document: Json; report: ExportReport }> {
  const report = new ReportBuilder('threat-dragon', TD_VERSION, { keepText: true });
  const selection = threatsForExport(model, options);
  reportFound(report, model, selection);
  const meaning = meaningOf(model);
  const { boxes, routes, source } = await layoutModel(model, meaning.lines);
  if (source === 'elk' && (model.components ?? []).length > 0) report.adjusted('layout', 'the model has no positions for every component: laid out with ELK (layered, left to right)');

  // Cell ids: the Threat Dragon id an element came from when it is unique, else a stable UUID.
  const cellId = new Map<string, string>();
  const used = new Set<string>();
  const assign = (id: string, sourceId: unknown) => {
    const wanted = typeof sourceId === 'string' && /^[0-9a-f-]{36}$/i.test(sourceId) && !used.has(sourceId) ? sourceId : stableUuid(`cell:${id}`);
    used.add(wanted);
    cellId.set(id, wanted);
  };
  for (const c of model.components ?? []) assign(c.id, c.properties?.['source_id']);
  for (const f of model.flows ?? []) assign(f.id, f.properties?.['source_id']);
  for (const b of model.boundaries ?? []) assign(b.id, undefined);

  const mitigations = new Map((model.mitigations ?? []).map((m) => [m.id, m]));
  const threatsOn = new Map<string, Placed[]>();
  const place = (target: string, p: Placed) => {
    const list = threatsOn.get(target);
    if (list) list.push(p);
    else threatsOn.set(target, [p]);
  };
  /** Entries of the model's `threats:` that no cell carries: they travel in detail.threatwright. */
  const unplaced: ThreatEntry[] = [];
  const placeable = new Set([...(model.components ?? []).map((c) => c.id), ...(model.flows ?? []).map((f) => f.id)]);
  for (const t of model.threats ?? []) {
    // A decision goes with its derived threat when that one is drawn (below).
    if (t.id === undefined && t.fingerprint !== undefined && selection.written.has(t.fingerprint)) continue;
    const target = (t.elements ?? []).find((e) => placeable.has(e));
    if (!t.id || !target) {
      unplaced.push(t);
      continue;
    }
    place(target, { kind: 'manual', entry: t });
    if ((t.elements ?? []).length > 1) report.adjusted(`threat ${t.id}`, `concerns ${(t.elements ?? []).join(', ')}; Threat Dragon keeps a threat on one cell, so it is drawn on ${target}`);
  }
  const manualUnplaced = unplaced.filter((t) => t.fingerprint === undefined).length;
  if (manualUnplaced > 0) report.adjusted(`${manualUnplaced} threats without a component or flow`, 'Threat Dragon has no place for them; kept in detail.threatwright (read back by Threatwright)');
  let severalElements = 0;
  const notDrawn: ExportedThreat[] = [];
  for (const x of selection.derived) {
    const target = x.threat.elements.find((e) => placeable.has(e));
    if (target === undefined) {
      notDrawn.push(x);
      if (x.entry) unplaced.push(x.entry);
      continue;
    }
    place(target, { kind: 'derived', x });
    if (x.threat.elements.length > 1) severalElements++;
  }
  if (severalElements > 0) report.adjusted(`${severalElements} derived threat(s) about several elements`, 'Threat Dragon keeps a threat on one cell: each is drawn on the first element or flow it concerns');
  reportLeftOut(report, model, selection, { kept: 'kept in detail.threatwright' });
  if ((model.assets ?? []).length > 0) report.adjusted('assets', 'Threat Dragon has no assets; kept in detail.threatwright (read back by Threatwright)');

  let number = 0;
  const typeLabel = (category: ThreatCategory | undefined, tags: readonly string[] | undefined): string =>
    category ? (STRIDE.has(category) ? CATEGORY_LABEL[category] : LINDDUN_LABEL[category as LinddunCategory]) : (tags?.find((x) => x.startsWith('type:'))?.slice(5) ?? '');
  const modelType = (category: ThreatCategory | undefined) => (category && !STRIDE.has(category) ? 'LINDDUN' : 'STRIDE');
  const scoreText = (cvss: string | undefined, x: ExportedThreat | undefined): string => {
    const value = x?.assessed?.risk.residual?.value;
    return cvss ?? (value !== undefined ? String(value) : '');
  };
  const tdThreat = (p: Placed): Json => {
    number++;
    if (p.kind === 'derived') return tdDerived(p.x, number);
    const t = p.entry;
    const x = t.id !== undefined ? selection.manual.get(t.id) : undefined;
    const band = bandOf(x);
    const linked = (t.mitigations ?? []).map((id) => mitigations.get(id)).filter((m) => m !== undefined);
    return {
      id: stableUuid(`threat:${t.id ?? ''}`),
      title: t.title ?? t.id ?? 'Threat',
      status: tdStatus(t.status),
      severity: tdSeverity(band, t.impact),
      type: typeLabel(t.category, t.tags),
      description: t.description ?? '',
      mitigation: linked.map((m) => (m.description ? `${m.title}\n\n${m.description}` : m.title)).join('\n\n'),
      modelType: modelType(t.category),
      new: false,
      number,
      score: scoreText(t.cvss, x),
      [TD_EXTENSION_KEY]: { ...except(t, ['title', 'description']), ...(band !== undefined ? { band } : {}) },
    };
  };
  /**
   * A derived threat: the rule's words, the decision's status, the band as severity. Its extension
   * holds the decision as the model has it (or only the fingerprint), and digests of the texts
   * written, so an import tells what was edited in Threat Dragon.
   */
  const tdDerived = (x: ExportedThreat, n: number): Json => {
    const t = x.threat;
    const band = bandOf(x);
    const status = x.entry?.status;
    const description = derivedDescription(x);
    // Threat Dragon asks for the reason in the mitigation field of a threat that is not applicable.
    const mitigation = tdStatus(status) === 'NotApplicable' && x.entry?.justification !== undefined ? x.entry.justification : mitigationText(x, mitigations);
    return {
      id: stableUuid(`threat:${t.id}`),
      title: t.title,
      status: tdStatus(status),
      severity: tdSeverity(band, t.impact),
      type: typeLabel(t.category, undefined),
      description,
      mitigation,
      modelType: modelType(t.category),
      new: false,
      number: n,
      score: scoreText(t.cvss, x),
      [TD_EXTENSION_KEY]: {
        ...(x.entry ? { ...except(x.entry, []), decided: true } : { fingerprint: t.id }),
        rule: t.ruleId,
        confidence: t.confidence,
        ...(band !== undefined ? { band } : {}),
        written: { title: digest(t.title), description: digest(description), mitigation: digest(mitigation) },
      },
    };
  };

  // One Threat Dragon diagram per `diagram:<name>` tag on components (as imports of several
  // diagrams or drawing surfaces tag them); otherwise a single diagram.
  const diagramOf = (c: Component) => c.tags?.find((t) => t.startsWith('diagram:'))?.slice('diagram:'.length);
  const groupNames = [...new Set((model.components ?? []).map(diagramOf).filter((d) => d !== undefined))];
  const multi = groupNames.length >= 2;
  const groupOf = new Map((model.components ?? []).map((c) => [c.id, multi ? (diagramOf(c) ?? model.system.name) : model.system.name]));
  const groups = multi ? [...new Set(groupOf.values())] : [model.system.name];
  const boundaryParent = new Map((model.boundaries ?? []).map((b) => [b.id, b.parent]));
  const undrawnFlows: Flow[] = [];
  const drawnBoundaries = new Set<string>();
  const offsets: Record<string, number> = {};
  // A boundary with no members in any diagram goes to the diagram whose elements are nearest vertically.
  const span = new Map<string, [number, number]>();
  for (const g of groups) {
    const ys = (model.components ?? [])
      .filter((c) => groupOf.get(c.id) === g)
      .flatMap((c) => {
        const b = boxes.get(c.id);
        return b ? [b.y, b.y + b.height] : [];
      });
    span.set(g, extent(ys) ?? [0, 0]);
  }
  const homeOf = new Map<string, string>();
  for (const c of model.components ?? []) for (let b = c.boundary; b && !homeOf.has(b); b = boundaryParent.get(b)) homeOf.set(b, groupOf.get(c.id) ?? '');
  // A line goes to the diagram of the first flow that crosses it.
  for (const f of model.flows ?? []) for (const b of f.crosses ?? []) if (meaning.lines.has(b) && !homeOf.has(b) && groupOf.has(f.from)) homeOf.set(b, groupOf.get(f.from) ?? '');
  for (const b of model.boundaries ?? []) {
    const box = boxes.get(b.id);
    if (homeOf.has(b.id) || !box) continue;
    const distance = (g: string) => {
      const [lo, hi] = span.get(g) ?? [0, 0];
      return box.y < lo ? lo - box.y : box.y > hi ? box.y - hi : 0;
    };
    homeOf.set(b.id, [...groups].sort((a, c) => distance(a) - distance(c))[0] ?? '');
  }
  let z = 1;
  const diagramCells = groups.map((group) => {
    const members = (model.components ?? []).filter((c) => groupOf.get(c.id) === group);
    const memberIds = new Set(members.map((c) => c.id));
    const inGroup = new Set<string>();
    for (const c of members) for (let b = c.boundary; b && !inGroup.has(b); b = boundaryParent.get(b)) inGroup.add(b);
    for (const [b, home] of homeOf) if (home === group) inGroup.add(b);
    const flows = (model.flows ?? []).filter((f) => memberIds.has(f.from) && (memberIds.has(f.to) || !multi));
    if (multi) for (const f of model.flows ?? []) if (memberIds.has(f.from) && !memberIds.has(f.to)) undrawnFlows.push(f);
    const groupBoundaries = (model.boundaries ?? []).filter((b) => (multi ? inGroup.has(b.id) : true));
    // Each diagram starts near the top: remember the shift so an import puts it back.
    const ys = [...members.map((c) => boxes.get(c.id)?.y), ...groupBoundaries.map((b) => boxes.get(b.id)?.y)].filter((y) => y !== undefined);
    const shift = multi && ys.length > 0 ? (extent(ys)?.[0] ?? 0) - 40 : 0;
    if (multi) offsets[group] = shift;
    const at = (box: Box): Box => ({ ...box, y: box.y - shift });
    const cells: Json[] = [];
    const pathOf = (f: Flow): FlowPath => {
      const from = boxes.get(f.from);
      const to = boxes.get(f.to);
      return from && to ? [centre(from), ...(routes.get(f.id) ?? []), centre(to)] : [];
    };
    /** Cell ids of the curves drawn in this diagram, by boundary id. */
    const curveCells = new Map<string, string>();
    // Boundaries first and behind: boxes at z -1, curves at z 0.
    for (const b of groupBoundaries) {
      if (drawnBoundaries.has(b.id)) continue;
      const box = boxes.get(b.id);
      if (meaning.lines.has(b.id)) {
        // An untrusted line with no place of its own (the public network) is the flows' isPublicNetwork flag.
        if (!box && meaning.publicNetworks.has(b.id)) continue;
        const crossing = flows.filter((f) => f.crosses?.includes(b.id) === true);
        const curve = curveFor(box, crossing.map(pathOf), flows.filter((f) => !crossing.includes(f)).map(pathOf));
        if (!curve) continue;
        const id = cellId.get(b.id) ?? '';
        drawnBoundaries.add(b.id);
        curveCells.set(b.id, id);
        const up = (p: { x: number; y: number }) => ({ x: p.x, y: p.y - shift });
        cells.push(curveCell(b, { source: up(curve.source), target: up(curve.target), vertices: curve.vertices.map(up) }, id, crossing.map((f) => cellId.get(f.id) ?? '')));
        continue;
      }
      if (!box) continue;
      drawnBoundaries.add(b.id);
      cells.push(boundaryCell(b, at(box), cellId.get(b.id) ?? ''));
    }
    for (const c of members) cells.push(componentCell(c, at(boxes.get(c.id) ?? { x: 0, y: 0, width: 100, height: 100 }), cellId.get(c.id) ?? '', z++, (threatsOn.get(c.id) ?? []).map(tdThreat), meaning.component(c)));
    for (const f of flows) {
      const curves = (f.crosses ?? []).map((b) => curveCells.get(b)).filter((id) => id !== undefined);
      const flags = { ...meaning.flow(f), ...(curves.length > 0 ? { trustBoundaryIds: curves } : {}) };
      cells.push(flowCell(f, cellId, z++, (threatsOn.get(f.id) ?? []).map(tdThreat), (routes.get(f.id) ?? []).map((p) => ({ x: p.x, y: p.y - shift })), flags));
    }
    return { group, cells };
  });
  for (const b of model.boundaries ?? []) {
    if (drawnBoundaries.has(b.id)) continue;
    const crossing = (model.flows ?? []).filter((f) => f.crosses?.includes(b.id) === true).map((f) => f.id);
    const detail = meaning.publicNetworks.has(b.id)
      ? `untrusted, encloses nothing and is crossed by ${crossing.join(', ')}: written as Threat Dragon's "public network" flag on those flows, not drawn (kept in detail.threatwright)`
      : meaning.lines.has(b.id)
        ? `encloses nothing and the flows crossing it (${crossing.join(', ')}) are not drawn: not drawn (kept in detail.threatwright)`
        : 'has no members and no position: not drawn (kept in detail.threatwright)';
    report.adjusted(`boundary ${b.id}`, detail);
  }
  for (const f of undrawnFlows) report.adjusted(`flow ${f.id}`, `goes from one diagram to another (${groupOf.get(f.from) ?? ''} → ${groupOf.get(f.to) ?? ''}); Threat Dragon cannot draw it, kept in detail.threatwright`);
  // Threats on flows that are not drawn: manual ones and decisions travel in the extension.
  const undrawnThreats: ThreatEntry[] = [];
  for (const f of undrawnFlows) {
    for (const p of threatsOn.get(f.id) ?? []) {
      if (p.kind === 'manual') undrawnThreats.push(p.entry);
      else {
        notDrawn.push(p.x);
        if (p.x.entry) undrawnThreats.push(p.x.entry);
      }
    }
  }
  if (notDrawn.length > 0) {
    const decided = notDrawn.filter((x) => x.entry !== undefined).length;
    report.dropped(`${notDrawn.length} derived threat(s) on no drawn element or flow`, `${notDrawn.map((x) => x.threat.id).join(', ')}: Threat Dragon keeps threats on elements and flows only${decided > 0 ? `; the ${decided} decision(s) about them are kept in detail.threatwright` : ''}`);
  }
  const undrawn = new Set(notDrawn);
  const drawn = selection.derived.filter((x) => !undrawn.has(x));
  const undrawnFlowIds = new Set(undrawnFlows.map((f) => f.id));
  for (const [target, list] of threatsOn) {
    if (undrawnFlowIds.has(target)) continue;
    for (const p of list) report.mapped(p.kind === 'manual' ? `threat ${p.entry.id ?? ''}` : `finding ${p.x.threat.id}`, `threat on the cell of ${target}${p.kind === 'derived' && p.x.entry?.status !== undefined ? `, ${p.x.entry.status}` : ''}`);
  }
  if (drawn.length > 0) {
    report.adjusted(`${drawn.length} derived threat(s)`, 'written on the cell of the element or flow each is about; severity is the residual band, and the fingerprint, rule, confidence and band are kept in the threat\'s threatwright object, so importing the file back keeps decisions on the same findings');
    const exact = drawn.filter((x) => x.entry?.status !== undefined && !['open', 'mitigated', 'not-applicable'].includes(x.entry.status)).length;
    if (exact > 0) report.adjusted(`${exact} decision(s) with a status Threat Dragon has not (in progress, accepted, transferred, false positive)`, 'written as Open or NotApplicable; the exact status, response and acceptance are kept in the threat\'s threatwright object');
  }

  const categories = [...(model.threats ?? []).map((t) => t.category), ...drawn.map((x) => x.threat.category)].filter((c) => c !== undefined);
  const diagramType = categories.length > 0 && categories.every((c) => !STRIDE.has(c)) ? 'LINDDUN' : 'STRIDE';
  const { name, description, owner, authors, ...systemRest } = model.system;
  const sections: Json = except(model, ['threatwright', 'system', 'components', 'flows', 'boundaries', 'threats', 'mitigations', 'layout']);
  const extension = except(
    {
      system: Object.keys(systemRest).length > 0 ? systemRest : undefined,
      sections: Object.keys(sections).length > 0 ? sections : undefined,
      mitigations: model.mitigations,
      threats: unplaced.length + undrawnThreats.length > 0 ? [...unplaced, ...undrawnThreats] : undefined,
      boundaries: (model.boundaries ?? []).filter((b) => !drawnBoundaries.has(b.id)),
      flows: undrawnFlows.length > 0 ? undrawnFlows : undefined,
      diagram_offsets: multi ? offsets : undefined,
      generated_layout: source === 'elk' ? true : undefined,
      threat_order: (model.threats ?? []).map((t) => t.id ?? t.fingerprint ?? ''),
      // The findings written on cells, so an import can say which ones were deleted in Threat Dragon.
      derived: drawn.length > 0 ? drawn.map((x) => x.threat.id) : undefined,
    },
    [],
  );
  if (Array.isArray(extension['boundaries']) && extension['boundaries'].length === 0) delete extension['boundaries'];

  const document: Json = {
    version: TD_VERSION,
    summary: { title: name, owner: owner ?? '', description: description ?? '', id: 0 },
    detail: {
      contributors: (authors ?? []).map((a) => ({ name: a })),
      diagrams: diagramCells.map(({ group, cells }, id) => ({
        id,
        title: group,
        diagramType,
        placeholder: diagramType === 'LINDDUN' ? 'New LINDDUN diagram description' : 'New STRIDE diagram description',
        thumbnail: diagramType === 'LINDDUN' ? './public/content/images/thumbnail.linddun.jpg' : './public/content/images/thumbnail.stride.jpg',
        version: TD_VERSION,
        cells,
      })),
      diagramTop: diagramCells.length,
      reviewer: '',
      threatTop: number,
      [TD_EXTENSION_KEY]: extension,
    },
  };
  report.created('diagrams', diagramCells.length);
  report.created('cells', diagramCells.reduce((n, d) => n + d.cells.length, 0));
  report.created('threats', number);
  return { document, report: report.build() };
}

function boundaryCell(b: Boundary, box: Box, id: string): Json {
  return {
    position: { x: box.x, y: box.y },
    size: { width: box.width, height: box.height },
    attrs: { label: { text: b.name } },
    visible: true,
    shape: 'trust-boundary-box',
    id,
    zIndex: -1,
    data: { type: 'tm.BoundaryBox', name: b.name, description: b.description ?? '', isTrustBoundary: true, hasOpenThreats: false, [TD_EXTENSION_KEY]: except(b, ['name', 'description']) },
  };
}

const SHAPE = { process: 'process', datastore: 'store', 'external-entity': 'actor' } as const;
const TYPE = { process: 'tm.Process', datastore: 'tm.Store', 'external-entity': 'tm.Actor' } as const;

const label = (text: string): Json => ({
  markup: [
    { tagName: 'ellipse', selector: 'labelBody' },
    { tagName: 'text', selector: 'labelText' },
  ],
  attrs: { labelText: { text, textAnchor: 'middle', textVerticalAnchor: 'middle' }, labelBody: { ref: 'labelText', refRx: '50%', refRy: '60%', fill: '#fff', strokeWidth: 0 } },
  position: 0.5,
});

/** A boundary that encloses nothing, drawn as Threat Dragon's trust boundary curve across the flows that cross it. */
function curveCell(b: Boundary, curve: Curve, id: string, crossingFlows: string[]): Json {
  return {
    shape: 'trust-boundary-curve',
    attrs: { line: { targetMarker: '', sourceMarker: '' } },
    width: 200,
    height: 100,
    zIndex: 0,
    labels: [label(b.name)],
    connector: 'smooth',
    data: { type: 'tm.Boundary', name: b.name, description: b.description ?? '', isTrustBoundary: true, hasOpenThreats: false, crossingFlows, [TD_EXTENSION_KEY]: except(b, ['name', 'description']) },
    id,
    source: curve.source,
    target: curve.target,
    vertices: curve.vertices,
  };
}

function componentCell(c: Component, box: Box, id: string, zIndex: number, threats: Json[], kindData: Json): Json {
  const open = threats.some((t) => t['status'] === 'Open');
  const stroke = open ? { stroke: 'red', strokeWidth: 2.5, strokeDasharray: null } : { stroke: '#333333', strokeWidth: 1, strokeDasharray: null };
  return {
    position: { x: box.x, y: box.y },
    size: { width: box.width, height: box.height },
    attrs: { text: { text: c.name }, ...(c.kind === 'datastore' ? { topLine: stroke, bottomLine: stroke } : { body: stroke }) },
    visible: true,
    shape: SHAPE[c.kind],
    ports: ports(id),
    id,
    zIndex,
    data: {
      name: c.name,
      description: c.description ?? '',
      type: TYPE[c.kind],
      isTrustBoundary: false,
      outOfScope: c.out_of_scope === true,
      reasonOutOfScope: c.reason ?? '',
      threats,
      hasOpenThreats: open,
      ...kindData,
      [TD_EXTENSION_KEY]: except(c, ['name', 'description', 'out_of_scope', 'reason']),
    },
  };
}

function flowCell(f: Flow, cellId: Map<string, string>, zIndex: number, threats: Json[], vertices: { x: number; y: number }[], flags: Json): Json {
  const open = threats.some((t) => t['status'] === 'Open');
  return {
    shape: 'flow',
    attrs: { line: { stroke: open ? 'red' : '#333333', targetMarker: { name: 'block' }, sourceMarker: { name: f.bidirectional ? 'block' : '' }, strokeDasharray: null } },
    width: 200,
    height: 100,
    zIndex,
    labels: [label(f.label ?? '')],
    connector: 'smooth',
    data: {
      type: 'tm.Flow',
      name: f.label ?? '',
      description: f.description ?? '',
      outOfScope: f.out_of_scope === true,
      reasonOutOfScope: f.reason ?? '',
      hasOpenThreats: open,
      ...flags,
      protocol: f.protocol ?? '',
      threats,
      [TD_EXTENSION_KEY]: except(f, ['label', 'description', 'out_of_scope', 'reason', 'from', 'to']),
    },
    id: cellId.get(f.id) ?? '',
    source: { cell: cellId.get(f.from) ?? '' },
    target: { cell: cellId.get(f.to) ?? '' },
    vertices,
  };
}
