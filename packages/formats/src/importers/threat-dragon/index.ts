/**
 * OWASP Threat Dragon importer: v2 (X6 cells under `cell.data`) and v1 (JointJS cells under
 * `diagramJson`), every diagram of a model. Trust boundary boxes give membership by geometry;
 * curves (including the legacy misspelled `trust-broundary-curve`) enclose nothing, so the flows
 * drawn across them get the curve in `crosses` (computed from the drawing, and read from
 * `trustBoundaryIds`, which Threat Dragon 2.6 and later record on flows). A box named for the
 * internet, the public or customers is untrusted; flows marked "public network" cross one shared
 * untrusted boundary. Types come from Threat Dragon's flags, else are guessed from names (each guess
 * reported); browsers and client apps drawn as processes become external entities. Flags with a
 * meaning in the property catalogue become properties or assets; Threat Dragon writes `false` for
 * every flag nobody set, so only `true` is read. Threats become manual threats, their mitigation
 * text a mitigation; the derived threats our exporter wrote (a fingerprint in their `threatwright`
 * object) come back as the decisions about their findings, with what was changed in Threat Dragon.
 */
import { BoundarySchema, builtinTaxonomy, ComponentSchema, FINGERPRINT_PATTERN, FlowSchema, isBand, MitigationSchema, ModelSchema, SystemSchema, ThreatSchema } from '@threatwright/core';
import type { Asset, Boundary, Component, ComponentKind, Flow, Mitigation, Model, ThreatEntry } from '@threatwright/core';
import type { z } from 'zod';
import type { ImportResult, Importer } from '../../types.js';
import { arr, closest, compact, isObj, num, obj, own, str, table, yes, type Obj } from '../../shared/data.js';
import { parseJsonText } from '../../shared/decode.js';
import { IdAllocator } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { mapCategory, mapSeverity, mapStatus, oneLine, titleFrom } from '../../shared/threats.js';
import { digest, tdSeverity, tdStatus } from '../../shared/threat-dragon.js';
import { SELF_FLOW_REASON } from '../../shared/model-rules.js';
import { finishImport } from '../../shared/conform.js';
import { CLIENT_TYPES, inferType, isStoreType } from '../../shared/infer-type.js';
import { crossesLine, line, MAX_POINTS, MAX_SEGMENT_PAIRS, type Line, type Point } from '../../shared/crossings.js';
import { untrustedByName } from './trust.js';

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

/** Threat Dragon's element and flow flags, all written as false in new cells. */
const FLAGS = ['isEncrypted', 'isPublicNetwork', 'isBidirectional', 'providesAuthentication', 'storesCredentials', 'isALog', 'isSigned', 'handlesCardPayment', 'handlesGoodsOrServices', 'isWebApplication', 'storesInventory'] as const;

/** The boundary that stands for Threat Dragon's "public network" flag on flows. */
const PUBLIC_NETWORK = 'Public network';

type SharedAsset = 'credentials' | 'payment-card';
const SHARED_ASSETS: Record<SharedAsset, Omit<Asset, 'id'>> = {
  credentials: { name: 'Credentials', type: 'credentials', description: 'Credentials stored in the data stores Threat Dragon marks as storing credentials.' },
  'payment-card': { name: 'Payment card data', type: 'payment-card', description: 'Card data handled by the processes Threat Dragon marks as handling card payments.' },
};

