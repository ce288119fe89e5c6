/**
 * What changed between two revisions of a model, from the two models and their analyses: elements
 * added, removed and changed field by field (a new name under the same id is a rename), boundary
 * crossings gained or lost, threats new, gone, re-scored (band moves) and re-triaged (matched by
 * fingerprint), mitigations whose status moved, and the posture before and after. Pure data, for
 * `threatwright diff`, a pull-request comment and a server alike.
 */
import type { AnalysisResult } from '../analyze/index.js';
import { buildGraph } from '../graph/index.js';
import type { Model } from '../model/types.js';
import { atOrAbove, bandRank, type Band } from '../risk/bands.js';
import type { AssessedThreat } from '../risk/assess.js';
import type { GateItem, GateResult } from '../risk/gate.js';
import type { Posture, Standing } from '../risk/posture.js';

/** Bump when the shape changes incompatibly. */
export const DIFF_FORMAT_VERSION = 1;

/** The lists whose items have ids, in the order a reader expects them. */
export const DIFF_LISTS = ['components', 'flows', 'boundaries', 'assets', 'mitigations', 'dependencies', 'stakeholders', 'assumptions', 'attack_trees'] as const;
export type DiffList = (typeof DIFF_LISTS)[number];

export interface FieldChange {
  /** `name`, `properties.rate_limiting`, `data`, … */
  readonly field: string;
  /** Absent when the field was not there. */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ElementDiff {
  readonly list: DiffList;
  readonly id: string;
  /** Its name (or title) at head, or at base when removed. */
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The same id under another name. */
  readonly renamed?: { readonly from: string; readonly to: string };
  /** For a changed element, field by field (property by property under `properties`). */
  readonly fields: readonly FieldChange[];
}

export interface CrossingDiff {
  readonly flow: string;
  readonly boundary: string;
  readonly change: 'added' | 'removed';
}

/** A threat as one side has it. */
export interface ThreatSide {
  readonly band: Band | undefined;
  readonly standing: Standing;
  readonly status: AssessedThreat['status'];
  readonly baseline: boolean;
}

export type ThreatChange = 'new' | 'gone' | 'rescored' | 'retriaged';

export interface ThreatDiff {
  /** Fingerprint of a derived threat, or the id of a manual one. */
  readonly id: string;
  readonly title: string;
  /** One or two of: new, gone, rescored (the band moved), retriaged (the standing or status moved). */
  readonly changes: readonly ThreatChange[];
  readonly before?: ThreatSide;
  readonly after?: ThreatSide;
  /** The elements it is about (at head, or at base when gone). */
  readonly elements: readonly string[];
  /** Open at head, and new, or open at a higher band than at base, or open again. */
  readonly worse: boolean;
}

export interface MitigationDiff {
  readonly id: string;
  readonly title: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

export interface ModelDiff {
  readonly version: typeof DIFF_FORMAT_VERSION;
  readonly elements: readonly ElementDiff[];
  readonly crossings: readonly CrossingDiff[];
  readonly threats: readonly ThreatDiff[];
  readonly mitigations: readonly MitigationDiff[];
  readonly posture: { readonly before: Posture; readonly after: Posture };
  /** Nothing in the model or its analysis moved. */
  readonly empty: boolean;
}

export interface DiffSide {
  readonly model: Model;
  readonly analysis: AnalysisResult;
}

export type Item = Record<string, unknown> & { id: string };

function itemsOf(model: Model, list: DiffList): Item[] {
  const value = (model as unknown as Record<string, unknown>)[list];
  return Array.isArray(value) ? (value as unknown[]).filter((x): x is Item => typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string') : [];
}

/** An item's name for people: its name, title or goal, else its id (never a description, whose edits are not renames). */
export function nameOfItem(item: Item): string {
  for (const key of ['name', 'title', 'goal']) {
    const v = item[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return item.id;
}

/** Stable text of a value, with object keys sorted, to compare values regardless of key order. */
export function canonicalText(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalText(a) === canonicalText(b);
}

/** Keys of an object whose value is itself compared key by key (a property bag). */
const NESTED: ReadonlySet<string> = new Set(['properties', 'assets', 'cia', 'privacy']);

function fieldChanges(before: Item, after: Item): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'id');
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (same(b, a)) continue;
    const bag = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));
    // A property bag is compared key by key, a missing one as empty.
    if (NESTED.has(key) && bag(b) && bag(a)) {
      const bo = (b ?? {}) as Record<string, unknown>;
      const ao = (a ?? {}) as Record<string, unknown>;
      for (const sub of [...new Set([...Object.keys(bo), ...Object.keys(ao)])].sort()) {
        if (same(bo[sub], ao[sub])) continue;
        out.push({ field: `${key}.${sub}`, ...(sub in bo ? { before: bo[sub] } : {}), ...(sub in ao ? { after: ao[sub] } : {}) });
      }
      continue;
    }
    out.push({ field: key, ...(key in before ? { before: b } : {}), ...(key in after ? { after: a } : {}) });
  }
  return out;
}

