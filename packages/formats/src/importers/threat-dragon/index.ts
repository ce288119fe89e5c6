/**
 * OWASP Threat Dragon importer: v2 (X6 cells under `cell.data`) and v1 (JointJS cells under
 * `diagramJson`), every diagram of a model. Trust boundary boxes give membership by geometry;
 * curves (including the legacy misspelled `trust-broundary-curve`) become boundaries whose sides
 * the file does not record. Threats become manual threats, their mitigation text a mitigation.
 */
import { BoundarySchema, ComponentSchema, FlowSchema, MitigationSchema, ModelSchema, SystemSchema, ThreatSchema } from '@threatwright/core';
import type { Boundary, Component, Flow, Mitigation, Model, ThreatEntry } from '@threatwright/core';
import type { z } from 'zod';
import type { ImportResult, Importer } from '../../types.js';
import { arr, closest, compact, isObj, num, obj, own, str, table, yes, type Obj } from '../../shared/data.js';
import { parseJsonText } from '../../shared/decode.js';
import { IdAllocator } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { mapCategory, mapSeverity, mapStatus, oneLine, severityLabel, titleFrom } from '../../shared/threats.js';
import { SELF_FLOW_REASON } from '../../shared/model-rules.js';
import { finishImport } from '../../shared/conform.js';

/** Key of the objects our Threat Dragon exporter adds for what Threat Dragon has no field for. */
const EXT = 'threatwright';

type Kind = 'actor' | 'process' | 'store' | 'flow' | 'box' | 'curve' | 'text';

const BY_TYPE = table<Kind>({
  'tm.Actor': 'actor',
  'tm.Process': 'process',
  'tm.Store': 'store',
  'tm.Flow': 'flow',
  'tm.Boundary': 'curve',
  'tm.BoundaryBox': 'box',
  'tm.Text': 'text',
});
const BY_SHAPE = table<Kind>({
  actor: 'actor',
  process: 'process',
  store: 'store',
  flow: 'flow',
  'trust-boundary-box': 'box',
  'trust-boundary-curve': 'curve',
  'trust-broundary-curve': 'curve',
  'td-text-block': 'text',
});
const KIND_LABEL: Record<Kind, string> = { actor: 'actor', process: 'process', store: 'store', flow: 'flow', box: 'trust boundary box', curve: 'trust boundary curve', text: 'text block' };

/** Default texts Threat Dragon puts in new threats: not the user's words, so not imported. */
const PLACEHOLDERS = new Set(['Provide a description for this threat', 'Provide remediation for this threat or a reason if status is N/A', 'New STRIDE threat', 'New threat']);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Cell {
  raw: Obj;
  /** Where the domain data lives: `cell.data` in v2, the cell itself in v1. */
  data: Obj;
  kind: Kind;
  foreignId: string;
  name: string | undefined;
  rect: Rect | undefined;
  diagram: string;
}

export const importer: Importer = {
  format: 'threat-dragon',
  name: 'OWASP Threat Dragon',
  extensions: ['.json'],
  detect: (text) => {
    const s = sniff(text);
    return s.syntax === 'json' && s.keys.has('summary') && (s.keys.has('detail') || s.keys.has('details'));
  },
  import: importThreatDragon,
};

