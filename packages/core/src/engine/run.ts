/**
 * Runs rules over a graph index and turns their reports into findings: interpolated messages,
 * fingerprints, likelihood/impact adjusted by exposure and data sensitivity, and questions.
 */
import type { Issue } from '../issues.js';
import { capabilitySource, readProperty, SENSITIVITY_NAMES, type AssetNode, type ComponentNode, type ElementNode, type GraphIndex, type Sensitivity } from '../graph/index.js';
import { PROPERTIES, type PropertyValue } from '../taxonomy/properties.js';
import { fingerprintOf } from './define-rule.js';
import type { AnyRule, Evidence, Fact, Finding, Question, ReportDescriptor, RuleContext, Scale, Unstated } from './types.js';

export function labelOf(el: ElementNode): string {
  if (el.type === 'component') return el.component.name === el.id ? el.id : `${el.component.name} (${el.id})`;
  const s = el.source ? el.source.component.name : el.flow.from;
  const t = el.target ? el.target.component.name : el.flow.to;
  return `${el.flow.label ? `"${el.flow.label}" ` : ''}${s} → ${t} (${el.id})`;
}

function show(v: PropertyValue | null): string {
  return typeof v === 'string' ? v : String(v);
}

function questionFor(key: string, label: string): string {
  const spec = PROPERTIES.get(key);
  if (spec) return spec.question.replace('{{subject}}', label);
  return `Is "${key}" true for ${label}?`;
}

function boundaryName(graph: GraphIndex, c: ComponentNode | undefined): string {
  const id = c?.boundaries[0];
  if (id === undefined) return 'outside any boundary';
  const b = graph.boundaries.get(id);
  return b ? `${b.boundary.name} (${id})` : id;
}

const clamp = (n: number): Scale => Math.min(5, Math.max(1, Math.round(n))) as Scale;

export interface RunOptions {
  /** Rule ids not to run. */
  readonly disabled?: ReadonlySet<string>;
  /**
   * Only look at these elements: rules of `neighbourhood` scope see just them in `components`, `flows`
   * and `withCapability` (they still follow flows anywhere); `system` rules see everything. Used by the
   * incremental analysis, which re-runs rules around an edit.
   */
  readonly focus?: ReadonlySet<ElementNode>;
}

export interface RunResult {
  findings: Finding[];
  issues: Issue[];
}

/** A message template split once into literal text and placeholder names: even indexes are text, odd are names. */
type CompiledTemplate = readonly string[];

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function compileTemplate(template: string): CompiledTemplate {
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index), m[1] ?? '');
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

const compiled = new WeakMap<AnyRule, ReadonlyMap<string, CompiledTemplate>>();
/** A rule's messages, compiled once per rule object. */
function templatesOf(rule: AnyRule): ReadonlyMap<string, CompiledTemplate> {
  let t = compiled.get(rule);
  if (t === undefined) {
    const m = new Map<string, CompiledTemplate>();
    for (const [id, text] of Object.entries(rule.messages as Record<string, string>)) m.set(id, compileTemplate(text));
    compiled.set(rule, m);
    t = m;
  }
  return t;
}

/** Evidence and derived strings about one element, built once per run and shared by every finding that cites them. */
interface ElementCache {
  /** The element this entry is about (an element of another graph never reads it). */
  readonly node: ElementNode;
  label?: string;
  ids?: readonly string[];
  assets?: readonly string[];
  exposed?: string;
  prop?: Map<string, Fact | null>;
  gap?: Map<string, Evidence | null>;
  cap?: Map<string, Fact>;
  sens?: (Fact | null | undefined)[];
  exposure?: Fact | null;
  reach?: Fact | null;
  route?: Fact;
  crossing?: Map<string, Fact>;
}

const LIKELIHOOD_INTERNAL = 'likelihood -1: not reachable from the internet';
const IMPACT_PUBLIC = 'impact -1: involves only public data';
const CLAMPED = 'clamped to the 1–5 scale';
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_FACTS: readonly Fact[] = Object.freeze([]);
const NO_UNSTATED: readonly Unstated[] = Object.freeze([]);
const NO_CLOSES: Finding['closesWhen'] = Object.freeze([]);