function elementDiffs(base: Model, head: Model): ElementDiff[] {
  const out: ElementDiff[] = [];
  for (const list of DIFF_LISTS) {
    const before = new Map(itemsOf(base, list).map((i) => [i.id, i]));
    const after = itemsOf(head, list);
    const seen = new Set<string>();
    for (const item of after) {
      seen.add(item.id);
      const old = before.get(item.id);
      if (!old) {
        out.push({ list, id: item.id, name: nameOfItem(item), change: 'added', fields: [] });
        continue;
      }
      const fields = fieldChanges(old, item);
      if (fields.length === 0) continue;
      const from = nameOfItem(old);
      const to = nameOfItem(item);
      out.push({ list, id: item.id, name: to, change: 'changed', ...(from !== to ? { renamed: { from, to } } : {}), fields });
    }
    for (const [id, item] of before) if (!seen.has(id)) out.push({ list, id, name: nameOfItem(item), change: 'removed', fields: [] });
  }
  return out;
}

/** Each flow's boundary crossings, as `flow boundary` pairs. */
function crossingsOf(model: Model): Set<string> {
  const out = new Set<string>();
  for (const f of buildGraph(model).flows) for (const b of [...f.exits, ...f.enters, ...f.crosses]) out.add(`${f.id}\u0000${b}`);
  return out;
}

function crossingDiffs(base: Model, head: Model): CrossingDiff[] {
  const before = crossingsOf(base);
  const after = crossingsOf(head);
  const out: CrossingDiff[] = [];
  const split = (key: string) => key.split('\u0000') as [string, string];
  for (const k of after) {
    if (!before.has(k)) {
      const [flow, boundary] = split(k);
      out.push({ flow, boundary, change: 'added' });
    }
  }
  for (const k of before) {
    if (!after.has(k)) {
      const [flow, boundary] = split(k);
      out.push({ flow, boundary, change: 'removed' });
    }
  }
  return out;
}

function side(t: AssessedThreat): ThreatSide {
  return { band: t.band, standing: t.standing, status: t.status, baseline: t.confidence === 'baseline' };
}

/** Higher is worse; unrated sits below every band. */
function severity(band: Band | undefined): number {
  return band === undefined ? -1 : bandRank(band);
}

function threatDiffs(base: AnalysisResult, head: AnalysisResult): ThreatDiff[] {
  const elementsOf = (r: AnalysisResult) => new Map(r.threats.map((t) => [t.id, t.elements]));
  const baseElements = elementsOf(base);
  const headElements = elementsOf(head);
  const before = new Map(base.risk.threats.map((t) => [t.id, t]));
  const out: ThreatDiff[] = [];
  const seen = new Set<string>();
  for (const t of head.risk.threats) {
    seen.add(t.id);
    const old = before.get(t.id);
    const after = side(t);
    const elements = headElements.get(t.id) ?? [];
    if (!old) {
      out.push({ id: t.id, title: t.title, changes: ['new'], after, elements, worse: after.standing === 'open' });
      continue;
    }
    const prior = side(old);
    const changes: ThreatChange[] = [];
    if (prior.band !== after.band) changes.push('rescored');
    if (prior.standing !== after.standing || prior.status !== after.status) changes.push('retriaged');
    if (changes.length === 0) continue;
    const worse = after.standing === 'open' && (prior.standing !== 'open' || severity(after.band) > severity(prior.band));
    out.push({ id: t.id, title: t.title, changes, before: prior, after, elements, worse });
  }
  for (const [id, t] of before) {
    if (!seen.has(id)) out.push({ id, title: t.title, changes: ['gone'], before: side(t), elements: baseElements.get(id) ?? [], worse: false });
  }
  return out;
}

