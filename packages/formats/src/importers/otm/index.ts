/**
 * Open Threat Model importer (0.1.0 and 0.2.0, JSON or YAML): project, trust zones (nested, trust
 * rating), components (nested), data flows, assets with CIA ratings, threats and mitigations with
 * their per-element instances and states, and diagram positions from representations.
 *
 * Files written by our own OTM exporter carry an `attributes.threatwright` object on each item with
 * the fields OTM cannot hold; they are read back so an export → import round trip loses nothing.
 */
import { AssetSchema, BoundarySchema, ComponentSchema, FINGERPRINT_PATTERN, FlowSchema, MitigationSchema, ModelSchema, SystemSchema, ThreatSchema } from '@threatwright/core';
import type { Asset, Boundary, Component, Flow, Level, Mitigation, Model, ThreatEntry, ThreatStatus } from '@threatwright/core';
import type { z } from 'zod';
import type { ImportResult, Importer } from '../../types.js';
import { arr, compact, num, obj, setOwn, str, type Obj } from '../../shared/data.js';
import { parseJsonText, parseYamlText } from '../../shared/decode.js';
import { IdAllocator, type IdKind } from '../../shared/ids.js';
import { rejection, ReportBuilder } from '../../shared/report.js';
import { sniff } from '../../shared/sniff.js';
import { mapCategory, mapStatus } from '../../shared/threats.js';
import { breakBoundaryCycles, SELF_FLOW_REASON } from '../../shared/model-rules.js';
import { finishImport } from '../../shared/conform.js';

/** Key of the attribute our exporter writes with the fields OTM has no place for. */
export const OTM_EXTENSION_KEY = 'threatwright';

export const importer: Importer = {
  format: 'otm',
  name: 'Open Threat Model',
  extensions: ['.otm', '.otm.json', '.otm.yaml', '.json', '.yaml', '.yml'],
  detect: (text) => {
    const s = sniff(text);
    return (s.syntax === 'json' || s.syntax === 'yaml') && s.keys.has('otmVersion');
  },
  import: importOtm,
};

type Positions = Record<string, { x: number; y: number; width?: number; height?: number }>;

