/**
 * The pure part of `npm run quality`: how the threats another tool's user wrote (or the tool
 * generated) compare with the threats the rule engine derives from the same model without them.
 *
 * Two measures, each per source threat:
 * - by category: a derived threat of the same category names the threat's element or an adjacent
 *   one (for a flow: its source and target; for a component: the flows into and out of it);
 * - by concern: the threat's text falls under a concern (./concerns.ts) and a derived threat of one
 *   of that concern's rules names the same element or an adjacent one. Baseline entries (rule ids
 *   `baseline-*`) count for the first measure only. A threat whose text names no concern is
 *   "unrecognised" and neither matched nor missed.
 *
 * Threats on out-of-scope elements (the engine never reports on those by design) and threats on no
 * element are counted apart. No files, no process: the script does the reading and printing.
 */
import type { Concern } from './concerns.js';

export interface SourceThreat {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly category?: string | undefined;
  readonly elements: readonly string[];
}

export interface DerivedThreat {
  readonly ruleId?: string | undefined;
  readonly category?: string | undefined;
  readonly elements: readonly string[];
  readonly confidence: string;
}

export interface Topology {
  readonly components: readonly { readonly id: string; readonly out_of_scope?: boolean | undefined }[];
  readonly flows: readonly { readonly id: string; readonly from: string; readonly to: string; readonly out_of_scope?: boolean | undefined }[];
}

export const isBaseline = (ruleId: string | undefined): boolean => ruleId?.startsWith('baseline-') === true;

/** Each element's id -> itself and the elements adjacent to it (a flow's ends; a component's flows). */
export function neighbourhoods(topology: Topology): (id: string) => ReadonlySet<string> {
  const around = new Map<string, Set<string>>();
  const at = (id: string): Set<string> => {
    let s = around.get(id);
    if (!s) around.set(id, (s = new Set([id])));
    return s;
  };
  for (const c of topology.components) at(c.id);
  for (const f of topology.flows) {
    at(f.id).add(f.from).add(f.to);
    at(f.from).add(f.id);
    at(f.to).add(f.id);
  }
  return (id) => around.get(id) ?? new Set([id]);
}

/** The concerns a threat falls under: by its title, or by its description when the title names none. */
export function classify(threat: Pick<SourceThreat, 'title' | 'description'>, concerns: readonly Concern[]): Concern[] {
  const by = (text: string) => concerns.filter((c) => c.keywords.some((k) => k.test(text)));
  const fromTitle = by(threat.title);
  if (fromTitle.length > 0 || threat.description === undefined) return fromTitle;
  return by(threat.description);
}

export type Scope = 'counted' | 'out-of-scope' | 'no-element';

export interface Verdict {
  readonly threat: SourceThreat;
  readonly scope: Scope;
  /** `none` when the threat has no category. */
  readonly byCategory: 'matched' | 'missed' | 'none';
  /** The concerns its text falls under (empty: unrecognised). */
  readonly concerns: readonly string[];
  /** Those of its concerns a rule matched. */
  readonly matchedConcerns: readonly string[];
  readonly byConcern: 'matched' | 'missed' | 'unrecognised';
  /** A rule that matched, for each measure (for --verbose and the tests). */
  readonly categoryRule?: string;
  readonly concernRule?: string;
}

export interface Share {
  /** Source threats the measure judged. */
  readonly judged: number;
  readonly matched: number;
}

export interface ThreatQuality {
  /** Every source threat. */
  readonly threats: number;
  readonly outOfScope: number;
  readonly noElement: number;
  /** Counted threats without a category (not judged by category). */
  readonly noCategory: number;
  readonly byCategory: Share;
  readonly byConcern: Share;
  readonly unrecognised: number;
  /** Distinct (category, element) pairs of counted, categorised threats, and those matched by category. */
  readonly pairs: Share;
  readonly verdicts: readonly Verdict[];
}