/** A sorted list without repeats; the shared empty list when there is nothing. */
function sortedUnique(items: Iterable<string>): readonly string[] {
  const list = Array.from(items);
  if (list.length === 0) return NO_STRINGS;
  list.sort();
  let n = 1;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i] as string;
  list.length = n;
  return list;
}

/** The adjustment notes that apply, in order, as an exact-size list. */
function noteList(a: string | undefined, b: string | undefined, c: string | undefined): readonly string[] {
  if (a !== undefined) return b !== undefined ? (c !== undefined ? [a, b, c] : [a, b]) : c !== undefined ? [a, c] : [a];
  if (b !== undefined) return c !== undefined ? [b, c] : [b];
  return c !== undefined ? [c] : NO_STRINGS;
}

/** Runs the rules and returns their findings sorted by fingerprint. Never throws: a failing rule becomes an issue. */
export function runRules(graph: GraphIndex, rules: readonly AnyRule[], options: RunOptions = {}): RunResult {
  const issues: Issue[] = [];
  const found = new Map<string, Finding>();
  const components = graph.components.filter((c) => !c.outOfScope);
  const flows = graph.flows.filter((f) => !f.outOfScope && f.source?.outOfScope !== true && f.target?.outOfScope !== true);
  const capCache = new Map<string, ComponentNode[]>();
  const withCapability = (cap: string): readonly ComponentNode[] => {
    let list = capCache.get(cap);
    if (!list) {
      list = graph.withCapability(cap).filter((c) => !c.outOfScope);
      capCache.set(cap, list);
    }
    return list;
  };
  const focus = options.focus;
  const focusComponents = focus ? components.filter((c) => focus.has(c)) : components;
  const focusFlows = focus ? flows.filter((f) => focus.has(f)) : flows;
  const focusCapCache = new Map<string, ComponentNode[]>();
  const withCapabilityInFocus = (cap: string): readonly ComponentNode[] => {
    if (!focus) return withCapability(cap);
    let list = focusCapCache.get(cap);
    if (!list) {
      list = focusComponents.filter((c) => c.capabilities.has(cap));
      focusCapCache.set(cap, list);
    }
    return list;
  };

  const caches: (ElementCache | undefined)[] = new Array<ElementCache | undefined>(graph.components.length + graph.flows.length);
  const cacheOf = (el: ElementNode): ElementCache => {
    let c = caches[el.ordinal];
    if (c === undefined || c.node !== el) {
      c = { node: el };
      caches[el.ordinal] = c;
    }
    return c;
  };
  const label = (el: ElementNode): string => (cacheOf(el).label ??= labelOf(el));
  /** What would close a piece of evidence, computed once per (shared) evidence object. */
  const closes = new Map<Evidence, { subject: string; key: string; value: PropertyValue } | null>();
  const closeOf = (e: Evidence): { subject: string; key: string; value: PropertyValue } | null => {
    let c = closes.get(e);
    if (c === undefined) {
      if (e.kind === 'unstated') c = { subject: e.subject, key: e.key, value: e.safe };
      else {
        const safe = PROPERTIES.get(e.key)?.safe;
        c = safe !== undefined && typeof e.value === 'boolean' && e.value !== safe ? { subject: e.subject, key: e.key, value: safe } : null;
      }
      closes.set(e, c);
    }
    return c;
  };
  const sensitivityNote = new Map<string, string>();

  const statedFact = (el: ElementNode, key: string, v: PropertyValue): Fact => {
    const implied = el.type === 'flow' && key === 'encrypted' && el.encryptedSource === 'protocol' ? ` (protocol ${el.flow.protocol ?? ''})` : '';
    return { kind: 'fact', subject: el.id, key, value: v, text: `${el.id} ${key}: ${show(v)}${implied}` };
  };
  const property = (el: ElementNode, key: string): Fact | undefined => {
    const cache = (cacheOf(el).prop ??= new Map());
    let f = cache.get(key);
    if (f === undefined) {
      const v = readProperty(el, key);
      f = v === undefined ? null : statedFact(el, key, v);
      cache.set(key, f);
    }
    return f ?? undefined;
  };
  const exposure = (el: ElementNode): Fact | undefined => {
    const cache = cacheOf(el);
    if (cache.exposure === undefined) {
      let f: Fact | null = null;
      if (el.type === 'component') {
        if (el.exposure === 'internet') f = { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${label(el)} is reachable from the internet (${el.exposureReason ?? ''})` };
      } else if (el.source && el.source.trust <= 0) f = { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${el.id} comes from ${label(el.source)}, an untrusted element (trust ${el.source.trust})` };
      else if (el.target?.exposure === 'internet' && el.source?.kind === 'external-entity') f = { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${el.id} reaches ${label(el.target)} from outside the system` };
      cache.exposure = f;
    }
    return cache.exposure ?? undefined;
  };

  const helpers: Omit<RuleContext, 'report'> = {
    model: graph.model,
    graph,
    components,
    flows,
    withCapability,
    has: (el, cap) => el.capabilities.has(cap),
    prop: readProperty,
    capability: (el, cap) => {
      if (!el.capabilities.has(cap)) return undefined;
      const cache = (cacheOf(el).cap ??= new Map());
      let f = cache.get(cap);
      if (f === undefined) {
        const via = el.type === 'component' ? capabilitySource(el, cap) : `protocol ${el.flow.protocol ?? ''}`;
        f = { kind: 'fact', subject: el.id, key: 'capability', value: cap, text: `${label(el)} is ${cap}${via ? ` (${via})` : ''}` };
        cache.set(cap, f);
      }
      return f;
    },
    property,
    gap: (el, key) => {
      const cache = (cacheOf(el).gap ??= new Map());
      let e = cache.get(key);
      if (e === undefined) {
        const v = readProperty(el, key);
        const safe = PROPERTIES.get(key)?.safe ?? true;
        if (v === safe) e = null;
        else if (v === undefined) e = { kind: 'unstated', subject: el.id, key, safe, question: questionFor(key, label(el)) } satisfies Unstated;
        else e = property(el, key) ?? null;
        cache.set(key, e);
      }
      return e ?? undefined;
    },
    exposure,
    reach: (c) => {
      if (!c.reachable) return undefined;
      if (!c.reachedVia) return exposure(c);
      const cache = cacheOf(c);
      if (cache.reach === undefined) {
        const path: string[] = [];
        let cur: ComponentNode | undefined = c;
        for (let hops = 0; cur?.reachedVia && hops < 8; hops++) {
          path.push(cur.reachedVia.id);
          cur = cur.reachedVia.source;
        }
        const origin = cur ? label(cur) : 'the internet';
        cache.reach = { kind: 'fact', subject: c.id, key: 'reach', value: 'internet', text: `${label(c)} is reached from the internet through ${path.reverse().join(' → ')} from ${origin}` };
      }
      return cache.reach ?? undefined;
    },
    crossing: (f, direction) => {
      if (!f.crossesBoundary) return undefined;
      if (direction && f.direction !== direction) return undefined;
      const cache = (cacheOf(f).crossing ??= new Map());
      const k = direction ?? '';
      let fact = cache.get(k);
      if (fact === undefined) {
        fact = {
          kind: 'fact',
          subject: f.id,
          key: 'crosses',
          value: f.direction,
          text: `${f.id} crosses a trust boundary from trust ${f.sourceTrust} (${boundaryName(graph, f.source)}) to trust ${f.targetTrust} (${boundaryName(graph, f.target)})`,
        };
        cache.set(k, fact);
      }
      return fact;
    },
    sensitiveData: (el, atLeast) => {
      const cache = (cacheOf(el).sens ??= []);
      const hit = cache[atLeast + 1];
      if (hit !== undefined) return hit ?? undefined;
      /** The most sensitive asset at least `atLeast` (ties: the smallest id), or undefined. */
      const best = (ids: Iterable<string>): AssetNode | undefined => {
        let r: AssetNode | undefined;
        for (const id of ids) {
          const a = graph.assets.get(id);
          if (a && a.sensitivity >= atLeast && (!r || a.sensitivity > r.sensitivity || (a.sensitivity === r.sensitivity && id < r.id))) r = a;
        }
        return r;
      };
      const describe = (verb: string, a: AssetNode): Fact => ({ kind: 'fact', subject: el.id, key: verb, value: a.id, text: `${el.id} ${verb} ${a.asset.name} (${a.id}), ${SENSITIVITY_NAMES[a.sensitivity] ?? 'unknown'}` });
      let fact: Fact | undefined;
      if (el.type === 'flow') {
        const r = best(el.assets);
        fact = r ? describe('carries', r) : undefined;
      } else {
        const st = best(el.stored);
        const pr = st ? undefined : best(el.processed);
        const ca = st || pr ? undefined : best(el.carried);
        fact = st ? describe('stores', st) : pr ? describe('processes', pr) : ca ? describe('exchanges', ca) : undefined;
      }
      cache[atLeast + 1] = fact ?? null;
      return fact;
    },
    route: (f) => {
      const cache = cacheOf(f);
      cache.route ??= {
        kind: 'fact',
        subject: f.id,
        key: 'route',
        value: `${f.flow.from}->${f.flow.to}`,
        text: `${f.id} goes from ${f.source ? label(f.source) : f.flow.from} to ${f.target ? label(f.target) : f.flow.to}`,
      };
      return cache.route;
    },
    fact: (el, key, value) => ({ kind: 'fact', subject: el.id, key, value, text: `${el.id} ${key}: ${show(value)}` }),
  };

  /** Assets a finding involves when the rule does not say: what its elements carry, process and store. */
  const assetsOf = (els: readonly ElementNode[]): readonly string[] => {
    if (els.length === 1) {
      const el = els[0] as ElementNode;
      const cache = cacheOf(el);
      if (cache.assets === undefined) {
        if (el.type === 'flow') cache.assets = sortedUnique(el.assets);
        else if (el.processed.size === 0) cache.assets = sortedUnique(el.stored);
        else if (el.stored.size === 0) cache.assets = sortedUnique(el.processed);
        else cache.assets = sortedUnique([...el.stored, ...el.processed]);
      }
      return cache.assets;
    }
    const set = new Set<string>();
    for (const e of els) {
      if (e.type === 'flow') for (const a of e.assets) set.add(a);
      else {
        for (const a of e.stored) set.add(a);
        for (const a of e.processed) set.add(a);
      }
    }
    return sortedUnique(set);
  };
  const exposedNote = (el: ElementNode): string => (cacheOf(el).exposed ??= `likelihood +1: ${el.id} is reachable from the internet`);

  for (const rule of rules) {
    if (options.disabled?.has(rule.id)) continue;
    const templates = templatesOf(rule);
    const defaults = rule.meta.defaults;
    const adjustExposure = rule.meta.adjust?.exposure !== false;
    const adjustSensitivity = rule.meta.adjust?.sensitivity !== false;
    const byAvailability = rule.meta.category === 'denial-of-service';

    const report = (d: ReportDescriptor<string>): void => {
      const els: readonly ElementNode[] = d.elements ?? (d.element ? [d.element] : []);
      if (els.length === 0) throw new Error(`rule ${rule.id} reported a finding without an element`);
      for (let k = 0; k < els.length; k++) if ((els[k] as ElementNode).outOfScope) return;
      const template = templates.get(d.messageId);
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${d.messageId}"`);
      const first = els[0] as ElementNode;
      let ids: readonly string[];
      if (els.length === 1) ids = cacheOf(first).ids ??= [first.id];
      else ids = els.map((e) => e.id);
      const fingerprint = fingerprintOf(rule.id, ids);
      if (found.has(fingerprint)) return;

      // Arrays sized exactly: a finding lives as long as the analysis, and grown arrays keep their slack.
      let nf = 0;
      let nu = 0;
      // Indexed loops: report runs once per finding, and iterators cost allocations here.
      for (let k = 0; k < d.facts.length; k++) {
        const e = d.facts[k];
        if (e === undefined) continue;
        if (e.kind === 'fact') nf++;
        else nu++;
      }
      if (d.unstated) nu += d.unstated.length;
      const facts: Fact[] = nf === 0 ? (NO_FACTS as Fact[]) : new Array<Fact>(nf);
      let unstated: Unstated[] = nu === 0 ? (NO_UNSTATED as Unstated[]) : new Array<Unstated>(nu);
      let fi = 0;
      let ui = 0;
      let nc = 0;
      const addUnstated = (u: Unstated): void => {
        for (let k = 0; k < ui; k++) {
          const seen = unstated[k] as Unstated;
          if (seen === u || (seen.subject === u.subject && seen.key === u.key)) return;
        }
        unstated[ui++] = u;
        nc++;
      };
      for (let k = 0; k < d.facts.length; k++) {
        const e = d.facts[k];
        if (e === undefined) continue;
        if (e.kind === 'fact') {
          facts[fi++] = e;
          if (closeOf(e)) nc++;
        } else addUnstated(e);
      }
      if (d.unstated) for (let k = 0; k < d.unstated.length; k++) addUnstated(d.unstated[k] as Unstated);
      if (ui < nu) unstated = unstated.slice(0, ui);
      // Closing values: stated gaps first, then unstated properties (as the questions list them).
      const closesWhen: { subject: string; key: string; value: PropertyValue }[] = nc === 0 ? (NO_CLOSES as { subject: string; key: string; value: PropertyValue }[]) : new Array<{ subject: string; key: string; value: PropertyValue }>(nc);
      let ci = 0;
      for (let k = 0; k < fi; k++) {
        const f = facts[k] as Fact;
        const c = closeOf(f);
        if (c) closesWhen[ci++] = c;
      }
      for (let k = 0; k < ui; k++) {
        const u = unstated[k] as Unstated;
        const c = closeOf(u);
        if (c) closesWhen[ci++] = c;
      }

      let message = template[0] ?? '';
      for (let k = 1; k < template.length; k += 2) {
        const name = template[k] as string;
        let v: string | number | undefined = d.data?.[name];
        if (v === undefined) {
          if (name === 'element') v = label(first);
          else if (name === 'elements') v = els.length === 1 ? label(first) : els.map(label).join(', ');
          else if (first.type === 'flow' && name === 'source') v = first.source ? label(first.source) : first.flow.from;
          else if (first.type === 'flow' && name === 'target') v = first.target ? label(first.target) : first.flow.to;
        }
        message += (v === undefined ? `{{${name}}}` : String(v)) + (template[k + 1] ?? '');
      }

      const assets = d.assets ? [...d.assets] : assetsOf(els);
      let likelihood: number = defaults.likelihood;
      let impact: number = defaults.impact;
      let byExposure: string | undefined;
      let bySensitivity: string | undefined;
      if (adjustExposure) {
        let exposed: ElementNode | undefined;
        let internal = false;
        for (let k = 0; k < els.length; k++) {
          const e = els[k] as ElementNode;
          if (e.type === 'component') {
            if (e.exposure === 'internet') exposed ??= e;
            else if (e.exposure === 'internal') internal = true;
          } else if ((e.source && e.source.trust <= 0) || e.target?.exposure === 'internet' || e.source?.exposure === 'internet') exposed ??= e;
          else internal = true;
        }
        if (exposed !== undefined && unstated.length > 0) {
          // Resting on an unstated safeguard, the finding is a question, not a known gap: exposure does not make it likelier.
          byExposure = `likelihood not raised for exposure: ${exposed.id} is reachable from the internet, but the finding rests on unstated properties`;
        } else if (exposed !== undefined) {
          likelihood += 1;
          byExposure = exposedNote(exposed);
        } else if (internal) {
          likelihood -= 1;
          byExposure = LIKELIHOOD_INTERNAL;
        }
      }
      if (adjustSensitivity && assets.length > 0 && byAvailability) {
        // Losing availability hurts as much as the data must stay available, whatever its confidentiality.
        let max = -1;
        let which = '';
        for (let k = 0; k < assets.length; k++) {
          const a = assets[k] as string;
          const availability = graph.assets.get(a)?.asset.availability;
          const rank = availability === 'high' ? 2 : availability === 'medium' ? 1 : availability === 'low' ? 0 : -1;
          if (rank > max) {
            max = rank;
            which = a;
          }
        }
        if (max === 2) {
          impact += 1;
          bySensitivity = `impact +1: involves data that must stay available (${which}, availability high)`;
        } else if (max === 0) {
          impact -= 1;
          bySensitivity = `impact -1: involves only data rated availability low (${which})`;
        }
      } else if (adjustSensitivity && assets.length > 0) {
        let max: Sensitivity = -1;
        let which = '';
        for (let k = 0; k < assets.length; k++) {
          const a = assets[k] as string;
          const n = graph.assets.get(a);
          if (n && n.sensitivity > max) {
            max = n.sensitivity;
            which = a;
          }
        }
        if (max >= 3) {
          impact += 1;
          let note = sensitivityNote.get(which);
          if (note === undefined) {
            note = `impact +1: involves ${SENSITIVITY_NAMES[max] ?? ''} data (${which})`;
            sensitivityNote.set(which, note);
          }
          bySensitivity = note;
        } else if (max === 0) {
          impact -= 1;
          bySensitivity = IMPACT_PUBLIC;
        }
      }
      const l = clamp(likelihood);
      const i = clamp(impact);
      const clamped = l !== likelihood || i !== impact ? CLAMPED : undefined;
      const adjustments = noteList(byExposure, bySensitivity, clamped);

      found.set(fingerprint, {
        fingerprint,
        ruleId: rule.id,
        title: rule.meta.title,
        category: rule.meta.category,
        messageId: d.messageId,
        message,
        elements: ids,
        assets,
        likelihood: l,
        impact: i,
        defaults,
        adjustments,
        facts,
        unstated,
        confidence: unstated.length > 0 ? 'possible' : 'confirmed',
        closesWhen,
      });
    };
    try {
      if (focus && rule.meta.scope !== 'system') rule.check({ ...helpers, components: focusComponents, flows: focusFlows, withCapability: withCapabilityInFocus, report });
      else rule.check({ ...helpers, report });
    } catch (err) {
      issues.push({ code: 'rule-failed', severity: 'error', message: `rule ${rule.id} failed: ${(err as Error).message}`, path: [], hint: 'This is a bug in the rule; the other rules still ran. Please report it.' });
    }
  }
  const findings = [...found.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { findings, issues };
}

/** One question per unstated property, with the findings its answer would change; most impactful first. */
export function collectQuestions(findings: readonly ({ readonly fingerprint: string; readonly unstated: readonly Unstated[] } | { readonly id: string; readonly unstated: readonly Unstated[] })[]): Question[] {
  // By element, then property: both strings already exist, so no key is built per lookup.
  const bySubject = new Map<string, Map<string, Question & { affects: string[] }>>();
  const all: (Question & { affects: string[] })[] = [];
  for (const f of findings) {
    if (f.unstated.length === 0) continue;
    const fingerprint = 'fingerprint' in f ? f.fingerprint : f.id;
    for (const u of f.unstated) {
      let byKey = bySubject.get(u.subject);
      if (byKey === undefined) {
        byKey = new Map();
        bySubject.set(u.subject, byKey);
      }
      const q = byKey.get(u.key);
      // Findings arrive sorted by fingerprint, so each list of affected findings is already in order.
      if (q !== undefined) q.affects.push(fingerprint);
      else {
        const added = { id: `${u.subject}.${u.key}`, subject: u.subject, key: u.key, text: u.question, safe: u.safe, affects: [fingerprint] };
        byKey.set(u.key, added);
        all.push(added);
      }
    }
  }
  return all.sort((a, b) => b.affects.length - a.affects.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