export function importOtm(text: string, options: { fileName: string }): ImportResult {
  const file = options.fileName;
  const report = new ReportBuilder('otm');
  const s = sniff(text);
  const parsed = s.syntax === 'json' ? parseJsonText(text, file, 'OTM JSON') : parseYamlText(text, file, 'OTM YAML');
  if (!parsed.ok) return { model: undefined, report: report.build(), issues: [parsed.issue] };
  const issues = [...(parsed.warnings ?? [])];
  const root = obj(parsed.value);
  const reject = (message: string, hint: string): ImportResult => ({ model: undefined, report: report.build(), issues: [rejection(file, 'bad-otm', message, hint)] });
  if (!root) return reject('not an Open Threat Model file: the top level is not a mapping', 'An OTM file starts with `otmVersion:` and `project:`.');
  const version = str(root['otmVersion']);
  if (!version) return reject('not a valid Open Threat Model file: "otmVersion" is missing or empty', 'Set otmVersion: 0.2.0.');
  report.version = version;
  if (!/^0\.[12](\.\d+)?$/.test(version)) report.adjusted('otmVersion', `${version} is not 0.1 or 0.2; read as 0.2.0`);
  const project = obj(root['project']);
  if (!project) return reject('not a valid Open Threat Model file: "project" is missing', 'OTM requires a project with a name and an id.');

  const ids = new IdAllocator();
  const positions: Positions = {};
  const diagrams = new Set(arr(root['representations']).map(obj).filter((r) => r && str(r['type']) === 'diagram').map((r) => str(r?.['id'])));
  for (const r of arr(root['representations'])) {
    const rep = obj(r);
    if (rep) report.mapped(`representation "${str(rep['name']) ?? str(rep['id']) ?? '?'}" (${str(rep['type']) ?? '?'})`, str(rep['type']) === 'diagram' ? 'positions in layout.positions' : str(rep['type']) === 'code' ? 'code locations in component paths' : 'noted only');
  }

  /** The extension object our exporter wrote, if any. */
  const ext = (o: Obj): Obj | undefined => obj(obj(o['attributes'])?.[OTM_EXTENSION_KEY]);
  /** Ids from our own exports are kept; foreign ids get fresh C1/F1/… ids and stay traceable. */
  const idFor = (kind: IdKind, o: Obj, fallback: string): { id: string; foreign: string } => {
    const foreign = str(o['id']) ?? fallback;
    if (ext(o)) return { id: ids.keepOrAllocate(kind, foreign).id, foreign };
    return { id: ids.allocate(kind, foreign), foreign };
  };
  /** Fields of the extension the schema knows, except those OTM carries natively (people may edit those in other tools). */
  const fromExt = <T extends z.ZodObject>(schema: T, o: Obj, native: readonly string[]): Partial<z.infer<T>> => {
    const e = ext(o);
    if (!e) return {};
    const picked: Obj = {};
    for (const k of Object.keys(schema.shape)) if (!native.includes(k) && e[k] !== undefined) picked[k] = e[k];
    const partial = schema.partial().safeParse(picked);
    if (!partial.success) report.dropped(`Threatwright fields of ${str(o['name']) ?? str(o['id']) ?? '?'}`, `they no longer match the model schema: ${partial.error.issues[0]?.message ?? ''}`);
    return partial.success ? (partial.data as Partial<z.infer<T>>) : {};
  };
  const keepPosition = (id: string, o: Obj) => {
    for (const r of arr(o['representations'])) {
      const rep = obj(r);
      if (!rep || (diagrams.size > 0 && !diagrams.has(str(rep['representation'])))) continue;
      const p = obj(rep['position']);
      const size = obj(rep['size']);
      const x = num(p?.['x']);
      const y = num(p?.['y']);
      if (x === undefined || y === undefined) continue;
      const w = num(size?.['width']);
      const h = num(size?.['height']);
      positions[id] = { x, y, ...(w !== undefined ? { width: w } : {}), ...(h !== undefined ? { height: h } : {}) };
      return;
    }
  };

  // Assets.
  const assets: Asset[] = [];
  for (const a of arr(root['assets'])) {
    const o = obj(a);
    if (!o) continue;
    report.found('assets');
    const { id, foreign } = idFor('asset', o, `asset-${assets.length + 1}`);
    const risk = obj(o['risk']);
    const comment = str(risk?.['comment']);
    const description = [str(o['description']), comment && !ext(o) ? `Risk: ${comment}` : undefined].filter(Boolean).join('\n\n');
    assets.push(
      compact({
        id,
        name: str(o['name']) ?? foreign,
        description: description || undefined,
        ...(ext(o)
          ? fromExt(AssetSchema, o, ['id', 'name', 'description'])
          : { confidentiality: level(num(risk?.['confidentiality'])), integrity: level(num(risk?.['integrity'])), availability: level(num(risk?.['availability'])) }),
      }),
    );
    report.mapped(`asset "${str(o['name']) ?? foreign}" (${foreign})`, `asset ${id}`);
    dropAttributes(o, `asset ${id}`);
  }
  const assetRef = (foreign: unknown): string | undefined => {
    const f = str(foreign);
    return f ? ids.lookup('asset', f) : undefined;
  };
  const assetRefs = (list: unknown, where: string): string[] => {
    const out: string[] = [];
    for (const x of arr(list)) {
      const ref = assetRef(x);
      if (ref) out.push(ref);
      else report.dropped(`asset reference "${str(x) ?? '?'}" on ${where}`, 'no asset with that id in the file');
    }
    return out;
  };

  // Trust zones → boundaries (implicit zones our exporter adds for unplaced components are skipped).
  const boundaries: Boundary[] = [];
  const implicitZones = new Set<string>();
  const zoneObjs: [Obj, Boundary][] = [];
  for (const z of arr(root['trustZones'])) {
    const o = obj(z);
    if (!o) continue;
    if (ext(o)?.['implicit'] === true) {
      implicitZones.add(str(o['id']) ?? '');
      continue;
    }
    report.found('boundaries');
    const { id, foreign } = idFor('boundary', o, `zone-${boundaries.length + 1}`);
    const rating = num(obj(o['risk'])?.['trustRating']);
    const b: Boundary = compact({
      id,
      name: str(o['name']) ?? foreign,
      description: str(o['description']),
      ...(ext(o) ? fromExt(BoundarySchema, o, ['id', 'name', 'description', 'parent']) : { type: str(o['type']), trust: rating !== undefined ? Math.max(0, Math.min(100, Math.round(rating))) : undefined }),
    });
    boundaries.push(b);
    zoneObjs.push([o, b]);
    keepPosition(id, o);
    report.mapped(`trust zone "${b.name}" (${foreign})`, `boundary ${id}${rating !== undefined ? `, trust ${b.trust ?? rating}` : ''}`);
    dropAttributes(o, `boundary ${id}`);
  }
  for (const [o, b] of zoneObjs) {
    const parent = obj(o['parent']);
    const pz = str(parent?.['trustZone']);
    if (pz) {
      const pid = ids.lookup('boundary', pz);
      if (pid && pid !== b.id) b.parent = pid;
      else if (!implicitZones.has(pz)) report.dropped(`parent of trust zone "${b.name}"`, `trust zone "${pz}" does not exist`);
    } else if (str(parent?.['component'])) report.dropped(`parent of trust zone "${b.name}"`, 'a trust zone inside a component cannot be represented; the zone is kept at the top level');
  }

  breakBoundaryCycles(boundaries, report);

  // Components (first allocate ids so parents can be resolved in any order).
  const compObjs = arr(root['components']).map(obj).filter((o): o is Obj => o !== undefined);
  const compIds = compObjs.map((o, i) => {
    report.found('elements');
    return idFor('component', o, `component-${i + 1}`);
  });
  const compById = new Map<string, Obj>();
  for (const c of compObjs) {
    const cid = str(c['id']);
    if (cid !== undefined && !compById.has(cid)) compById.set(cid, c);
  }
  const zoneOf = (o: Obj, seen = new Set<Obj>()): string | undefined => {
    const parent = obj(o['parent']);
    const tz = str(parent?.['trustZone']);
    if (tz) return ids.lookup('boundary', tz);
    const pc = str(parent?.['component']);
    const po = pc ? compById.get(pc) : undefined;
    if (!po || seen.has(po)) return undefined;
    seen.add(po);
    return zoneOf(po, seen);
  };
  const components: Component[] = compObjs.map((o, i) => {
    const { id, foreign } = compIds[i] ?? { id: ids.allocate('component'), foreign: '?' };
    const e = ext(o);
    const type = str(o['type']);
    const kind = guessKind(e?.['kind'], type);
    if (!e) report.adjusted(`component "${str(o['name']) ?? foreign}"`, `OTM has no DFD kind: "${kind}" inferred from type "${type ?? ''}"`);
    const parent = obj(o['parent']);
    const parentComponent = str(parent?.['component']);
    const zone = zoneOf(o);
    const tz = str(parent?.['trustZone']);
    if (tz && !zone && !implicitZones.has(tz)) report.dropped(`trust zone of component "${str(o['name']) ?? foreign}"`, `trust zone "${tz}" does not exist`);
    const properties: Record<string, string | number | boolean> = { ...scalarAttributes(o, `component ${id}`), ...(e ? {} : { source_id: foreign }) };
    if (parentComponent) {
      const pid = ids.lookup('component', parentComponent);
      if (pid) {
        properties['parent_component'] = pid;
        report.adjusted(`component "${str(o['name']) ?? foreign}"`, `is nested in component ${pid}: kept in its trust zone, with properties.parent_component: ${pid}`);
      } else report.dropped(`parent of component "${str(o['name']) ?? foreign}"`, `component "${parentComponent}" does not exist`);
    }
    const paths = arr(o['representations'])
      .map(obj)
      .filter((r): r is Obj => r !== undefined && str(r['file']) !== undefined)
      .map((r) => `${str(r['file']) ?? ''}${num(r['line']) !== undefined ? `:${num(r['line']) ?? 0}` : ''}`);
    const assetsOf = obj(o['assets']);
    const processed = assetRefs(assetsOf?.['processed'], `component ${id}`);
    const stored = assetRefs(assetsOf?.['stored'], `component ${id}`);
    keepPosition(id, o);
    report.mapped(`component "${str(o['name']) ?? foreign}" (${foreign})`, `component ${id}${zone ? ` in boundary ${zone}` : ''}`);
    return compact({
      ...fromExt(ComponentSchema, o, ['id', 'name', 'kind', 'type', 'description', 'boundary', 'tags', 'properties', 'assets']),
      id,
      name: str(o['name']) ?? foreign,
      kind,
      type: e ? str(e['type']) : type,
      description: str(o['description']) ?? (e ? str(e['description']) : undefined),
      boundary: zone,
      tags: arr(o['tags']).map(str).filter((t): t is string => t !== undefined),
      ...(paths.length > 0 ? { paths } : {}),
      properties: Object.keys(properties).length > 0 ? properties : undefined,
      assets: processed.length + stored.length > 0 ? compact({ processed, stored }) : undefined,
    });
  });

  // Data flows.
  const flows: Flow[] = [];
  const flowObjs: [Obj, string][] = [];
  for (const f of arr(root['dataflows'])) {
    const o = obj(f);
    if (!o) continue;
    report.found('flows');
    const name = str(o['name']);
    const from = ids.lookup('component', str(o['source']) ?? '');
    const to = ids.lookup('component', str(o['destination']) ?? '');
    if (!from || !to) {
      report.dropped(`data flow "${name ?? str(o['id']) ?? '?'}"`, `its ${!from ? `source "${str(o['source']) ?? ''}"` : `destination "${str(o['destination']) ?? ''}"`} is not a component in the file (flows to trust zones cannot be represented)`);
      for (const t of arr(o['threats'])) report.dropped(`threat instance ${str(obj(t)?.['threat']) ?? '?'}`, 'its data flow was dropped');
      continue;
    }
    if (from === to) {
      report.dropped(`data flow "${name ?? str(o['id']) ?? '?'}"`, SELF_FLOW_REASON);
      for (const t of arr(o['threats'])) report.dropped(`threat instance ${str(obj(t)?.['threat']) ?? '?'}`, 'its data flow was dropped');
      continue;
    }
    const { id, foreign } = idFor('flow', o, `flow-${flows.length + 1}`);
    const e = ext(o);
    const properties: Record<string, string | number | boolean> = { ...scalarAttributes(o, `flow ${id}`), ...(e ? {} : { source_id: foreign }) };
    const data = assetRefs(o['assets'], `flow ${id}`);
    flows.push(
      compact({
        ...fromExt(FlowSchema, o, ['id', 'from', 'to', 'label', 'description', 'data', 'bidirectional', 'tags', 'properties']),
        id,
        from,
        to,
        label: e ? str(e['label']) : name,
        description: str(o['description']),
        data,
        bidirectional: o['bidirectional'] === true ? true : undefined,
        tags: arr(o['tags']).map(str).filter((t): t is string => t !== undefined),
        properties: Object.keys(properties).length > 0 ? properties : undefined,
      }),
    );
    flowObjs.push([o, id]);
    report.mapped(`data flow "${name ?? foreign}" (${foreign})`, `flow ${id} (${from} → ${to})`);
  }

  // Mitigations.
  const mitigations: Mitigation[] = [];
  /** Mitigations from our own exports: their links come from the extension, not from instances. */
  const ownMitigations = new Set<string>();
  for (const m of arr(root['mitigations'])) {
    const o = obj(m);
    if (!o) continue;
    report.found('mitigations');
    const { id, foreign } = idFor('mitigation', o, `mitigation-${mitigations.length + 1}`);
    const e = ext(o);
    const reduction = num(o['riskReduction']);
    const description = [str(o['description']), reduction !== undefined && !e ? `Risk reduction: ${reduction}%` : undefined].filter(Boolean).join('\n\n');
    mitigations.push(
      compact({
        ...fromExt(MitigationSchema, o, ['id', 'title', 'description']),
        id,
        title: str(o['name']) ?? foreign,
        description: description || undefined,
      }),
    );
    if (e) ownMitigations.add(id);
    report.mapped(`mitigation "${str(o['name']) ?? foreign}" (${foreign})`, `mitigation ${id}`);
    dropAttributes(o, `mitigation ${id}`);
  }

  // Threat instances by definition: one model threat per (definition, state), on all its elements.
  interface Instance {
    element: string;
    state: string | undefined;
    mitigations: { id: string; state: string | undefined }[];
  }
  const instances = new Map<string, Instance[]>();
  const collect = (o: Obj, element: string) => {
    for (const t of arr(o['threats'])) {
      const inst = obj(t);
      const ref = str(inst?.['threat']);
      if (!inst || !ref) continue;
      report.found('threat instances');
      const ms: { id: string; state: string | undefined }[] = [];
      for (const mm of arr(inst['mitigations'])) {
        const mo = obj(mm);
        const mref = str(mo?.['mitigation']);
        const mid = mref ? ids.lookup('mitigation', mref) : undefined;
        if (mid) ms.push({ id: mid, state: str(mo?.['state']) });
        else report.dropped(`mitigation reference "${mref ?? '?'}" on ${element}`, 'no mitigation with that id in the file');
      }
      const list = instances.get(ref) ?? [];
      list.push({ element, state: str(inst['state']), mitigations: ms });
      instances.set(ref, list);
    }
  };
  compObjs.forEach((o, i) => {
    const c = components[i];
    if (c) collect(o, c.id);
  });
  for (const [o, id] of flowObjs) collect(o, id);

  const threats: ThreatEntry[] = [];
  const definedThreats = new Set<string>();
  // Indexes, so a file of 150 000 threats and mitigations maps in linear time.
  const mitigationById = new Map<string, Mitigation>();
  for (const m of mitigations) if (!mitigationById.has(m.id)) mitigationById.set(m.id, m);
  const threatsOf = new Map<Mitigation, Set<string>>();
  const addOnce = (m: Mitigation, threat: string) => {
    let set = threatsOf.get(m);
    if (!set) threatsOf.set(m, (set = new Set(m.threats ?? [])));
    if (set.has(threat)) return;
    set.add(threat);
    (m.threats ??= []).push(threat);
  };
  for (const t of arr(root['threats'])) {
    const o = obj(t);
    if (!o) continue;
    const foreign = str(o['id']) ?? `threat-${threats.length + 1}`;
    definedThreats.add(foreign);
    const e = ext(o);
    report.found(e?.['derived'] === true ? 'derived threats' : 'threats');
    const categories = arr(o['categories']).map(str).filter((c): c is string => c !== undefined);
    const category = categories.map(mapCategory).find((c) => c !== undefined);
    const otherCategories = categories.filter((c) => mapCategory(c) !== category);
    const risk = obj(o['risk']);
    const comments = e ? [] : [str(risk?.['likelihoodComment']) && `Likelihood: ${str(risk?.['likelihoodComment']) ?? ''}`, str(risk?.['impactComment']) && `Impact: ${str(risk?.['impactComment']) ?? ''}`].filter(Boolean);
    const native: ThreatEntry = compact({
      title: str(o['name']) ?? foreign,
      description: [str(o['description']), ...comments].filter(Boolean).join('\n\n') || undefined,
      category,
      tags: [...arr(o['tags']).map(str).filter((c): c is string => c !== undefined), ...otherCategories.map((c) => `category:${c}`)],
    });
    const fingerprint = str(e?.['fingerprint']);
    if (e && e['derived'] === true && e['id'] === undefined && fingerprint !== undefined && FINGERPRINT_PATTERN.test(fingerprint)) {
      // A derived threat our exporter wrote: the analysis derives it again, so only the decision about
      // it is kept (the model's, with a status changed in another tool), never a manual threat.
      const kept = fromExt(ThreatSchema, o, []);
      const decision: ThreatEntry = { ...kept, fingerprint };
      const declared = kept.status ?? 'open';
      const states = (instances.get(foreign) ?? []).map((i) => i.state).filter((x): x is string => x !== undefined);
      const changed = states.map((x) => mapThreatState(x, report, native.title ?? fingerprint)).find((x) => x !== undefined && x !== declared);
      if (changed !== undefined) decision.status = changed;
      const subject = `threat "${native.title ?? fingerprint}" (finding ${fingerprint})`;
      if (e['decided'] === true || changed !== undefined) {
        threats.push(compact(decision));
        report.mapped(subject, `decision on ${fingerprint}${changed !== undefined ? `, status ${changed} set in the file` : ''}`);
      } else report.mapped(subject, 'no decision: not stored, the analysis derives it again from the model');
      continue;
    }
    if (e) {
      // Our own export: the extension holds the threat as it was; native fields win where people edit them.
      const kept = fromExt(ThreatSchema, o, ['title', 'description', 'tags', 'category']);
      const id = kept.id !== undefined ? ids.keepOrAllocate('threat', kept.id).id : undefined;
      const entry: ThreatEntry = compact({ ...kept, id, ...native, title: e['untitled'] === true && native.title === foreign ? undefined : native.title, category: category ?? (ThreatSchema.shape.category.safeParse(e['category']).data) });
      threats.push(entry);
      report.mapped(`threat "${native.title ?? foreign}" (${foreign})`, id ? `threat ${id}` : `decision about ${entry.fingerprint ?? foreign}`);
      continue;
    }
    const base: ThreatEntry = compact({
      ...native,
      likelihood: scale(num(risk?.['likelihood'])),
      impact: scale(num(risk?.['impact'])),
      references: arr(o['cwes']).map(str).filter((c): c is string => c !== undefined),
    });
    if (otherCategories.length > 0) report.adjusted(`threat "${base.title ?? foreign}"`, `categories ${otherCategories.map((c) => `"${c}"`).join(', ')} kept as tags (a threat has one category)`);
    dropAttributes(o, `threat "${base.title ?? foreign}"`);
    const groups = new Map<string, Instance[]>();
    for (const inst of instances.get(foreign) ?? []) {
      const key = inst.state ?? '';
      const group = groups.get(key);
      if (group) group.push(inst);
      else groups.set(key, [inst]);
    }
    if (groups.size === 0) groups.set('', []);
    for (const [state, list] of groups) {
      const id = ids.allocate('threat');
      const status = mapThreatState(state, report, base.title ?? foreign);
      const mids = [...new Set(list.flatMap((i) => i.mitigations.map((m) => m.id)))];
      threats.push(compact({ id, ...base, elements: list.map((i) => i.element), status, mitigations: mids }));
      for (const inst of list) {
        for (const m of inst.mitigations) {
          const mitigation = mitigationById.get(m.id);
          if (!mitigation || ownMitigations.has(m.id)) continue;
          addOnce(mitigation, id);
          const ms = mapMitigationState(m.state);
          if (ms && !mitigation.status) mitigation.status = ms;
        }
      }
      report.mapped(`threat "${base.title ?? foreign}" (${foreign})${state ? `, state "${state}"` : ''}`, `threat ${id}${list.length > 0 ? ` on ${list.map((i) => i.element).join(', ')}` : ' (no instances)'}`);
    }
  }
  for (const [ref, list] of instances) {
    if (!definedThreats.has(ref)) for (const inst of list) report.dropped(`threat instance "${ref}" on ${inst.element}`, 'no threat with that id in the file');
  }

  const ownerContact = str(project['ownerContact']);
  const owner = str(project['owner']);
  const pe = ext(project);
  const sections = obj(pe?.['sections']) ?? {};
  const restored = ModelSchema.partial().safeParse(sections);
  if (!restored.success) report.dropped('sections kept by a Threatwright export', `they no longer match the model schema: ${restored.error.issues[0]?.message ?? ''}`);
  dropAttributes(project, 'project');
  const decisions = threats.filter((t) => t.id === undefined).length;
  for (const [section, n] of [['components', components.length], ['flows', flows.length], ['boundaries', boundaries.length], ['assets', assets.length], ['threats', threats.length - decisions], ['decisions', decisions], ['mitigations', mitigations.length]] as const) if (section !== 'decisions' || n > 0) report.created(section, n);
  const model: Model = compact({
    ...(restored.success ? restored.data : {}),
    threatwright: 1 as const,
    system: compact({
      ...(pe ? (SystemSchema.omit({ name: true }).partial().safeParse(Object.fromEntries(Object.entries(pe).filter(([k]) => k !== 'sections'))).data ?? {}) : {}),
      name: str(project['name']) ?? str(project['id']) ?? 'Imported OTM model',
      description: str(project['description']),
      owner: owner && ownerContact ? `${owner} <${ownerContact}>` : (owner ?? ownerContact),
    }),
    components,
    assets,
    flows,
    boundaries,
    threats,
    mitigations,
    layout: Object.keys(positions).length > 0 ? { positions } : undefined,
  });
  return finishImport(model, report, file, issues);

  function dropAttributes(o: Obj, where: string) {
    const attrs = obj(o['attributes']);
    if (!attrs) return;
    const keys = Object.keys(attrs).filter((k) => k !== OTM_EXTENSION_KEY);
    if (keys.length > 0) report.dropped(`attributes ${keys.join(', ')} of ${where}`, 'this part of the model has no free-form properties');
  }

  function scalarAttributes(o: Obj, where: string): Record<string, string | number | boolean> {
    const attrs = obj(o['attributes']);
    const out: Record<string, string | number | boolean> = {};
    const e = ext(o);
    const props = obj(e?.['properties']);
    for (const [k, v] of Object.entries(props ?? {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') setOwn(out, k, v);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k === OTM_EXTENSION_KEY || v === null || v === undefined) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') setOwn(out, k, v);
      else report.dropped(`attribute ${k} of ${where}`, 'not a single value (properties hold text, numbers and booleans)');
    }
    return out;
  }
}

/** OTM ratings are 0–100. */
function level(v: number | undefined): Level | undefined {
  if (v === undefined) return undefined;
  return v >= 67 ? 'high' : v >= 34 ? 'medium' : 'low';
}

/** 0–100 → 1–5. */
function scale(v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  return Math.min(5, Math.max(1, Math.ceil(v / 20)));
}

const DATASTORE = /(database|db|sql|store|storage|bucket|s3|queue|cache|redis|mongo|dynamo|table|file|disk|volume|repository|vault|kafka|topic)/i;
const EXTERNAL = /(client|user|browser|actor|external|person|mobile|third|human|customer|partner)/i;

function guessKind(declared: unknown, type: string | undefined): Component['kind'] {
  if (declared === 'process' || declared === 'datastore' || declared === 'external-entity') return declared;
  if (type && DATASTORE.test(type)) return 'datastore';
  if (type && EXTERNAL.test(type)) return 'external-entity';
  return 'process';
}

function mapThreatState(state: string, report: ReportBuilder, title: string): ThreatStatus | undefined {
  if (!state) return undefined;
  const s = mapStatus(state) ?? (/^(required|recommended)$/i.test(state) ? 'open' : undefined);
  if (!s) report.adjusted(`threat "${title}"`, `state "${state}" is not a known status: left open`);
  return s;
}

function mapMitigationState(state: string | undefined): Mitigation['status'] | undefined {
  if (!state) return undefined;
  const s = state.toLowerCase().replace(/[^a-z]/g, '');
  if (['implemented', 'done', 'mitigated'].includes(s)) return 'implemented';
  if (['verified', 'tested'].includes(s)) return 'verified';
  if (['inprogress', 'implementing'].includes(s)) return 'in-progress';
  if (['required', 'planned', 'recommended'].includes(s)) return 'planned';
  if (['proposed', 'notstarted', 'notimplemented', 'rejected'].includes(s)) return 'proposed';
  return undefined;
}
