/**
 * Runs rules over a graph index and turns their reports into findings: messages (worded when read),
 * fingerprints, likelihood/impact adjusted by exposure and data sensitivity, and questions.
 */
import { own } from '../data.js';
import type { Issue } from '../issues.js';
import { readProperty, SENSITIVITY_NAMES, statedSensitivity, type AssetNode, type ComponentNode, type ElementNode, type GraphIndex, type Sensitivity } from '../graph/index.js';
import { closingOf, EngineFact, EngineUnstated, labelOf, settle, Wording, type Closing } from './evidence.js';
import { PROPERTIES, type PropertyValue } from '../taxonomy/properties.js';
import { fingerprintOf } from './define-rule.js';
import { coveredElements, isAnswered, type Covered } from './baseline.js';
import type { ThreatCategory } from '../model/types.js';
import type { AnyRule, Confidence, Evidence, Fact, Finding, Question, ReportDescriptor, RuleContext, Scale, Unstated } from './types.js';

export { labelOf } from './evidence.js';

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
  /**
   * Leave out baseline entries that this run's specific findings answer (default true), saving the work
   * of making entries analyze would drop. The incremental analysis keeps every entry in its state instead,
   * since an entry answered now may be needed after a later edit removes the finding that answered it.
   */
  readonly answerBaseline?: boolean;
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
  ids?: readonly string[];
  assets?: readonly string[];
  exposed?: string;
  notRaised?: string;
  /** Evidence about a property the model states (a fact) or leaves unstated (a question), by key. */
  said?: Map<string, Evidence>;
  cap?: Map<string, Fact>;
  sens?: (Fact | null | undefined)[];
  exposure?: Fact | null;
  reach?: Fact | null;
  route?: Fact;
  crossing?: Fact;
  /** How the data the element involves moves impact (see `report`). */
  bySensitivity?: Adjustment;
  byAvailability?: Adjustment;
}

/** A change to impact and why. */
interface Adjustment {
  readonly impact: number;
  readonly note: string | undefined;
}

const LIKELIHOOD_INTERNAL = 'likelihood -1: not reachable from the internet';
const LIKELIHOOD_POSSIBLE = 'likelihood -1: rests on an unanswered question (possible)';
const IMPACT_PUBLIC = 'impact -1: involves only public data';
const CLAMPED = 'clamped to the 1–5 scale';
const NO_ADJUSTMENT: Adjustment = { impact: 0, note: undefined };
const PUBLIC_ONLY: Adjustment = { impact: -1, note: IMPACT_PUBLIC };
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_FACTS: readonly Fact[] = Object.freeze([]);
const NO_UNSTATED: readonly Unstated[] = Object.freeze([]);
const NO_CLOSES: readonly Closing[] = Object.freeze([]);
const NO_ELEMENTS: readonly ElementNode[] = Object.freeze([]);

/** A sorted list without repeats; the shared empty list when there is nothing. */
function sortedUnique(items: Iterable<string>): readonly string[] {
  const list = Array.from(items);
  if (list.length === 0) return NO_STRINGS;
  if (list.length <= 8) {
    // Most lists are a handful of asset ids: an insertion sort (same code-unit order as sort())
    // spares the work array Array.prototype.sort allocates on every call.
    for (let i = 1; i < list.length; i++) {
      const v = list[i] as string;
      let j = i - 1;
      for (; j >= 0 && (list[j] as string) > v; j--) list[j + 1] = list[j] as string;
      list[j + 1] = v;
    }
  } else list.sort();
  let n = 1;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i] as string;
  list.length = n;
  return list;
}

/** The adjustment notes that apply, in order, as an exact-size list. */
function noteList(a: string | undefined, b: string | undefined, c: string | undefined, d: string | undefined): readonly string[] {
  if (a === undefined && b === undefined && c === undefined && d === undefined) return NO_STRINGS;
  // Sized exactly: a finding keeps its list as long as the analysis lives.
  const out = new Array<string>((a === undefined ? 0 : 1) + (b === undefined ? 0 : 1) + (c === undefined ? 0 : 1) + (d === undefined ? 0 : 1));
  let n = 0;
  if (a !== undefined) out[n++] = a;
  if (b !== undefined) out[n++] = b;
  if (c !== undefined) out[n++] = c;
  if (d !== undefined) out[n] = d;
  return out;
}