function mitigationDiffs(base: AnalysisResult, head: AnalysisResult): MitigationDiff[] {
  const before = new Map(base.risk.mitigations.map((m) => [m.id, m]));
  const out: MitigationDiff[] = [];
  for (const m of head.risk.mitigations) {
    const old = before.get(m.id);
    if (old?.status !== m.status) out.push({ id: m.id, title: m.title, before: old?.status, after: m.status });
  }
  const now = new Set(head.risk.mitigations.map((m) => m.id));
  for (const [id, m] of before) if (!now.has(id)) out.push({ id, title: m.title, before: m.status, after: undefined });
  return out;
}

export function diffModels(base: DiffSide, head: DiffSide): ModelDiff {
  const elements = elementDiffs(base.model, head.model);
  const crossings = crossingDiffs(base.model, head.model);
  const threats = threatDiffs(base.analysis, head.analysis);
  const mitigations = mitigationDiffs(base.analysis, head.analysis);
  const otherTopLevel = !same({ ...base.model, ...Object.fromEntries(DIFF_LISTS.map((l) => [l, undefined])) }, { ...head.model, ...Object.fromEntries(DIFF_LISTS.map((l) => [l, undefined])) });
  return {
    version: DIFF_FORMAT_VERSION,
    elements,
    crossings,
    threats,
    mitigations,
    posture: { before: base.analysis.risk.posture, after: head.analysis.risk.posture },
    empty: elements.length === 0 && crossings.length === 0 && threats.length === 0 && mitigations.length === 0 && !otherTopLevel,
  };
}

/**
 * The change's threats that fail a gate at `band`: open at head at or above it, and new, moved up
 * into or within the band, or open again. Baseline entries count only when asked.
 */
export function worseAtOrAbove(diff: ModelDiff, band: Band, options: { countBaseline?: boolean } = {}): ThreatDiff[] {
  return diff.threats.filter((t) => t.worse && t.after?.band !== undefined && atOrAbove(t.after.band, band) && (options.countBaseline === true || !t.after.baseline));
}

/** A gate judged only on what a change brought (`check --since`). */
export interface GateSince {
  readonly gate: GateResult;
  /** Failing items the base revision had already: listed apart, not gated. */
  readonly before: readonly GateItem[];
}

/**
 * Keeps of a gate's failing items those the change since the base brought: a threat open at head
 * that is new, moved up a band, or open again (its risk or its missing rating), and an overdue
 * mitigation added since. What the base already had (and what only time made fail, such as an
 * acceptance expiring) is kept apart, so a team can adopt the gate on a large model and ratchet.
 */
export function gateSince(gate: GateResult, diff: ModelDiff): GateSince {
  const worse = new Set(diff.threats.filter((t) => t.worse).map((t) => t.id));
  const addedMitigations = new Set(diff.elements.filter((e) => e.list === 'mitigations' && e.change === 'added').map((e) => e.id));
  const kept: GateItem[] = [];
  const before: GateItem[] = [];
  for (const item of gate.items) {
    // A component whose code moved on without the model is the change's to answer, whatever came before.
    const brought = item.kind === 'overdue-mitigation' ? addedMitigations.has(item.subject) : item.kind === 'expired-acceptance' ? false : item.kind === 'stale-component' ? true : worse.has(item.subject);
    (brought ? kept : before).push(item);
  }
  return { gate: { ...gate, items: kept, passed: kept.length === 0 }, before };
}