interface CurveInfo {
  id: string;
  cell: Cell;
  line: Line | undefined;
  /** The flows found to cross it, as report text. */
  flows: string[];
}

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
    // A cell drawn without a label but described (boundary curves often are) is named after its description.
    const described = str(c.data['description']);
    if (described !== undefined && oneLine(described) !== '') {
      const text = oneLine(described);
      const name = text.length <= 60 ? text : `${text.slice(0, 60).replace(/\s+\S*$/u, '')} …`;
      if (!quiet) report.adjusted(`${KIND_LABEL[c.kind]} ${c.foreignId} in "${c.diagram}"`, `has no name; named after its description: "${name}"`);
      return name;
    }
    unnamed[fallback] = (unnamed[fallback] ?? 0) + 1;
    const name = `${fallback} ${unnamed[fallback]}`;
    if (!quiet) report.adjusted(`${KIND_LABEL[c.kind]} ${c.foreignId} in "${c.diagram}"`, `has no name; named "${name}"`);
    return name;
  };

  // Boundaries first, so elements can be placed in them.
  const boxes: { id: string; rect: Rect; diagram: string }[] = [];
  /** Curves drawn by Threat Dragon (not kept by our exporter), with the flows found to cross them. */
  const curves: CurveInfo[] = [];
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
    const boundary = boundaries.at(-1);
    const untrusted = c.kind === 'box' ? untrustedByName(c.name) : undefined;
    if (boundary && untrusted) {
      boundary.trust = 'untrusted';
      report.adjusted(`trust boundary box ${c.foreignId} ("${boundary.name}")`, `its name says "${untrusted}": trust set to untrusted (0)`);
    }
    if (c.kind === 'curve') {
      const points = curvePoints(c.raw, diagramOffset.get(c.diagram) ?? 0);
      curves.push({ id, cell: c, line: points ? line(points) : undefined, flows: [] });
    }
    report.mapped(`${KIND_LABEL[c.kind]} ${c.foreignId}${c.raw['shape'] === 'trust-broundary-curve' ? ' (legacy shape "trust-broundary-curve")' : ''}`, `boundary ${id}${c.kind === 'curve' && !c.name ? ` (no name; named "${boundary?.name ?? ''}")` : ''}`);
  }
  for (const b of boxes) {
    if (boundaries.find((x) => x.id === b.id) && extIdsOfBoxes.has(b.id)) continue;
    const parent = smallestContaining(boxes.filter((o) => o !== b && o.diagram === b.diagram && contains(o.rect, b.rect)));
    const boundary = boundaries.find((x) => x.id === b.id);
    if (parent && boundary) boundary.parent = parent.id;
  }

  const curveByCell = new Map(curves.map((c) => [c.cell.foreignId, c]));
  /** Threat Dragon 2.6 and later record crossings on both sides: `trustBoundaryIds` on flows, `crossingFlows` on boundaries. */
  const recordedCrossings = new Map<string, CurveInfo[]>();
  for (const curve of curves) {
    for (const ref of arr(curve.cell.data['crossingFlows'])) {
      if (typeof ref !== 'string') continue;
      const list = recordedCrossings.get(ref) ?? [];
      if (!list.includes(curve)) list.push(curve);
      recordedCrossings.set(ref, list);
    }
  }
  const recordsCrossings = cells.some((c) => (c.kind === 'flow' && Array.isArray(c.data['trustBoundaryIds'])) || ((c.kind === 'curve' || c.kind === 'box') && Array.isArray(c.data['crossingFlows'])));
  const cellByForeign = new Map<string, Cell>();
  for (const c of cells) if (!cellByForeign.has(c.foreignId)) cellByForeign.set(c.foreignId, c);
  const budget = { pairs: MAX_SEGMENT_PAIRS };
  const elementsByDiagram = new Map<string, Cell[]>();
  let skippedGeometry = 0;
  let publicNetworkId: string | undefined;

  const assets: Asset[] = [];
  const assetIds = new Map<SharedAsset, string>();
  /** One asset per kind of data Threat Dragon's flags name, shared by every element flagged. */
  const sharedAsset = (type: SharedAsset): string => {
    const known = assetIds.get(type);
    if (known) return known;
    const id = ids.allocate('asset');
    assetIds.set(type, id);
    assets.push({ id, ...SHARED_ASSETS[type] });
    report.adjusted(`asset ${id} ("${SHARED_ASSETS[type].name}")`, `added for Threat Dragon's ${type === 'credentials' ? 'storesCredentials' : 'handlesCardPayment'} flag, so the analysis knows what the flagged elements hold`);
    return id;
  };

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
    const label = `${KIND_LABEL[c.kind]} ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`;
    const flagged: string[] = [];
    let kind: ComponentKind = KIND_MAP[c.kind];
    let type: string | undefined;
    const processed: string[] = [];
    const stored: string[] = [];
    if (yes(d['isALog'])) {
      type = 'logs';
      flagged.push('isALog → type logs');
    }
    if (yes(d['isWebApplication'])) {
      type = 'web-app';
      flagged.push('isWebApplication → type web-app');
    }
    if (yes(d['providesAuthentication'])) {
      properties['authenticates_users'] = true;
      flagged.push('providesAuthentication → authenticates_users: true');
    }
    if (yes(d['isEncrypted']) && c.kind === 'store') {
      properties['encrypted_at_rest'] = true;
      flagged.push('isEncrypted → encrypted_at_rest: true');
    }
    if (yes(d['storesCredentials'])) {
      stored.push(sharedAsset('credentials'));
      flagged.push(`storesCredentials → stores asset ${sharedAsset('credentials')} (credentials)`);
    }
    if (yes(d['handlesCardPayment'])) {
      processed.push(sharedAsset('payment-card'));
      flagged.push(`handlesCardPayment → processes asset ${sharedAsset('payment-card')} (payment-card)`);
    }
    // Flags the property catalogue has no meaning for: kept under their own names, read by no rule.
    if (yes(d['isSigned'])) {
      properties['signed'] = true;
      flagged.push('isSigned → signed: true (not in the property catalogue)');
    }
    if (yes(d['handlesGoodsOrServices'])) {
      properties['handles_goods_or_services'] = true;
      flagged.push('handlesGoodsOrServices → handles_goods_or_services: true (not in the property catalogue)');
    }
    if (yes(d['storesInventory'])) {
      properties['stores_inventory'] = true;
      flagged.push('storesInventory → stores_inventory: true (not in the property catalogue)');
    }
    const privilege = str(d['privilegeLevel']);
    if (privilege) {
      properties['privilege_level'] = oneLine(privilege);
      flagged.push('privilegeLevel → privilege_level (not in the property catalogue)');
    }
    const description = str(d['description']);
    if (type === undefined) {
      const guess = inferType(kind, c.name, description);
      if (guess) {
        type = guess.type;
        report.adjusted(label, `type guessed from the ${guess.from}: ${guess.type} (from "${guess.matched}"); set \`type:\` to correct it`);
      }
    } else {
      const other = inferType(kind, c.name, description);
      if (other && other.type !== type) report.adjusted(label, `type ${type} from Threat Dragon's flag, though its ${other.from} suggests ${other.type}: set \`type:\` if it is one`);
    }
    if (kind === 'process' && type !== undefined && CLIENT_TYPES.has(type)) {
      kind = 'external-entity';
      report.adjusted(label, `drawn as a process, but a ${type} is a client of the system, in users' hands: imported as an external entity (untrusted unless a boundary around it states a trust); set \`kind: process\` to correct it`);
    }
    if (kind === 'process' && type !== undefined && isStoreType(type)) {
      kind = 'datastore';
      report.adjusted(label, `drawn as a process, but a ${type} is where data rests: imported as a data store, so the rules about stored data apply; set \`kind: process\` to correct it`);
    }
    if (flagged.length > 0) report.mapped(`flags of ${label}`, flagged.join('; '));
    const box = c.rect ? smallestContaining(boxes.filter((b) => b.diagram === c.diagram && containsPoint(b.rect, centre(c.rect as Rect)))) : undefined;
    const outOfScope = yes(d['outOfScope']);
    components.push(
      compact({
        id,
        name: nameOr(c, c.kind === 'actor' ? 'External entity' : c.kind === 'store' ? 'Data store' : 'Process'),
        kind,
        type,
        description,
        boundary: box?.id,
        tags: diagrams.length > 1 ? [`diagram:${c.diagram}`] : undefined,
        properties,
        assets: processed.length + stored.length > 0 ? compact({ processed, stored }) : undefined,
        out_of_scope: outOfScope ? true : undefined,
        reason: outOfScope ? str(d['reasonOutOfScope']) : undefined,
      }),
    );
    if (c.rect) positions[id] = c.rect;
    report.mapped(label, `component ${id}${box ? ` in boundary ${box.id}` : ''}${outOfScope ? `, out of scope${str(d['reasonOutOfScope']) ? ' (with its reason)' : ''}` : ''}`);
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
    const label = `flow ${c.foreignId} ("${c.name ? oneLine(c.name) : ''}")`;
    const flagged: string[] = [];
    const written = str(d['protocol']) ? oneLine(str(d['protocol']) as string) : undefined;
    const protocol = written ? protocolName(written, yes(d['isEncrypted'])) : undefined;
    if (written) flagged.push(protocol !== written ? `protocol "${written}" → ${protocol}` : `protocol ${written}${builtinTaxonomy().protocol(written) ? '' : ' (a protocol the taxonomy does not know: whether it encrypts comes from isEncrypted alone)'}`);
    if (yes(d['isEncrypted'])) flagged.push('isEncrypted → encrypted: true');
    if (yes(d['isBidirectional'])) flagged.push('isBidirectional → bidirectional: true');
    const crosses = crossingsOf(c, fromId, toId);
    if (yes(d['isPublicNetwork'])) {
      crosses.push(publicNetwork());
      flagged.push(`isPublicNetwork → crosses ${publicNetwork()} ("${PUBLIC_NETWORK}", untrusted)`);
    }
    if (flagged.length > 0) report.mapped(`flags of ${label}`, flagged.join('; '));
    flows.push(
      compact({
        id,
        from: fromId,
        to: toId,
        label: c.name ? oneLine(c.name) : undefined,
        description: str(d['description']),
        protocol,
        encrypted: yes(d['isEncrypted']) ? true : undefined,
        bidirectional: yes(d['isBidirectional']) ? true : undefined,
        crosses,
        properties: { source_id: c.foreignId },
        out_of_scope: outOfScope ? true : undefined,
        reason: outOfScope ? str(d['reasonOutOfScope']) : undefined,
      }),
    );
    report.mapped(label, `flow ${id} (${fromId} → ${toId})${crosses.length > 0 ? `, crossing ${crosses.join(', ')}` : ''}${outOfScope ? `, out of scope${str(d['reasonOutOfScope']) ? ' (with its reason)' : ''}` : ''}`);
  }

  /** The id of the one boundary that stands for Threat Dragon's "public network" flag on flows. */
  function publicNetwork(): string {
    if (publicNetworkId === undefined) {
      publicNetworkId = ids.allocate('boundary');
      boundaries.push({ id: publicNetworkId, name: PUBLIC_NETWORK, type: 'network', trust: 'untrusted', description: 'The public network that Threat Dragon flows marked "public network" travel over.' });
      report.adjusted(`boundary ${publicNetworkId} ("${PUBLIC_NETWORK}")`, 'added, untrusted: every flow Threat Dragon marks as going over a public network crosses it, so the analysis sees the crossing');
    }
    return publicNetworkId;
  }

  /** Curves drawn across a flow: recorded by Threat Dragon (2.6 and later) or computed from the drawing. */
  function crossingsOf(c: Cell, fromId: string, toId: string): string[] {
    const found = new Map<string, Set<'recorded' | 'drawn'>>();
    const add = (boundary: string, how: 'recorded' | 'drawn') => {
      const set = found.get(boundary) ?? new Set();
      set.add(how);
      found.set(boundary, set);
    };
    for (const ref of arr(c.data['trustBoundaryIds'])) {
      const curve = typeof ref === 'string' ? curveByCell.get(ref) : undefined;
      if (curve) add(curve.id, 'recorded');
    }
    for (const curve of recordedCrossings.get(c.foreignId) ?? []) add(curve.id, 'recorded');
    const drawn = flowLine(c);
    if (drawn) {
      for (const curve of curves) {
        if (curve.cell.diagram !== c.diagram || !curve.line) continue;
        const crossed = crossesLine(drawn, curve.line, budget);
        if (crossed === undefined) skippedGeometry++;
        else if (crossed) add(curve.id, 'drawn');
      }
    }
    const out: string[] = [];
    for (const curve of curves) {
      const how = found.get(curve.id);
      if (!how) continue;
      out.push(curve.id);
      curve.flows.push(`${idOf.get(c.foreignId) ?? ''} (${fromId} → ${toId}${how.has('drawn') ? '' : ', recorded by Threat Dragon only'}${how.has('recorded') || !recordsCrossings ? '' : ', not recorded by Threat Dragon'})`);
    }
    return out;
  }

  /** The flow as drawn: from its source's centre (or loose point) through its bend points to its target's. */
  function flowLine(c: Cell): Line | undefined {
    const offset = diagramOffset.get(c.diagram) ?? 0;
    const endPoint = (end: 'source' | 'target'): Point | undefined => {
      const raw = obj(c.raw[end]);
      const attached = endpoint(raw);
      if (attached) {
        const rect = cellByForeign.get(attached)?.rect;
        return rect ? centre(rect) : undefined;
      }
      const x = num(raw?.['x']);
      const y = num(raw?.['y']);
      return x === undefined || y === undefined ? undefined : { x, y: y + offset };
    };
    const from = endPoint('source');
    const to = endPoint('target');
    if (!from || !to) return undefined;
    const bends = pointsOf(arr(c.raw['vertices']), offset);
    if (!bends) {
      skippedGeometry++;
      return undefined;
    }
    return line([from, ...bends, to]);
  }

  /** Positioned elements of a diagram, listed once per diagram rather than once per loose flow end. */
  function elementsIn(diagram: string): readonly Cell[] {
    let list = elementsByDiagram.get(diagram);
    if (!list) {
      list = cells.filter((o) => o.diagram === diagram && o.rect && (o.kind === 'actor' || o.kind === 'process' || o.kind === 'store'));
      elementsByDiagram.set(diagram, list);
    }
    return list;
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
    let near: { o: Cell; d: number } | undefined;
    for (const o of elementsIn(c.diagram)) {
      const d = distanceTo(o.rect as Rect, point);
      if (d <= SNAP && (!near || d < near.d)) near = { o, d };
    }
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
  /** Findings written by our exporter that were found on cells, and those with nothing decided about them. */
  const derivedSeen = new Set<string>();
  let derivedAgain = 0;
  /**
   * A derived threat our exporter wrote: the analysis derives it again, so what is kept is the
   * decision about it — the one the model had, with what was changed in Threat Dragon (status,
   * severity, a reason in the mitigation field) — keyed by its fingerprint, never a manual threat.
   */
  function derivedThreat(threat: Obj, te: Obj, fingerprint: string, elementId: string) {
    derivedSeen.add(fingerprint);
    const subject = `threat "${str(threat['title']) ?? fingerprint}" (finding ${fingerprint})`;
    const kept = fromExt(ThreatSchema, te, [], `the decision on ${fingerprint}`);
    const decision: ThreatEntry = { ...kept, fingerprint };
    const changes: string[] = [];
    const statusLabel = str(threat['status']) ?? '';
    if (statusLabel !== tdStatus(kept.status)) {
      const status = mapStatus(statusLabel);
      if (status !== undefined) {
        decision.status = status;
        changes.push(`status ${status}`);
      } else report.adjusted(subject, `status "${statusLabel}" is unknown: left ${kept.status ?? 'open'}`);
    }
    const severity = str(threat['severity']) ?? '';
    const band = str(te['band']);
    if (severity !== tdSeverity(band !== undefined && isBand(band) ? band : undefined, kept.impact)) {
      const impact = mapSeverity(severity);
      if (impact !== undefined) {
        decision.impact = impact;
        changes.push(`impact ${impact} (severity ${severity})`);
      } else report.adjusted(subject, `severity "${severity}" is not a band: the finding keeps the rule's rating`);
    }
    const digests = obj(te['written']);
    const edited = (field: 'title' | 'description' | 'mitigation'): string | undefined => {
      const text = str(threat[field]) ?? '';
      const was = str(digests?.[field]);
      return was !== undefined && was !== digest(text) ? text : undefined;
    };
    const reason = edited('mitigation')?.trim();
    if (reason !== undefined && reason !== '' && !PLACEHOLDERS.has(reason)) {
      if (decision.status !== undefined && decision.status !== 'open' && decision.status !== 'in-progress') {
        decision.justification = reason;
        changes.push('justification from its mitigation text');
      } else report.dropped(`mitigation text of ${subject}`, `edited in Threat Dragon, not kept: a finding's mitigations are the model's (add one under mitigations: with threats: [${fingerprint}]), and a reason counts once the threat is NotApplicable or Mitigated`);
    }
    const words = (['title', 'description'] as const).filter((f) => edited(f) !== undefined);
    if (words.length > 0) report.dropped(`${words.join(' and ')} of ${subject}`, 'edited in Threat Dragon, not kept: a derived threat is worded by its rule');
    if (te['decided'] === true || changes.length > 0) {
      threats.push(compact(decision));
      report.mapped(subject, `decision on ${fingerprint} (on ${elementId})${changes.length > 0 ? `, set in Threat Dragon: ${changes.join(', ')}` : ''}`);
    } else derivedAgain++;
  }
  for (const c of cells) {
    const elementId = idOf.get(c.foreignId);
    if (!elementId) continue;
    for (const t of arr(c.data['threats'])) {
      const threat = obj(t);
      if (!threat) continue;
      const foreign = str(threat['id']);
      const te = extOf(threat);
      const fingerprint = str(te?.['fingerprint']);
      if (te && te['id'] === undefined && fingerprint !== undefined && FINGERPRINT_PATTERN.test(fingerprint)) {
        report.found('derived threats');
        derivedThreat(threat, te, fingerprint, elementId);
        continue;
      }
      report.found('threats');
      if (te) {
        const kept = fromExt(ThreatSchema, te, ['title', 'description'], `threat ${str(te['id']) ?? ''}`);
        const id = kept.id !== undefined ? ids.keep('threat', kept.id) : ids.allocate('threat', foreign);
        const statusLabel = str(threat['status']) ?? '';
        const severity = str(threat['severity']);
        const band = str(te['band']);
        const entry: ThreatEntry = compact({
          ...kept,
          id,
          title: str(threat['title']),
          description: str(threat['description']),
          category: mapCategory(str(threat['type'])) ?? kept.category,
          status: tdStatus(kept.status) === statusLabel ? kept.status : (mapStatus(statusLabel) ?? kept.status),
          impact: tdSeverity(band !== undefined && isBand(band) ? band : undefined, kept.impact) === severity ? kept.impact : mapSeverity(severity),
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
  const written = new Set(arr(modelExt?.['derived']).map(str));
  for (const fp of written) {
    if (fp !== undefined && !derivedSeen.has(fp)) report.adjusted(`finding ${fp}`, 'deleted in Threat Dragon (with any decision recorded on it): the analysis derives it again from the model; to dismiss it, set its status to NotApplicable there, or record a decision');
  }
  if (derivedAgain > 0) report.mapped(`${derivedAgain} derived threat(s) without a decision`, 'not stored: the analysis derives them again from the model');
  if (placeholders > 0) report.dropped(`${placeholders} placeholder text(s)`, 'Threat Dragon\'s default "Provide a description…"/"Provide remediation…" texts are not the author\'s words');

  for (const c of cells.filter((x) => x.kind === 'text')) {
    report.found('text blocks');
    report.dropped(`text block in "${c.diagram}"`, `the model has no free-text diagram notes; the text was: ${JSON.stringify(c.name ?? '')}`);
  }
  if (droppedStyles > 0) report.dropped(`drawing styles of ${droppedStyles} cells`, 'colours, ports, markers and z-order are presentation, not part of the model');
  if (droppedVertices > 0) report.dropped(`bend points of ${droppedVertices} flows`, 'used to find the boundary curves they cross; the layout keeps element positions only, and flows are routed when drawn');
  for (const curve of curves) {
    const subject = `trust boundary curve ${curve.cell.foreignId} in "${curve.cell.diagram}" (${curve.id})`;
    if (curve.flows.length > 0) report.mapped(subject, `drawn across ${curve.flows.length} flow(s), which list it in \`crosses\`: ${curve.flows.join(', ')}`);
    else report.adjusted(subject, curve.line ? 'crosses no flow in its diagram: it changes nothing in the analysis until a flow is listed with it in `crosses`' : `its points are missing or more than ${MAX_POINTS}, so the flows it crosses are unknown: list it in \`crosses\` on the flows drawn across it`);
  }
  if (skippedGeometry > 0) report.adjusted(`${skippedGeometry} flow/curve pair(s)`, `too many bend points to follow (more than ${MAX_POINTS} on a line, or ${MAX_SEGMENT_PAIRS} segment pairs in all): not tested for crossings; list the curves in \`crosses\` by hand where they are drawn across`);
  const unstated = boundaries.filter((b) => b.trust === undefined);
  if (unstated.length > 0) {
    report.adjusted(
      `trust of ${unstated.length} boundar${unstated.length === 1 ? 'y' : 'ies'}`,
      `not stated by the file: ${unstated.map((b) => `${b.id} "${b.name}"`).join(', ')}. Until \`trust:\` is set (untrusted, low, medium, high, trusted), clients inside are untrusted and everything else is medium (50)`,
    );
  }
  const falseFlags = FLAGS.filter((f) => cells.some((c) => c.data[f] === false && !extOf(c.data)));
  if (falseFlags.length > 0) {
    report.adjusted(`flags set to false (${falseFlags.join(', ')})`, 'Threat Dragon writes false for every flag nobody set, so false is imported as not stated (the analysis asks) rather than as a fact');
  }

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

  const decisions = threats.filter((t) => t.id === undefined).length;
  for (const [section, n] of [['components', components.length], ['assets', assets.length], ['flows', flows.length], ['boundaries', boundaries.length], ['threats', threats.length - decisions], ['decisions', decisions], ['mitigations', mitigations.length]] as const) if ((section !== 'assets' && section !== 'decisions') || n > 0) report.created(section, n);
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
    assets: [...(sections.success ? (sections.data.assets ?? []) : []), ...assets],
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

/** Points of a list of `{x, y}` (shifted down by the diagram's offset); undefined when there are too many to follow. */
function pointsOf(list: readonly unknown[], offsetY: number): Point[] | undefined {
  if (list.length > MAX_POINTS) return undefined;
  const out: Point[] = [];
  for (const v of list) {
    const p = obj(v);
    const x = num(p?.['x']);
    const y = num(p?.['y']);
    if (x !== undefined && y !== undefined) out.push({ x, y: y + offsetY });
  }
  return out;
}

/** A curve as drawn: its source point, bend points and target point. */
function curvePoints(raw: Obj, offsetY: number): Point[] | undefined {
  const bends = pointsOf(arr(raw['vertices']), offsetY);
  const ends = pointsOf([raw['source'], raw['target']], offsetY);
  if (!bends || !ends || ends.length < 2) return undefined;
  return [ends[0] as Point, ...bends, ends[1] as Point];
}

/**
 * Threat Dragon's free-text protocol as a taxonomy name where one is plainly meant: "HTTP/S" on an
 * encrypted flow is https, "TLS 1.3" is tls, "HTTPS (REST)" is https. Otherwise the text as written
 * ("HTTP over TLS" names two protocols: which one the taxonomy should read is not plain).
 */
function protocolName(text: string, encrypted: boolean): string {
  const taxonomy = builtinTaxonomy();
  if (taxonomy.protocol(text)) return text;
  const lower = text.toLowerCase().trim();
  if (/^https?\s*(?:\/\s*s|\(s\)|\/\s*https?|or https?|and https?)$/.test(lower)) return encrypted ? 'https' : text;
  const words = lower.replace(/\([^)]*\)/g, ' ').trim();
  const [first = '', ...rest] = words.split(/[\s,;]+/);
  return first !== '' && taxonomy.protocol(first) && rest.every((w) => /^v?\d+(?:\.\d+)*$/.test(w)) ? first : text;
}
