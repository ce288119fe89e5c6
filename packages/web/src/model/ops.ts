/**
 * Pure edits of the model. Every function returns a new model and leaves its input untouched,
 * so undo/redo is a list of snapshots and React can compare by reference.
 */
import { adoptSuggestions, type Boundary, type Issue, type Component, type ComponentKind, type Flow, type Mitigation, type Model, type RuleMitigation, type ThreatEntry } from '@threatwright/core';

export type Section = 'components' | 'flows' | 'boundaries' | 'assets' | 'threats' | 'mitigations';
export interface Position {
  x: number;
  y: number;
  width?: number | undefined;
  height?: number | undefined;
}

const ID_NUMBER = /^([A-Za-z]+)(\d+)$/;

/** All ids declared anywhere in the model. */
export function allIds(model: Model): Set<string> {
  const ids = new Set<string>();
  for (const section of ['components', 'flows', 'boundaries', 'assets', 'dependencies', 'stakeholders', 'assumptions', 'threats', 'mitigations', 'attack_trees'] as const) {
    for (const item of model[section] ?? []) if (item.id !== undefined) ids.add(item.id);
  }
  return ids;
}

/** The next free id with this prefix: C7 after C1…C6 (gaps are never refilled). */
export function nextId(model: Model, prefix: string): string {
  let max = 0;
  for (const id of allIds(model)) {
    const m = ID_NUMBER.exec(id);
    if (m && m[1] === prefix) max = Math.max(max, Number(m[2]));
  }
  const ids = allIds(model);
  let n = max + 1;
  while (ids.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/**
 * A copy of `o` with `changes` applied in place (key order kept, new keys last). `undefined`
 * removes a key; with `dropEmpty`, so do '' and [].
 */
export function assign<T extends object>(o: T, changes: Readonly<Record<string, unknown>>, dropEmpty = false): T {
  const empty = (v: unknown) => v === undefined || (dropEmpty && (v === '' || (Array.isArray(v) && v.length === 0)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (!Object.hasOwn(changes, k)) out[k] = v;
    else if (!empty(changes[k])) out[k] = changes[k];
  }
  for (const [k, v] of Object.entries(changes)) if (!Object.hasOwn(out, k) && !Object.hasOwn(o, k) && !empty(v)) out[k] = v;
  return out as T;
}

export function positionsOf(model: Model): Record<string, Position> {
  return model.layout?.positions ?? {};
}

export function withPositions(model: Model, changes: Record<string, Position | undefined>): Model {
  const rounded: Record<string, Position | undefined> = {};
  for (const [id, p] of Object.entries(changes)) rounded[id] = p === undefined ? undefined : roundPosition(p);
  const positions = assign(positionsOf(model), rounded);
  const layout = { ...model.layout, positions };
  return { ...model, layout };
}

function roundPosition(p: Position): Position {
  const out: Position = { x: Math.round(p.x), y: Math.round(p.y) };
  if (p.width !== undefined) out.width = Math.round(p.width);
  if (p.height !== undefined) out.height = Math.round(p.height);
  return out;
}

const NAMES: Record<ComponentKind, string> = { process: 'New process', datastore: 'New data store', 'external-entity': 'New external entity' };

export function addComponent(model: Model, kind: ComponentKind, at: Position, boundary?: string): { model: Model; id: string } {
  const id = nextId(model, 'C');
  const component: Component = { id, name: NAMES[kind], kind, ...(boundary ? { boundary } : {}) };
  const next = { ...model, components: [...(model.components ?? []), component] };
  return { model: withPositions(next, { [id]: at }), id };
}

export function addBoundary(model: Model, at: Position, parent?: string): { model: Model; id: string } {
  const id = nextId(model, 'B');
  const boundary: Boundary = { id, name: 'New trust boundary', ...(parent ? { parent } : {}) };
  const next = { ...model, boundaries: [...(model.boundaries ?? []), boundary] };
  return { model: withPositions(next, { [id]: { width: 360, height: 240, ...at } }), id };
}

export function addFlow(model: Model, from: string, to: string): { model: Model; id: string } {
  const id = nextId(model, 'F');
  const flow: Flow = { id, from, to };
  return { model: { ...model, flows: [...(model.flows ?? []), flow] }, id };
}

export function addAsset(model: Model, name: string): { model: Model; id: string } {
  const id = nextId(model, 'A');
  return { model: { ...model, assets: [...(model.assets ?? []), { id, name }] }, id };
}

/** Replaces fields of one item; `undefined` removes a field. */
export function updateItem(model: Model, section: Section, id: string, patch: Record<string, unknown>): Model {
  const list = (model[section] ?? []) as { id?: string }[];
  const next = list.map((item) => (item.id === id ? assign(item, patch, true) : item));
  return { ...model, [section]: next };
}

/** Deletes elements; flows that touch a deleted component go too, and nothing is left pointing at them. */
export function deleteElements(model: Model, ids: readonly string[]): Model {
  const gone = new Set(ids);
  for (const f of model.flows ?? []) if (gone.has(f.from) || gone.has(f.to)) gone.add(f.id);
  const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
  const parentOf = (id: string | undefined) => (id === undefined ? undefined : byId.get(id)?.parent);
  /** The nearest surviving enclosing boundary. */
  const survivor = (id: string | undefined): string | undefined => {
    let at = id;
    const seen = new Set<string>();
    while (at !== undefined && gone.has(at) && !seen.has(at)) {
      seen.add(at);
      at = parentOf(at);
    }
    return at;
  };
  const strip = <T extends { boundary?: string | undefined }>(c: T): T => {
    if (c.boundary === undefined || !gone.has(c.boundary)) return c;
    const keep = survivor(c.boundary);
    const { boundary: _drop, ...rest } = c;
    return (keep ? { ...rest, boundary: keep } : rest) as T;
  };
  const components = (model.components ?? []).filter((c) => !gone.has(c.id)).map(strip);
  const boundaries = (model.boundaries ?? [])
    .filter((b) => !gone.has(b.id))
    .map((b) => {
      if (b.parent === undefined || !gone.has(b.parent)) return b;
      const keep = survivor(b.parent);
      const { parent: _drop, ...rest } = b;
      return keep ? { ...rest, parent: keep } : rest;
    });
  const flows = (model.flows ?? []).filter((f) => !gone.has(f.id));
  const dropRefs = (list: string[] | undefined) => list?.filter((e) => !gone.has(e));
  const threats = model.threats?.map((t): ThreatEntry => {
    const elements = dropRefs(t.elements);
    const { elements: _e, ...rest } = t;
    return elements && elements.length > 0 ? { ...rest, elements } : rest;
  });
  const mitigations = model.mitigations?.map((m): Mitigation => {
    const elements = dropRefs(m.elements);
    const { elements: _e, ...rest } = m;
    return elements && elements.length > 0 ? { ...rest, elements } : rest;
  });
  let next: Model = { ...model, components, boundaries, flows };
  if (threats) next.threats = threats;
  if (mitigations) next.mitigations = mitigations;
  if (model.layout?.positions) {
    const changes: Record<string, undefined> = {};
    for (const id of gone) changes[id] = undefined;
    next = withPositions(next, changes);
  }
  return next;
}

/** Renames an id everywhere it is used. Returns the model unchanged if the new id is taken. */
export function renameId(model: Model, from: string, to: string): Model {
  if (from === to || allIds(model).has(to)) return model;
  const r = (v: string | undefined) => (v === from ? to : v);
  const rl = (l: string[] | undefined) => l?.map((v) => (v === from ? to : v));
  const json = JSON.stringify(model);
  if (!json.includes(JSON.stringify(from))) return model;
  const out: Model = {
    ...model,
    components: model.components?.map((c) => ({ ...c, id: r(c.id) ?? c.id, ...(c.boundary !== undefined ? { boundary: r(c.boundary) ?? c.boundary } : {}), ...(c.assets ? { assets: { ...(c.assets.processed ? { processed: rl(c.assets.processed) ?? [] } : {}), ...(c.assets.stored ? { stored: rl(c.assets.stored) ?? [] } : {}) } } : {}) })),
    flows: model.flows?.map((f) => ({ ...f, id: r(f.id) ?? f.id, from: r(f.from) ?? f.from, to: r(f.to) ?? f.to, ...(f.data ? { data: rl(f.data) ?? [] } : {}) })),
    boundaries: model.boundaries?.map((b) => ({ ...b, id: r(b.id) ?? b.id, ...(b.parent !== undefined ? { parent: r(b.parent) ?? b.parent } : {}) })),
    assets: model.assets?.map((a) => ({ ...a, id: r(a.id) ?? a.id })),
    threats: model.threats?.map((t) => ({ ...t, ...(t.id !== undefined ? { id: r(t.id) ?? t.id } : {}), ...(t.elements ? { elements: rl(t.elements) ?? [] } : {}), ...(t.assets ? { assets: rl(t.assets) ?? [] } : {}), ...(t.mitigations ? { mitigations: rl(t.mitigations) ?? [] } : {}) })),
    mitigations: model.mitigations?.map((m) => ({ ...m, id: r(m.id) ?? m.id, ...(m.elements ? { elements: rl(m.elements) ?? [] } : {}), ...(m.threats ? { threats: rl(m.threats) ?? [] } : {}) })),
    assumptions: model.assumptions?.map((a) => ({ ...a, id: r(a.id) ?? a.id, ...(a.links ? { links: rl(a.links) ?? [] } : {}) })),
  };
  const absent: Record<string, undefined> = {};
  for (const k of ['components', 'flows', 'boundaries', 'assets', 'threats', 'mitigations', 'assumptions'] as const) if (model[k] === undefined) absent[k] = undefined;
  const result = assign(out, absent);
  const p = model.layout?.positions;
  if (p && p[from]) {
    const positions = Object.fromEntries(Object.entries(p).map(([k, v]) => [k === from ? to : k, v]));
    result.layout = { ...model.layout, positions };
  }
  return result;
}

/** Sets fields of the decision about a derived finding, creating the entry on first use. */
export function setDecision(model: Model, fingerprint: string, patch: Partial<ThreatEntry>): Model {
  const threats = [...(model.threats ?? [])];
  const i = threats.findIndex((t) => t.fingerprint === fingerprint && t.id === undefined);
  const base: ThreatEntry = assign(i >= 0 ? (threats[i] ?? { fingerprint }) : { fingerprint }, patch, true);
  if (i >= 0) {
    if (Object.keys(base).length === 1) threats.splice(i, 1);
    else threats[i] = base;
  } else if (Object.keys(base).length > 1) threats.push(base);
  return { ...model, threats };
}

/** Sets fields of a manual threat. */
export function updateThreat(model: Model, id: string, patch: Partial<ThreatEntry>): Model {
  return updateItem(model, 'threats', id, patch);
}

/** Adds a mitigation addressing one threat (id or fingerprint) and links it back from a manual threat. */
export function addMitigation(model: Model, threatRef: string, title: string, elements: readonly string[]): { model: Model; id: string } {
  const id = nextId(model, 'R');
  const mitigation: Mitigation = { id, title, status: 'proposed', threats: [threatRef], ...(elements.length > 0 ? { elements: [...elements] } : {}) };
  let next: Model = { ...model, mitigations: [...(model.mitigations ?? []), mitigation] };
  const manual = next.threats?.find((t) => t.id === threatRef);
  if (manual) next = updateThreat(next, threatRef, { mitigations: [...(manual.mitigations ?? []), id] });
  return { model: next, id };
}

/** Adds a mitigation that addresses nothing yet (it is linked to threats afterwards). */
export function createMitigation(model: Model, title: string): { model: Model; id: string } {
  const id = nextId(model, 'R');
  return { model: { ...model, mitigations: [...(model.mitigations ?? []), { id, title, status: 'proposed' }] }, id };
}

/**
 * Adopts one of a rule's suggested mitigations for a derived threat, as `threatwright adopt` does
 * (core's `adoptSuggestions`): the rule's acceptance criteria and the test that would prove it come
 * along, linked by fingerprint; a mitigation with the same title is linked instead of copied.
 */
export function adoptSuggestion(model: Model, threat: { id: string; ruleId: string; title: string }, suggestions: readonly RuleMitigation[], pick: number): { model: Model; id: string | undefined; problems: readonly string[] } {
  const r = adoptSuggestions(model, { threats: [threat], rules: { [threat.ruleId]: { mitigations: suggestions } }, mitigationIds: [...allIds(model)] }, [threat.id], { pick: [pick] });
  return { model: r.data as unknown as Model, id: r.adopted[0]?.id, problems: r.problems };
}

/** Sets fields of a mitigation; `undefined`, '' and [] remove a field. */
export function updateMitigation(model: Model, id: string, patch: Partial<Record<keyof Mitigation, unknown>>): Model {
  return updateItem(model, 'mitigations', id, patch);
}

/** The threat entry that can hold a link to a mitigation: a manual threat by id, or the decision about a finding. */
function entryIndex(model: Model, threatRef: string): number {
  return (model.threats ?? []).findIndex((t) => t.id === threatRef || (t.id === undefined && t.fingerprint === threatRef));
}

/**
 * Links a mitigation to a threat (id or fingerprint), or unlinks it. The link is kept where the
 * model reads it (the mitigation's `threats`), and a manual threat lists the mitigation back; an
 * unlink removes it from both sides, so the threat no longer counts it.
 */
export function linkMitigation(model: Model, mitigationId: string, threatRef: string, on: boolean): Model {
  const m = model.mitigations?.find((x) => x.id === mitigationId);
  if (!m) return model;
  const linked = m.threats ?? [];
  let next = updateMitigation(model, mitigationId, { threats: on ? (linked.includes(threatRef) ? linked : [...linked, threatRef]) : linked.filter((t) => t !== threatRef) });
  const i = entryIndex(next, threatRef);
  const entry = i >= 0 ? next.threats?.[i] : undefined;
  if (entry) {
    const back = entry.mitigations ?? [];
    const wanted = on ? (entry.id !== undefined && !back.includes(mitigationId) ? [...back, mitigationId] : back) : back.filter((x) => x !== mitigationId);
    if (wanted !== back) {
      const threats = [...(next.threats ?? [])];
      threats[i] = assign(entry, { mitigations: wanted }, true);
      next = { ...next, threats };
    }
  }
  return next;
}

/** Deletes a mitigation and every link to it, so no threat is left pointing at it. */
export function deleteMitigation(model: Model, id: string): Model {
  if (!model.mitigations?.some((m) => m.id === id)) return model;
  const mitigations = model.mitigations.filter((m) => m.id !== id);
  const threats = model.threats?.map((t) => (t.mitigations?.includes(id) ? assign(t, { mitigations: t.mitigations.filter((x) => x !== id) }, true) : t));
  return { ...model, mitigations, ...(threats ? { threats } : {}) };
}

/** The boundaries enclosing a boundary, innermost first (stops at a cycle). */
export function ancestors(model: Model, boundaryId: string | undefined): string[] {
  const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
  const out: string[] = [];
  let at = boundaryId;
  while (at !== undefined && !out.includes(at)) {
    out.push(at);
    at = byId.get(at)?.parent;
  }
  return out;
}

/**
 * What removing a leftover does for the issues that ask for it: a decision about a finding that no
 * longer exists, a layout position of an element that is gone. Undefined when the issue is not of
 * that kind or no longer matches the model (it was found on an older version of it).
 */
export function removeLeftover(model: Model, issue: Pick<Issue, 'code' | 'path' | 'subject'>): Model | undefined {
  if (issue.code === 'stale-decision' && issue.path[0] === 'threats' && typeof issue.path[1] === 'number') {
    const i = issue.path[1];
    const entry = model.threats?.[i];
    if (!entry || entry.id !== undefined || entry.fingerprint !== issue.subject) return undefined;
    return { ...model, threats: (model.threats ?? []).filter((_, k) => k !== i) };
  }
  if (issue.code === 'stale-layout' && issue.subject !== undefined && model.layout?.positions?.[issue.subject] !== undefined && !allIds(model).has(issue.subject)) {
    return withPositions(model, { [issue.subject]: undefined });
  }
  return undefined;
}