export function importThreatDragon(text: string, options: { fileName: string }): ImportResult {
  const file = options.fileName;
  const report = new ReportBuilder('threat-dragon');
  const reject = (message: string, hint?: string): ImportResult => ({ model: undefined, report: report.build(), issues: [rejection(file, 'bad-threat-dragon', message, hint)] });

  const parsed = parseJsonText(text, file, 'Threat Dragon JSON');
  if (!parsed.ok) return { model: undefined, report: report.build(), issues: [parsed.issue] };
  const root = obj(parsed.value);
  if (!root) return reject('not a Threat Dragon model: the top level is not an object');
  for (const key of ['summary', 'detail']) {
    if (!isObj(root[key])) {
      const near = closest(key, Object.keys(root).filter((k) => k !== key));
      return reject(
        `not a valid Threat Dragon model: the top-level "${key}" object is missing${near ? ` (found "${near}" — misspelled?)` : ''}`,
        'Threat Dragon files have "summary" and "detail" at the top level. Re-save the model from Threat Dragon, or fix the key.',
      );
    }
  }
  const summary = root['summary'] as Obj;
  const detail = root['detail'] as Obj;
  if (!Array.isArray(detail['diagrams'])) return reject('not a valid Threat Dragon model: "detail.diagrams" is not a list', 'Re-save the model from Threat Dragon.');
  const version = str(root['version']);
  report.version = version ?? '1.x';

  const ids = new IdAllocator();
  const cells: Cell[] = [];
  const positions: NonNullable<NonNullable<Model['layout']>['positions']> = {};
  let offsetY = 0;
  const diagramOffset = new Map<string, number>();
  let droppedStyles = 0;
  let droppedVertices = 0;

  const diagrams = arr(detail['diagrams']);
  report.found('diagrams', diagrams.length);
  diagrams.forEach((d, index) => {
    const diagram = obj(d) ?? {};
    const title = str(diagram['title']) ?? `diagram ${index + 1}`;
    const recorded = num(own(obj(obj(detail[EXT])?.['diagram_offsets']), title));
    if (recorded !== undefined) offsetY = recorded;
    const v1 = isObj(diagram['diagramJson']);
    const rawCells = v1 ? arr(obj(diagram['diagramJson'])?.['cells']) : arr(diagram['cells']);
    let maxY = 0;
    let counted = 0;
    for (const rc of rawCells) {
      const raw = obj(rc);
      if (!raw) continue;
      const data = v1 ? raw : (obj(raw['data']) ?? {});
      const type = str(data['type']) ?? str(raw['type']);
      const kind = (type ? BY_TYPE.get(type) : undefined) ?? BY_SHAPE.get(str(raw['shape']) ?? '');
      const foreignId = str(raw['id']) ?? `${title}#${counted}`;
      if (!kind) {
        report.dropped(`cell ${foreignId} in "${title}"`, `unknown cell type "${type ?? str(raw['shape']) ?? '?'}": not a Threat Dragon element`);
        continue;
      }
      counted++;
      const position = obj(raw['position']);
      const size = obj(raw['size']);
      const rect =
        position && num(position['x']) !== undefined && num(position['y']) !== undefined
          ? { x: num(position['x']) ?? 0, y: (num(position['y']) ?? 0) + offsetY, width: num(size?.['width']) ?? 0, height: num(size?.['height']) ?? 0 }
          : kind === 'curve'
            ? curveBox(raw, offsetY)
            : undefined;
      if (rect) maxY = Math.max(maxY, rect.y + rect.height);
      if (raw['attrs'] !== undefined || raw['ports'] !== undefined) droppedStyles++;
      if (kind === 'flow' && arr(raw['vertices']).length > 0) droppedVertices++;
      cells.push({ raw, data, kind, foreignId, name: cellName(raw, data, kind), rect, diagram: title });
    }
    report.mapped(`diagram "${title}"`, `${counted} cells${str(diagram['diagramType']) ? ` (${str(diagram['diagramType'])})` : ''}${diagrams.length > 1 && offsetY > 0 ? `, placed below the previous diagram (y + ${offsetY})` : ''}`);
    diagramOffset.set(title, offsetY);
    if (diagrams.length > 1) offsetY = maxY + 100;
  });

  // Files written by our exporter carry `threatwright` objects: read them back, keeping their ids.
  const modelExt = obj(detail[EXT]);
  const extOf = (o: Obj): Obj | undefined => obj(o[EXT]);
  const fromExt = <T extends z.ZodObject>(schema: T, e: Obj | undefined, native: readonly string[], what: string): Partial<z.infer<T>> => {
    if (!e) return {};
    const picked: Obj = {};
    for (const k of Object.keys(schema.shape)) if (!native.includes(k) && e[k] !== undefined) picked[k] = e[k];
    const parsed = schema.partial().safeParse(picked);
    if (!parsed.success) report.dropped(`Threatwright fields of ${what}`, `they no longer match the model schema: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.success ? (parsed.data as Partial<z.infer<T>>) : {};
  };
  const extIds: string[] = [];
  for (const c of cells) {
    const e = extOf(c.data);
    if (typeof e?.['id'] === 'string') extIds.push(e['id']);
    for (const t of arr(c.data['threats'])) {
      const id = obj(obj(t)?.[EXT])?.['id'];
      if (typeof id === 'string') extIds.push(id);
    }
  }
  const extMitigations = modelExt ? arr(modelExt['mitigations']).map(obj).filter((m): m is Obj => m !== undefined) : undefined;
  for (const m of extMitigations ?? []) if (typeof m['id'] === 'string') extIds.push(m['id']);
  ids.reserve(extIds);
  const idFor = (kind: 'component' | 'flow' | 'boundary', c: Cell): string => {
    const e = extOf(c.data);
    return typeof e?.['id'] === 'string' ? ids.keep(kind, e['id']) : ids.allocate(kind, c.foreignId);
  };

  const components: Component[] = [];
  const flows: Flow[] = [];
  const boundaries: Boundary[] = [];
  const threats: ThreatEntry[] = [];
  const mitigations: Mitigation[] = [];
  const idOf = new Map<string, string>();
  const unnamed: Record<string, number> = {};
  const nameOr = (c: Cell, fallback: string, quiet = false) => {
    if (c.name) return oneLine(c.name);
    unnamed[fallback] = (unnamed[fallback] ?? 0) + 1;
    const name = `${fallback} ${unnamed[fallback]}`;
    if (!quiet) report.adjusted(`${KIND_LABEL[c.kind]} ${c.foreignId} in "${c.diagram}"`, `has no name; named "${name}"`);
    return name;
  };

  // Boundaries first, so elements can be placed in them.
  const boxes: { id: string; rect: Rect; diagram: string }[] = [];
  /** Boundaries whose nesting and membership come from the extension, not from geometry. */
  const extIdsOfBoxes = new Set<string>();
  for (const c of cells.filter((x) => x.kind === 'box' || x.kind === 'curve')) {
    report.found('boundaries');
    if (idOf.has(c.foreignId)) continue;
    const id = idFor('boundary', c);
    idOf.set(c.foreignId, id);
    const e = extOf(c.data);
    boundaries.push(compact({ ...fromExt(BoundarySchema, e, ['id', 'name', 'description'], `boundary ${id}`), id, name: nameOr(c, 'Trust boundary', c.kind === 'curve'), description: str(c.data['description']) }));
    if (e) {
      if (c.rect) positions[id] = c.rect;
      if (c.kind === 'box' && c.rect) boxes.push({ id, rect: c.rect, diagram: c.diagram });
      extIdsOfBoxes.add(id);
      report.mapped(`${KIND_LABEL[c.kind]} ${c.foreignId}`, `boundary ${id}`);
      continue;
    }
    if (c.rect) positions[id] = c.rect;
    if (c.kind === 'box' && c.rect) boxes.push({ id, rect: c.rect, diagram: c.diagram });
    if (c.kind !== 'box' || !c.rect) report.adjusted(`trust boundary curve ${c.foreignId} in "${c.diagram}"`, `${c.name ? '' : `has no name, named "${boundaries.at(-1)?.name ?? ''}"; `}a curve does not record which elements are on which side: set \`boundary: ${id}\` on the components inside it`);
    report.mapped(`${KIND_LABEL[c.kind]} ${c.foreignId}${c.raw['shape'] === 'trust-broundary-curve' ? ' (legacy shape "trust-broundary-curve")' : ''}`, `boundary ${id}`);
  }
  for (const b of boxes) {
    if (boundaries.find((x) => x.id === b.id) && extIdsOfBoxes.has(b.id)) continue;
    const parent = smallestContaining(boxes.filter((o) => o !== b && o.diagram === b.diagram && contains(o.rect, b.rect)));
    const boundary = boundaries.find((x) => x.id === b.id);
    if (parent && boundary) boundary.parent = parent.id;
  }

  const KIND_MAP = { actor: 'external-entity', process: 'process', store: 'datastore' } as const;
  for (const c of cells) {
    if (c.kind !== 'actor' && c.kind !== 'process' && c.kind !== 'store') continue;
    report.found('elements');
    if (idOf.has(c.foreignId)) {
      report.adjusted(`${KIND_LABEL[c.kind]} ${c.foreignId}`, `appears in more than one diagram; kept once as ${idOf.get(c.foreignId) ?? ''}`);
      continue;
    }
    const id = idFor('component', c);
    idOf.set(c.foreignId, id);
    const d = c.data;
    const e = extOf(d);
    if (e) {
      const outOfScope = yes(d['outOfScope']);
      components.push(compact({ ...fromExt(ComponentSchema, e, ['id', 'name', 'description', 'out_of_scope', 'reason'], `component ${id}`), id, name: nameOr(c, 'Element'), description: str(d['description']), out_of_scope: outOfScope ? true : undefined, reason: outOfScope ? str(d['reasonOutOfScope']) : undefined }) as Component);
      if (c.rect) positions[id] = c.rect;
      report.mapped(`${KIND_LABEL[c.kind]} ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`, `component ${id}`);
      continue;
    }
    const properties: Record<string, string | boolean> = { source_id: c.foreignId };
    let type: string | undefined;
    if (c.kind === 'store') {
      if (yes(d['isALog'])) type = 'logs';
      if (yes(d['storesCredentials'])) properties['stores_credentials'] = true;
      if (yes(d['isEncrypted'])) properties['encrypted_at_rest'] = true;
      if (yes(d['isSigned'])) properties['signed'] = true;
    } else if (c.kind === 'process') {
      if (yes(d['isWebApplication'])) type = 'web-app';
      if (yes(d['handlesCardPayment'])) properties['handles_card_payment'] = true;
      if (yes(d['handlesGoodsOrServices'])) properties['handles_goods_or_services'] = true;
      const privilege = str(d['privilegeLevel']);
      if (privilege) properties['privilege_level'] = privilege;
    } else if (yes(d['providesAuthentication'])) properties['provides_authentication'] = true;
    const box = c.rect ? smallestContaining(boxes.filter((b) => b.diagram === c.diagram && containsPoint(b.rect, centre(c.rect as Rect)))) : undefined;
    const outOfScope = yes(d['outOfScope']);
    components.push(
      compact({
        id,
        name: nameOr(c, c.kind === 'actor' ? 'External entity' : c.kind === 'store' ? 'Data store' : 'Process'),
        kind: KIND_MAP[c.kind],
        type,
        description: str(d['description']),
        boundary: box?.id,
        tags: diagrams.length > 1 ? [`diagram:${c.diagram}`] : undefined,
        properties,
        out_of_scope: outOfScope ? true : undefined,
        reason: outOfScope ? str(d['reasonOutOfScope']) : undefined,
      }),
    );
    if (c.rect) positions[id] = c.rect;
    report.mapped(`${KIND_LABEL[c.kind]} ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`, `component ${id}${box ? ` in boundary ${box.id}` : ''}`);
  }

  for (const c of cells.filter((x) => x.kind === 'flow')) {
    report.found('flows');
    const fromId = resolveEnd(c, 'source');
    const toId = resolveEnd(c, 'target');
    if (!fromId || !toId) {
      const which = !fromId && !toId ? 'either end' : !fromId ? 'its source' : 'its target';
      report.dropped(`flow ${c.foreignId} ("${c.name ?? ''}")`, `not connected to an element at ${which} (a loose line in the diagram); connect it in Threat Dragon or add the flow by hand`);
      dropThreats(c, 'its flow was dropped');
      continue;
    }
    if (fromId === toId) {
      report.dropped(`flow ${c.foreignId} ("${c.name ?? ''}")`, SELF_FLOW_REASON);
      dropThreats(c, 'its flow was dropped');
      continue;
    }
    const id = idFor('flow', c);
    idOf.set(c.foreignId, id);
    const d = c.data;
    const outOfScope = yes(d['outOfScope']);
    const e = extOf(d);
    if (e) {
      flows.push(compact({ ...fromExt(FlowSchema, e, ['id', 'from', 'to', 'label', 'description', 'out_of_scope', 'reason'], `flow ${id}`), id, from: fromId, to: toId, label: c.name ? oneLine(c.name) : undefined, description: str(d['description']), out_of_scope: outOfScope ? true : undefined, reason: outOfScope ? str(d['reasonOutOfScope']) : undefined }));
      report.mapped(`flow ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`, `flow ${id} (${fromId} → ${toId})`);
      continue;
    }
    flows.push(
      compact({
        id,
        from: fromId,
        to: toId,
        label: c.name ? oneLine(c.name) : undefined,
        description: str(d['description']),
        protocol: str(d['protocol']),
        encrypted: yes(d['isEncrypted']) ? true : undefined,
        bidirectional: yes(d['isBidirectional']) ? true : undefined,
        properties: { source_id: c.foreignId, ...(yes(d['isPublicNetwork']) ? { public_network: true } : {}) },
        out_of_scope: outOfScope ? true : undefined,
        reason: outOfScope ? str(d['reasonOutOfScope']) : undefined,
      }),
    );
    report.mapped(`flow ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`, `flow ${id} (${fromId} → ${toId})`);
  }

  /** The element a flow end is attached to; a loose end within SNAP of one element's outline is attached to it. */
  function resolveEnd(c: Cell, end: 'source' | 'target'): string | undefined {
    const raw = obj(c.raw[end]);
    const attached = endpoint(raw);
    if (attached) return idOf.get(attached);
    const x = num(raw?.['x']);
    const y = num(raw?.['y']);
    if (x === undefined || y === undefined) return undefined;
    const point = { x, y: y + (diagramOffset.get(c.diagram) ?? 0) };
    const near = cells
      .filter((o) => o.diagram === c.diagram && o.rect && (o.kind === 'actor' || o.kind === 'process' || o.kind === 'store'))
      .map((o) => ({ o, d: distanceTo(o.rect as Rect, point) }))
      .filter((x) => x.d <= SNAP)
      .sort((a, b) => a.d - b.d)[0];
    const id = near ? idOf.get(near.o.foreignId) : undefined;
    if (near && id) report.adjusted(`flow ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`, `its ${end} is a loose point ${Math.round(near.d)}px from "${near.o.name ? oneLine(near.o.name) : id}": attached to ${id}`);
    return id;
  }

  function dropThreats(c: Cell, why: string) {
    for (const t of arr(c.data['threats'])) {
      report.found('threats');
      report.dropped(`threat "${str(obj(t)?.['title']) ?? '?'}"`, why);
    }
  }

  let placeholders = 0;
  for (const c of cells) {
    const elementId = idOf.get(c.foreignId);
    if (!elementId) continue;
    for (const t of arr(c.data['threats'])) {
      const threat = obj(t);
      if (!threat) continue;
      report.found('threats');
      const foreign = str(threat['id']);
      const te = extOf(threat);
      if (te) {
        const kept = fromExt(ThreatSchema, te, ['title', 'description'], `threat ${str(te['id']) ?? ''}`);
        const id = kept.id !== undefined ? ids.keep('threat', kept.id) : ids.allocate('threat', foreign);
        const statusLabel = str(threat['status']) ?? '';
        const bucket = kept.status === 'mitigated' ? 'Mitigated' : kept.status === 'not-applicable' || kept.status === 'false-positive' ? 'NotApplicable' : 'Open';
        const severity = str(threat['severity']);
        const entry: ThreatEntry = compact({
          ...kept,
          id,
          title: str(threat['title']),
          description: str(threat['description']),
          category: mapCategory(str(threat['type'])) ?? kept.category,
          status: bucket === statusLabel ? kept.status : (mapStatus(statusLabel) ?? kept.status),
          impact: (severityLabel(kept.impact) ?? 'TBD') === severity ? kept.impact : mapSeverity(severity),
        });
        threats.push(entry);
        report.mapped(`threat "${entry.title ?? ''}"`, `threat ${id} on ${elementId}`);
        continue;
      }
      const id = ids.allocate('threat', foreign);
      const rawTitle = str(threat['title']);
      const title = rawTitle && !PLACEHOLDERS.has(rawTitle) ? rawTitle : `Threat to ${c.name ? oneLine(c.name) : elementId}`;
      const typeLabel = str(threat['type']);
      const category = mapCategory(typeLabel);
      const statusLabel = str(threat['status']);
      const status = mapStatus(statusLabel);
      const impact = mapSeverity(str(threat['severity']));
      const score = str(threat['score']);
      let description = str(threat['description']);
      if (description && PLACEHOLDERS.has(description.trim())) {
        description = undefined;
        placeholders++;
      }
      const tags: string[] = [];
      const modelType = str(threat['modelType']);
      if (typeLabel && !category) {
        tags.push(`type:${typeLabel}`);
        report.adjusted(`threat "${title}"`, `type "${typeLabel}"${modelType ? ` (${modelType})` : ''} is not STRIDE or LINDDUN: kept as tag "type:${typeLabel}" with no category`);
      }
      if (score && !score.startsWith('CVSS:')) tags.push(`score:${score}`);
      if (statusLabel && !status) report.adjusted(`threat "${title}"`, `status "${statusLabel}" is unknown: left unset (open)`);
      const entry: ThreatEntry = compact({
        id,
        title,
        description,
        category,
        elements: [elementId],
        status,
        impact,
        cvss: score?.startsWith('CVSS:') ? score : undefined,
        tags,
      });
      const mitigationText = str(threat['mitigation']);
      if (mitigationText && !PLACEHOLDERS.has(mitigationText.trim()) && !extMitigations) {
        const rid = ids.allocate('mitigation');
        mitigations.push(compact({ id: rid, title: titleFrom(mitigationText), description: mitigationText.trim() === titleFrom(mitigationText) ? undefined : mitigationText, threats: [id], status: status === 'mitigated' ? ('implemented' as const) : undefined }));
        entry.mitigations = [rid];
        report.found('mitigations');
      } else if (mitigationText) placeholders++;
      threats.push(entry);
      report.mapped(`threat "${rawTitle ?? ''}"${foreign ? ` (${foreign})` : ''}`, `threat ${id} on ${elementId}${entry.mitigations ? ` with mitigation ${entry.mitigations.join(', ')}` : ''}`);
    }
  }
  if (placeholders > 0) report.dropped(`${placeholders} placeholder text(s)`, 'Threat Dragon\'s default "Provide a description…"/"Provide remediation…" texts are not the author\'s words');

  for (const c of cells.filter((x) => x.kind === 'text')) {
    report.found('text blocks');
    report.dropped(`text block in "${c.diagram}"`, `the model has no free-text diagram notes; the text was: ${JSON.stringify(c.name ?? '')}`);
  }
  if (droppedStyles > 0) report.dropped(`drawing styles of ${droppedStyles} cells`, 'colours, ports, markers and z-order are presentation, not part of the model');
  if (droppedVertices > 0) report.dropped(`bend points of ${droppedVertices} flows`, 'the layout keeps element positions only; flows are routed when drawn');

  if (modelExt) {
    for (const m of extMitigations ?? []) {
      const parsed = MitigationSchema.safeParse(m);
      if (parsed.success) mitigations.push(parsed.data);
      else report.dropped(`mitigation ${str(m['id']) ?? '?'} kept by a Threatwright export`, `no longer matches the model schema: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    for (const t of arr(modelExt['threats'])) {
      const parsed = ThreatSchema.safeParse(t);
      report.found('threats');
      if (parsed.success) threats.push(parsed.data.id ? { ...parsed.data, id: ids.keep('threat', parsed.data.id) } : parsed.data);
    }
    for (const f of arr(modelExt['flows'])) {
      const parsed = FlowSchema.safeParse(f);
      report.found('flows');
      if (parsed.success) flows.push({ ...parsed.data, id: ids.keep('flow', parsed.data.id) });
    }
    for (const b of arr(modelExt['boundaries'])) {
      const parsed = BoundarySchema.safeParse(b);
      report.found('boundaries');
      if (parsed.success) boundaries.push({ ...parsed.data, id: ids.keep('boundary', parsed.data.id) });
    }
  }
  const contributors = arr(detail['contributors']).map((x) => str(obj(x)?.['name'])).filter((x): x is string => x !== undefined);
  const reviewer = str(detail['reviewer']);
  const description = [str(summary['description']), reviewer ? `Reviewed by ${reviewer}.` : undefined].filter(Boolean).join('\n\n');
  if (reviewer) report.mapped('reviewer', `"Reviewed by ${reviewer}." in system.description`);
  const title = str(summary['title']);
  if (!title) report.adjusted('summary.title', 'is empty; the system is named "Imported Threat Dragon model"');

  for (const [section, list] of [['components', components], ['flows', flows], ['boundaries', boundaries], ['threats', threats], ['mitigations', mitigations]] as const) report.created(section, list.length);
  const order = modelExt ? arr(modelExt['threat_order']).map(str) : [];
  if (order.length > 0) {
    const rank = (t: ThreatEntry) => {
      const i = order.indexOf(t.id ?? t.fingerprint);
      return i < 0 ? order.length : i;
    };
    threats.sort((a, b) => rank(a) - rank(b));
  }
  const sections = ModelSchema.partial().safeParse(obj(modelExt?.['sections']) ?? {});
  if (!sections.success) report.dropped('sections kept by a Threatwright export', `they no longer match the model schema: ${sections.error.issues[0]?.message ?? ''}`);
  const systemExt = SystemSchema.partial().safeParse(obj(modelExt?.['system']) ?? {});
  const model: Model = compact({
    ...(sections.success ? sections.data : {}),
    threatwright: 1 as const,
    system: compact({ ...(systemExt.success ? systemExt.data : {}), name: title ? oneLine(title) : 'Imported Threat Dragon model', description: description || undefined, owner: str(summary['owner']), authors: contributors }),
    components,
    flows,
    boundaries,
    threats,
    mitigations,
    layout: Object.keys(positions).length > 0 ? { positions } : undefined,
  });
  return finishImport(model, report, file);
}

function cellName(raw: Obj, data: Obj, kind: Kind): string | undefined {
  const name = str(data['name']);
  if (name) return name;
  const attrs = obj(raw['attrs']);
  const attrText = str(obj(attrs?.['text'])?.['text']) ?? str(obj(attrs?.['label'])?.['text']);
  if (attrText) return attrText;
  if (kind === 'flow' || kind === 'curve') {
    for (const label of arr(raw['labels'])) {
      if (typeof label === 'string' && label.trim()) return label;
      const attrs = obj(obj(label)?.['attrs']);
      const t = str(obj(attrs?.['labelText'])?.['text']) ?? str(obj(attrs?.['text'])?.['text']);
      if (t) return t;
    }
  }
  return undefined;
}

/** `{cell}`, `{cell, port}` (v2) or `{id}` (v1); a loose `{x, y}` point has no element. */
function endpoint(o: Obj | undefined): string | undefined {
  return o ? (str(o['cell']) ?? str(o['id'])) : undefined;
}

function curveBox(raw: Obj, offsetY: number): Rect | undefined {
  // A loop, not Math.min(...xs): a curve may have more vertices than a call has room for arguments.
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (p: Obj | undefined) => {
    const x = num(p?.['x']);
    const y = num(p?.['y']);
    if (x === undefined || y === undefined) return;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y + offsetY);
    y1 = Math.max(y1, y + offsetY);
  };
  add(obj(raw['source']));
  add(obj(raw['target']));
  for (const v of arr(raw['vertices'])) add(obj(v));
  if (x0 === Infinity) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** How far (in diagram units) a loose flow end may be from an element's outline to count as attached to it. */
const SNAP = 40;

function distanceTo(r: Rect, p: { x: number; y: number }): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

function centre(r: Rect): { x: number; y: number } {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}
function containsPoint(r: Rect, p: { x: number; y: number }): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}
function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height && outer.width * outer.height > inner.width * inner.height;
}
function smallestContaining<T extends { rect: Rect }>(candidates: T[]): T | undefined {
  return candidates.sort((a, b) => a.rect.width * a.rect.height - b.rect.width * b.rect.height)[0];
}