/**
 * A finding as the engine makes it. Its message and closing values are worked out the first time
 * they are read (a large model has tens of thousands of findings, and a summary shows ten);
 * `toJSON` writes the same object a plain literal would, in the same key order.
 */
class EngineFinding implements Finding {
  readonly fingerprint: string;
  readonly messageId: string;
  readonly elements: readonly string[];
  readonly assets: readonly string[];
  readonly likelihood: Scale;
  readonly impact: Scale;
  readonly adjustments: readonly string[];
  readonly facts: readonly Fact[];
  readonly unstated: readonly Unstated[];
  readonly #rule: AnyRule;
  readonly #confidence: Confidence;
  /** The ids after "<rule>@" in the fingerprint (the elements without the flows a baseline entry lists). */
  readonly #key: readonly string[];
  #message: string | undefined;
  #closesWhen: readonly Closing[] | undefined;
  readonly #template: CompiledTemplate;
  readonly #data: Readonly<Record<string, string | number>> | undefined;
  /** What the message names: the element, or the elements when there are several; undefined once settled. */
  #els: ElementNode | readonly ElementNode[] | undefined;

  constructor(fingerprint: string, rule: AnyRule, confidence: Confidence, messageId: string, template: CompiledTemplate, data: Readonly<Record<string, string | number>> | undefined, els: ElementNode | readonly ElementNode[], ids: readonly string[], elements: readonly string[], assets: readonly string[], likelihood: Scale, impact: Scale, adjustments: readonly string[], facts: readonly Fact[], unstated: readonly Unstated[]) {
    this.fingerprint = fingerprint;
    this.#confidence = confidence;
    this.messageId = messageId;
    this.#key = ids;
    this.elements = elements;
    this.assets = assets;
    this.likelihood = likelihood;
    this.impact = impact;
    this.adjustments = adjustments;
    this.facts = facts;
    this.unstated = unstated;
    this.#rule = rule;
    this.#template = template;
    this.#data = data;
    this.#els = els;
  }

  // What every finding of a rule shares is read from the rule (a large model has tens of thousands of findings).
  get ruleId(): string {
    return this.#rule.id;
  }

  get title(): string {
    return this.#rule.meta.title;
  }

  get category(): ThreatCategory {
    return this.#rule.meta.category;
  }

  get defaults(): { readonly likelihood: Scale; readonly impact: Scale } {
    return this.#rule.meta.defaults;
  }

  /** Worked out once, when reported: read for every threat by triage, assessment, counts and each output. */
  get confidence(): Confidence {
    return this.#confidence;
  }

  /** What orders it among its rule's findings: its element ids, as the fingerprint writes them after "<rule>@". */
  sortKey(): string {
    return this.#key.length === 1 ? (this.#key[0] as string) : this.#key.join('+');
  }