/** Judges every source threat against the derived threats of the same model. */
export function judge(sources: readonly SourceThreat[], derived: readonly DerivedThreat[], topology: Topology, concerns: readonly Concern[]): ThreatQuality {
  const around = neighbourhoods(topology);
  const outOfScope = new Set<string>();
  for (const c of topology.components) if (c.out_of_scope === true) outOfScope.add(c.id);
  for (const f of topology.flows) if (f.out_of_scope === true) outOfScope.add(f.id);
  const naming = new Map<string, DerivedThreat[]>();
  for (const d of derived) {
    for (const e of new Set(d.elements)) {
      const list = naming.get(e);
      if (list) list.push(d);
      else naming.set(e, [d]);
    }
  }

  const verdicts: Verdict[] = [];
  const pairs = new Map<string, boolean>();
  for (const t of sources) {
    const concernsOf = classify(t, concerns);
    const concernIds = concernsOf.map((c) => c.id);
    const scope: Scope = t.elements.length === 0 ? 'no-element' : t.elements.every((e) => outOfScope.has(e)) ? 'out-of-scope' : 'counted';
    if (scope !== 'counted') {
      verdicts.push({ threat: t, scope, byCategory: t.category === undefined ? 'none' : 'missed', concerns: concernIds, matchedConcerns: [], byConcern: concernIds.length === 0 ? 'unrecognised' : 'missed' });
      continue;
    }
    const nearby = new Set<DerivedThreat>();
    for (const e of t.elements) for (const n of around(e)) for (const d of naming.get(n) ?? []) nearby.add(d);
    const near = [...nearby];
    const byCat = t.category === undefined ? undefined : near.find((d) => d.category === t.category);
    const matchedConcerns: string[] = [];
    let byRule: DerivedThreat | undefined;
    for (const c of concernsOf) {
      const rules = new Set(c.rules);
      const hit = near.find((d) => d.ruleId !== undefined && !isBaseline(d.ruleId) && rules.has(d.ruleId));
      if (!hit) continue;
      matchedConcerns.push(c.id);
      byRule ??= hit;
    }
    verdicts.push({
      threat: t,
      scope,
      byCategory: t.category === undefined ? 'none' : byCat ? 'matched' : 'missed',
      concerns: concernIds,
      matchedConcerns,
      byConcern: concernIds.length === 0 ? 'unrecognised' : byRule ? 'matched' : 'missed',
      ...(byCat?.ruleId !== undefined ? { categoryRule: byCat.ruleId } : {}),
      ...(byRule?.ruleId !== undefined ? { concernRule: byRule.ruleId } : {}),
    });
    if (t.category !== undefined) {
      for (const e of t.elements) {
        const key = `${t.category}\u0000${e}`;
        pairs.set(key, (pairs.get(key) ?? false) || byCat !== undefined);
      }
    }
  }

  const counted = verdicts.filter((v) => v.scope === 'counted');
  return {
    threats: sources.length,
    outOfScope: verdicts.filter((v) => v.scope === 'out-of-scope').length,
    noElement: verdicts.filter((v) => v.scope === 'no-element').length,
    noCategory: counted.filter((v) => v.byCategory === 'none').length,
    byCategory: { judged: counted.filter((v) => v.byCategory !== 'none').length, matched: counted.filter((v) => v.byCategory === 'matched').length },
    byConcern: { judged: counted.filter((v) => v.byConcern !== 'unrecognised').length, matched: counted.filter((v) => v.byConcern === 'matched').length },
    unrecognised: counted.filter((v) => v.byConcern === 'unrecognised').length,
    pairs: { judged: pairs.size, matched: [...pairs.values()].filter(Boolean).length },
    verdicts,
  };
}

export interface Findings {
  /** In-scope components and flows. */
  readonly elements: number;
  readonly derived: number;
  readonly derivedWithoutBaseline: number;
  /** Derived threats by confidence ('confirmed', 'possible', 'baseline'). */
  readonly byConfidence: Readonly<Record<string, number>>;
}

export const CONFIDENCES = ['confirmed', 'possible', 'baseline'] as const;

/** How many threats the engine derived, against the in-scope elements it had. */
export function findings(derived: readonly DerivedThreat[], elements: number): Findings {
  const byConfidence: Record<string, number> = Object.fromEntries(CONFIDENCES.map((c) => [c, 0]));
  for (const d of derived) byConfidence[d.confidence] = (byConfidence[d.confidence] ?? 0) + 1;
  return { elements, derived: derived.length, derivedWithoutBaseline: derived.filter((d) => !isBaseline(d.ruleId)).length, byConfidence };
}

/** Findings per element (0 for a model without elements). */
export function perElement(f: Findings, withBaseline = true): number {
  return f.elements === 0 ? 0 : (withBaseline ? f.derived : f.derivedWithoutBaseline) / f.elements;
}

/** A share as a fraction, or undefined when nothing was judged. */
export const ratio = (s: Share): number | undefined => (s.judged === 0 ? undefined : s.matched / s.judged);

const addShare = (a: Share, b: Share): Share => ({ judged: a.judged + b.judged, matched: a.matched + b.matched });

/** Sums of several files' threat measures (verdicts concatenated). */
export function addThreats(list: readonly ThreatQuality[]): ThreatQuality {
  const zero: Share = { judged: 0, matched: 0 };
  return {
    threats: list.reduce((n, q) => n + q.threats, 0),
    outOfScope: list.reduce((n, q) => n + q.outOfScope, 0),
    noElement: list.reduce((n, q) => n + q.noElement, 0),
    noCategory: list.reduce((n, q) => n + q.noCategory, 0),
    byCategory: list.reduce((s, q) => addShare(s, q.byCategory), zero),
    byConcern: list.reduce((s, q) => addShare(s, q.byConcern), zero),
    unrecognised: list.reduce((n, q) => n + q.unrecognised, 0),
    pairs: list.reduce((s, q) => addShare(s, q.pairs), zero),
    verdicts: list.flatMap((q) => q.verdicts),
  };
}

/** Sums of several models' findings. */
export function addFindings(list: readonly Findings[]): Findings {
  const byConfidence: Record<string, number> = Object.fromEntries(CONFIDENCES.map((c) => [c, 0]));
  for (const f of list) for (const [k, v] of Object.entries(f.byConfidence)) byConfidence[k] = (byConfidence[k] ?? 0) + v;
  return {
    elements: list.reduce((n, f) => n + f.elements, 0),
    derived: list.reduce((n, f) => n + f.derived, 0),
    derivedWithoutBaseline: list.reduce((n, f) => n + f.derivedWithoutBaseline, 0),
    byConfidence,
  };
}

/** Per concern: how many counted threats fall under it and for how many a rule of that concern matched, most misses first. */
export function missesByConcern(verdicts: readonly Verdict[]): { concern: string; judged: number; matched: number }[] {
  const by = new Map<string, { judged: number; matched: number }>();
  for (const v of verdicts) {
    if (v.scope !== 'counted') continue;
    for (const c of v.concerns) {
      const s = by.get(c) ?? { judged: 0, matched: 0 };
      s.judged++;
      if (v.matchedConcerns.includes(c)) s.matched++;
      by.set(c, s);
    }
  }
  return [...by].map(([concern, s]) => ({ concern, ...s })).sort((a, b) => b.judged - b.matched - (a.judged - a.matched) || b.judged - a.judged || (a.concern < b.concern ? -1 : 1));
}