  get message(): string {
    return (this.#message ??= this.#word(this.#els as ElementNode | readonly ElementNode[]));
  }

  #word(named: ElementNode | readonly ElementNode[]): string {
    const template = this.#template;
    const els: readonly ElementNode[] = 'type' in named ? [named] : named;
    const first = els[0] as ElementNode;
    let message = template[0] ?? '';
    for (let k = 1; k < template.length; k += 2) {
      const name = template[k] as string;
      let v: string | number | undefined = own(this.#data, name);
      if (v === undefined) {
        if (name === 'element') v = labelOf(first);
        else if (name === 'elements') v = els.map(labelOf).join(', ');
        else if (first.type === 'flow' && name === 'source') v = first.source ? labelOf(first.source) : first.flow.from;
        else if (first.type === 'flow' && name === 'target') v = first.target ? labelOf(first.target) : first.flow.to;
      }
      message += (v === undefined ? `{{${name}}}` : String(v)) + (template[k + 1] ?? '');
    }
    return message;
  }

  /** Closing values: stated gaps first, then unstated properties (as the questions list them). */
  get closesWhen(): readonly Closing[] {
    if (this.#closesWhen === undefined) {
      const list: Closing[] = [];
      for (const f of this.facts) {
        const c = closingOf(f);
        if (c) list.push(c);
      }
      for (const u of this.unstated) {
        const c = closingOf(u);
        if (c) list.push(c);
      }
      this.#closesWhen = list.length === 0 ? NO_CLOSES : list;
    }
    return this.#closesWhen;
  }

  /** Words the message and the evidence now, letting go of the graph (see evidence.ts, `settle`). */
  settle(): void {
    if (this.#els === undefined) return;
    this.#message ??= this.#word(this.#els);
    this.#els = undefined;
    settle(this.facts);
    settle(this.unstated);
  }

  toJSON(): Finding {
    return {
      fingerprint: this.fingerprint,
      ruleId: this.ruleId,
      title: this.title,
      category: this.category,
      messageId: this.messageId,
      message: this.message,
      elements: this.elements,
      assets: this.assets,
      likelihood: this.likelihood,
      impact: this.impact,
      defaults: this.defaults,
      adjustments: this.adjustments,
      facts: this.facts,
      unstated: this.unstated,
      confidence: this.confidence,
      closesWhen: this.closesWhen,
    };
  }
}

/** Whether the facts include a stated unsafe value (a gap the model itself states). */
function statesAGap(facts: readonly Fact[]): boolean {
  for (let k = 0; k < facts.length; k++) if (closingOf(facts[k] as Fact) !== null) return true;
  return false;
}


/** Lets go of the graph a finding was made from, if the engine made it. */
export function settleFinding(f: Finding): void {
  if (f instanceof EngineFinding) f.settle();
}

/**
 * Orders one rule's findings as their fingerprints would order, comparing only what follows the shared
 * "<rule>@" (the element ids, already flat strings: the fingerprints themselves are never compared, so
 * they stay unflattened until written).
 */
const bySortKey = (a: EngineFinding, b: EngineFinding): number => {
  const x = a.sortKey();
  const y = b.sortKey();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The most sensitive asset among `ids` at least `atLeast` (ties: the smallest id), or undefined. */
function mostSensitive(graph: GraphIndex, ids: Iterable<string>, atLeast: Sensitivity): AssetNode | undefined {
  let r: AssetNode | undefined;
  for (const id of ids) {
    const a = graph.assets.get(id);
    if (a && a.sensitivity >= atLeast && (!r || a.sensitivity > r.sensitivity || (a.sensitivity === r.sensitivity && id < r.id))) r = a;
  }
  return r;
}

/** Runs the rules and returns their findings sorted by fingerprint. Never throws: a failing rule becomes an issue. */
export function runRules(graph: GraphIndex, rules: readonly AnyRule[], options: RunOptions = {}): RunResult {
  const issues: Issue[] = [];
  // Findings by rule, each rule's in the order reported; sorted by fingerprint at the end.
  const groups = new Map<string, EngineFinding[]>();
  /** Elements (by ordinal) the running rule has reported alone: a repeat report is dropped, as its fingerprint is the same. */
  const reported = new Uint8Array(graph.components.length + graph.flows.length);
  const touched: number[] = [];
  const components = graph.components.filter((c) => !c.outOfScope);
  // A flow from an out-of-scope element into the system is analysed (its findings land on the in-scope end): what enters matters most.
  const flows = graph.flows.filter((f) => !f.outOfScope && f.target?.outOfScope !== true);
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
  /** Marks the unstated evidence this run makes (see `collectQuestions`): an empty object, so evidence kept by the editor keeps nothing alive. */
  const runToken = {};
  /** The catalogue with the model's declared properties, for the words of questions. */
  const properties = graph.taxonomy.properties;
  const sensitivityNote = new Map<string, string>();
  /** Losing availability hurts as much as the data must stay available, whatever its confidentiality. */
  const availabilityAdjustment = (assets: readonly string[]): Adjustment => {
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
    if (max === 2) return { impact: 1, note: `impact +1: involves data that must stay available (${which}, availability high)` };
    if (max === 0) return { impact: -1, note: `impact -1: involves only data rated availability low (${which})` };
    return NO_ADJUSTMENT;
  };
  const sensitivityAdjustment = (assets: readonly string[]): Adjustment => {
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
      let note = sensitivityNote.get(which);
      if (note === undefined) {
        note = `impact +1: involves ${SENSITIVITY_NAMES[max] ?? ''} data (${which})`;
        sensitivityNote.set(which, note);
      }
      return { impact: 1, note };
    }
    if (max === 0) return PUBLIC_ONLY;
    return NO_ADJUSTMENT;
  };

  /**
   * Evidence about one property of one element, made once and shared by every finding that cites it.
   * Only made when there is something to say: the paths that find nothing (the value is not stated,
   * or is the safe one) read the element's properties and allocate nothing, as most calls do.
   */
  const said = (el: ElementNode, key: string, v: PropertyValue | undefined, safe: PropertyValue): Evidence => {
    const cache = (cacheOf(el).said ??= new Map());
    let e = cache.get(key);
    if (e === undefined) {
      e = v === undefined ? new EngineUnstated(el, key, safe, runToken, properties.get(key)) : new EngineFact(el, key, v, Wording.Stated);
      cache.set(key, e);
    }
    return e;
  };
  const property = (el: ElementNode, key: string): Fact | undefined => {
    const v = readProperty(el, key);
    return v === undefined ? undefined : (said(el, key, v, true) as Fact);
  };
  const exposure = (el: ElementNode): Fact | undefined => {
    const cache = cacheOf(el);
    if (cache.exposure === undefined) {
      let f: Fact | null = null;
      if (el.type === 'component') {
        if (el.exposure === 'internet') f = new EngineFact(el, 'exposure', 'internet', Wording.ExposedComponent);
      } else if (el.source && el.source.trust <= 0) f = new EngineFact(el, 'exposure', 'internet', Wording.UntrustedSource);
      else if (el.target?.exposure === 'internet' && el.source?.client === true) f = new EngineFact(el, 'exposure', 'internet', Wording.FromOutside);
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
        f = new EngineFact(el, 'capability', cap, Wording.Capability);
        cache.set(cap, f);
      }
      return f;
    },
    property,
    gap: (el, key) => {
      const v = readProperty(el, key);
      const safe = PROPERTIES.get(key)?.safe ?? true;
      return v === safe ? undefined : said(el, key, v, safe);
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
        cache.reach = new EngineFact(c, 'reach', 'internet', Wording.Reach, { path: path.reverse(), origin: cur });
      }
      return cache.reach ?? undefined;
    },
    crossing: (f, direction) => {
      if (!f.crossesBoundary) return undefined;
      if (direction && f.direction !== direction) return undefined;
      // The fact says the flow's own direction whichever direction was asked for: one per flow.
      const cache = cacheOf(f);
      return (cache.crossing ??= new EngineFact(f, 'crosses', f.direction, Wording.Crossing, graph));
    },
    sensitiveData: (el, atLeast) => {
      const cache = (cacheOf(el).sens ??= []);
      const hit = cache[atLeast + 1];
      if (hit !== undefined) return hit ?? undefined;
      let fact: Fact | undefined;
      if (el.type === 'flow') {
        const r = mostSensitive(graph, el.assets, atLeast);
        fact = r ? new EngineFact(el, 'carries', r.id, Wording.Sensitive, r) : undefined;
      } else {
        const st = mostSensitive(graph, el.stored, atLeast);
        const pr = st ? undefined : mostSensitive(graph, el.processed, atLeast);
        const ca = st || pr ? undefined : mostSensitive(graph, el.carried, atLeast);
        fact = st ? new EngineFact(el, 'stores', st.id, Wording.Sensitive, st) : pr ? new EngineFact(el, 'processes', pr.id, Wording.Sensitive, pr) : ca ? new EngineFact(el, 'exchanges', ca.id, Wording.Sensitive, ca) : undefined;
      }
      // A model that does not list assets may still say how sensitive an element's data is.
      if (fact === undefined) {
        const stated = readProperty(el, 'data_sensitivity');
        if (stated !== undefined && statedSensitivity(el.props) >= atLeast) fact = said(el, 'data_sensitivity', stated, 'public') as Fact;
      }
      cache[atLeast + 1] = fact ?? null;
      return fact;
    },
    dataAtLeast: (el, atLeast) => {
      const known = helpers.sensitiveData(el, atLeast);
      if (known !== undefined) return known;
      if (readProperty(el, 'data_sensitivity') !== undefined) return undefined;
      if (el.type === 'flow' ? el.assets.length > 0 : el.carried.size + el.processed.size + el.stored.size > 0) return undefined;
      return said(el, 'data_sensitivity', undefined, 'public');
    },
    route: (f) => {
      const cache = cacheOf(f);
      cache.route ??= new EngineFact(f, 'route', `${f.flow.from}->${f.flow.to}`, Wording.Route);
      return cache.route;
    },
    fact: (el, key, value) => new EngineFact(el, key, value, Wording.Plain),
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
  const notRaisedNote = (el: ElementNode): string => (cacheOf(el).notRaised ??= `likelihood not raised for exposure: ${el.id} is reachable from the internet, but the finding rests on unstated properties`);

  const one: ElementNode[] = [];
  // Baseline entries run last: an entry a specific finding of this run already answers is not made at all
  // (analyze drops the rest, answered by findings of other runs, with the same test: engine/baseline.ts).
  const ordered = rules.filter((r) => r.meta.tier !== 'baseline');
  const firstBaseline = ordered.length;
  for (const r of rules) if (r.meta.tier === 'baseline') ordered.push(r);
  /** Elements that specific findings name, by category; collected when the first baseline rule runs. */
  let covered: Covered | undefined;
  for (let ri = 0; ri < ordered.length; ri++) {
    const rule = ordered[ri] as AnyRule;
    if (options.disabled?.has(rule.id)) continue;
    if (ri >= firstBaseline && covered === undefined && options.answerBaseline !== false) covered = coveredElements(groups.values(), () => false);
    const templates = templatesOf(rule);
    const defaults = rule.meta.defaults;
    const adjustExposure = rule.meta.adjust?.exposure !== false;
    const adjustSensitivity = rule.meta.adjust?.sensitivity !== false;
    const byAvailability = rule.meta.category === 'denial-of-service';
    const baseline = rule.meta.tier === 'baseline';
    const prefix = `${rule.id}@`;
    let list = groups.get(prefix);
    // Another rule with the same id (a custom rule list may repeat one): its findings count as already reported.
    const earlier = list === undefined ? undefined : new Set(list.map((f) => f.fingerprint));
    if (list === undefined) {
      list = [];
      groups.set(prefix, list);
    }
    const found = list;
    let reportedTogether: Set<string> | undefined;

    const report = (d: ReportDescriptor<string>): void => {
      let els: readonly ElementNode[];
      if (d.elements !== undefined) els = d.elements;
      else if (d.element !== undefined) {
        // Most findings name one element: a list made once per run, as nothing below keeps a one-element list.
        one[0] = d.element;
        els = one;
      } else els = NO_ELEMENTS;
      if (els.length === 0) throw new Error(`rule ${rule.id} reported a finding without an element`);
      for (let k = 0; k < els.length; k++) if ((els[k] as ElementNode).outOfScope) return;
      const template = templates.get(d.messageId);
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${d.messageId}"`);
      const first = els[0] as ElementNode;
      let ids: readonly string[];
      if (els.length === 1) ids = cacheOf(first).ids ??= [first.id];
      else ids = els.map((e) => e.id);
      const via = d.via;
      let elementIds = ids;
      if (via !== undefined && via.length > 0) {
        const listed = ids.slice();
        for (let k = 0; k < via.length; k++) {
          const f = via[k] as ElementNode;
          if (!listed.includes(f.id)) listed.push(f.id);
        }
        elementIds = listed;
      }
      if (baseline && covered !== undefined && isAnswered(covered.get(rule.meta.category), elementIds, rule.meta.asksAboutFlows === true)) return;
      let fingerprint: string;
      if (els.length === 1) {
        if (reported[first.ordinal] === 1) return;
        fingerprint = prefix + first.id;
        if (earlier?.has(fingerprint) === true) return;
        reported[first.ordinal] = 1;
        touched.push(first.ordinal);
      } else {
        fingerprint = fingerprintOf(rule.id, ids);
        if (earlier?.has(fingerprint) === true || reportedTogether?.has(fingerprint) === true) return;
        (reportedTogether ??= new Set()).add(fingerprint);
      }

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
      // Facts in order; unstated properties in order, each (element, property) once. No closure: this runs once per finding.
      const given = d.unstated;
      const nGiven = given ? given.length : 0;
      for (let k = 0; k < d.facts.length + nGiven; k++) {
        const e = k < d.facts.length ? d.facts[k] : (given as readonly Unstated[])[k - d.facts.length];
        if (e === undefined) continue;
        if (e.kind === 'fact') {
          facts[fi++] = e;
          continue;
        }
        let seen = false;
        for (let j = 0; j < ui && !seen; j++) {
          const u = unstated[j] as Unstated;
          seen = u === e || (u.subject === e.subject && u.key === e.key);
        }
        if (!seen) unstated[ui++] = e;
      }
      if (ui < nu) unstated = unstated.slice(0, ui);
      const assets = d.assets ? [...d.assets] : assetsOf(els);
      let likelihood: number = defaults.likelihood;
      let impact: number = defaults.impact;
      let byExposure: string | undefined;
      let bySensitivity: string | undefined;
      // Possible: it rests on an unanswered question. A stated unsafe value establishes it, whatever else is still asked.
      const statesGap = (baseline || unstated.length > 0) && statesAGap(facts);
      const possible = !baseline && unstated.length > 0 && !statesGap;
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
        if (exposed !== undefined && possible) {
          // Resting on an unstated safeguard, the finding is a question, not a known gap: exposure does not make it likelier.
          byExposure = notRaisedNote(exposed);
        } else if (exposed !== undefined && baseline) {
          // A baseline entry asks; the facts that would make it likelier are the ones it asks about.
        } else if (exposed !== undefined) {
          likelihood += 1;
          byExposure = exposedNote(exposed);
        } else if (internal) {
          likelihood -= 1;
          byExposure = LIKELIHOOD_INTERNAL;
        }
      }
      if (adjustSensitivity && assets.length > 0) {
        // Most findings involve what their one element carries, processes and stores: worked out once per element.
        let adjust: Adjustment;
        if (d.assets === undefined && els.length === 1) {
          const cache = cacheOf(first);
          if (byAvailability) adjust = cache.byAvailability ??= availabilityAdjustment(assets);
          else adjust = cache.bySensitivity ??= sensitivityAdjustment(assets);
        } else adjust = byAvailability ? availabilityAdjustment(assets) : sensitivityAdjustment(assets);
        impact += adjust.impact;
        bySensitivity = adjust.note;
      }
      // A baseline entry stays at or below medium by its defaults (never raised for exposure); `assess` caps its band whatever the method.
      let tier: string | undefined;
      if (possible) {
        // An unanswered question is not a known gap: a possible finding is one likelihood step below the rule's
        // default (where exposure raises the same finding confirmed, it is not raised either), so "high"
        // means something the model states, not something it has not answered yet.
        likelihood -= 1;
        tier = LIKELIHOOD_POSSIBLE;
      }
      const l = clamp(likelihood);
      const i = clamp(impact);
      const clamped = l !== likelihood || i !== impact ? CLAMPED : undefined;
      const adjustments = noteList(byExposure, bySensitivity, tier, clamped);

      const confidence: Confidence = baseline ? (statesGap ? 'confirmed' : 'baseline') : possible ? 'possible' : 'confirmed';
      found.push(new EngineFinding(fingerprint, rule, confidence, d.messageId, template, d.data, els.length === 1 ? first : els, ids, elementIds, assets, l, i, adjustments, facts, unstated));
    };
    try {
      if (focus && rule.meta.scope !== 'system') rule.check({ ...helpers, components: focusComponents, flows: focusFlows, withCapability: withCapabilityInFocus, report });
      else rule.check({ ...helpers, report });
    } catch (err) {
      issues.push({ code: 'rule-failed', severity: 'error', message: `rule ${rule.id} failed: ${(err as Error).message}`, path: [], hint: 'This is a bug in the rule; the other rules still ran. Please report it.' });
    }
    for (let k = 0; k < touched.length; k++) reported[touched[k] as number] = 0;
    touched.length = 0;
  }
  // Sorted by fingerprint: rule by rule (ordering "<id>@" orders every fingerprint that starts with it the
  // same way, "@" ending the id), then within each rule, where the sort is shorter.
  const prefixes = Array.from(groups.keys()).sort();
  let total = 0;
  for (const list of groups.values()) total += list.length;
  const findings = new Array<Finding>(total);
  let at = 0;
  for (const prefix of prefixes) {
    const list = groups.get(prefix) as EngineFinding[];
    list.sort(bySortKey);
    for (let k = 0; k < list.length; k++) findings[at++] = list[k] as Finding;
  }
  return { findings, issues };
}

/** A question, worded when its text is first read (a large model asks tens of thousands; few are shown). */
class AskedQuestion implements Question {
  readonly id: string;
  readonly subject: string;
  readonly key: string;
  readonly safe: PropertyValue;
  readonly affects: string[];
  readonly #unstated: Unstated;

  constructor(u: Unstated, fingerprint: string) {
    this.id = `${u.subject}.${u.key}`;
    this.subject = u.subject;
    this.key = u.key;
    this.safe = u.safe;
    this.affects = [fingerprint];
    this.#unstated = u;
  }

  get text(): string {
    return this.#unstated.question;
  }

  toJSON(): Question {
    return { id: this.id, subject: this.subject, key: this.key, text: this.text, safe: this.safe, affects: this.affects };
  }
}

type Asking = { readonly fingerprint: string; readonly unstated: readonly Unstated[] } | { readonly id: string; readonly unstated: readonly Unstated[] };

/**
 * The questions when every unstated property comes from one rule run, which makes one piece of
 * evidence per element and property: each piece notes its question on itself, so no key is looked
 * up (a large model asks hundreds of thousands). Undefined when another run's evidence or evidence
 * made elsewhere is cited (the editor keeps findings from earlier runs): then they must be matched
 * by element and property.
 */
function questionsOfOneRun(findings: readonly Asking[]): AskedQuestion[] | undefined {
  const round = {};
  let run: object | undefined;
  const all: AskedQuestion[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Asking;
    const unstated = f.unstated;
    if (unstated.length === 0) continue;
    const fingerprint = 'fingerprint' in f ? f.fingerprint : f.id;
    for (let k = 0; k < unstated.length; k++) {
      const u = unstated[k];
      if (!(u instanceof EngineUnstated) || (run !== undefined && u.run !== run)) return undefined;
      run = u.run;
      const at = u.placeIn(round);
      // Findings arrive sorted by fingerprint, so each list of affected findings is already in order.
      if (at >= 0) (all[at] as AskedQuestion).affects.push(fingerprint);
      else {
        u.place(round, all.length);
        all.push(new AskedQuestion(u, fingerprint));
      }
    }
  }
  return all;
}

/** The questions, matched by element, then property. */
function questionsByKey(findings: readonly Asking[]): AskedQuestion[] {
  const bySubject = new Map<string, Map<string, AskedQuestion>>();
  const all: AskedQuestion[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Asking;
    if (f.unstated.length === 0) continue;
    const fingerprint = 'fingerprint' in f ? f.fingerprint : f.id;
    for (let k = 0; k < f.unstated.length; k++) {
      const u = f.unstated[k] as Unstated;
      let byKey = bySubject.get(u.subject);
      if (byKey === undefined) {
        byKey = new Map();
        bySubject.set(u.subject, byKey);
      }
      const q = byKey.get(u.key);
      if (q !== undefined) q.affects.push(fingerprint);
      else {
        const added = new AskedQuestion(u, fingerprint);
        byKey.set(u.key, added);
        all.push(added);
      }
    }
  }
  return all;
}

/** Whether `long`, which starts with `short`, goes on with a character that sorts before or level with ".". */
const dotOrBelowAfter = (short: string, long: string): boolean => long.charCodeAt(short.length) <= 0x2e && long.startsWith(short);

/**
 * Most findings changed first, then by id ("<subject>.<key>"), compared without reading the ids: a
 * large model asks hundreds of thousands of questions. Two subjects order their ids as they order
 * themselves, unless one starts the other and the other goes on with "-" or "." (ids may hold both).
 */
function byImpactThenId(a: AskedQuestion, b: AskedQuestion): number {
  const d = b.affects.length - a.affects.length;
  if (d !== 0) return d;
  const x = a.subject;
  const y = b.subject;
  if (x === y) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (x.length < y.length ? dotOrBelowAfter(x, y) : dotOrBelowAfter(y, x)) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return x < y ? -1 : 1;
}

/** One question per unstated property, with the findings its answer would change; most impactful first. */
export function collectQuestions(findings: readonly Asking[]): Question[] {
  const all = questionsOfOneRun(findings) ?? questionsByKey(findings);
  return all.sort(byImpactThenId);
}
