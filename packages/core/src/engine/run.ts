/**
 * Runs rules over a graph index and turns their reports into findings: interpolated messages,
 * fingerprints, likelihood/impact adjusted by exposure and data sensitivity, and questions.
 */
import type { Issue } from '../issues.js';
import { capabilitySource, readProperty, SENSITIVITY_NAMES, type ComponentNode, type ElementNode, type GraphIndex, type Sensitivity } from '../graph/index.js';
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

function questionFor(el: ElementNode, key: string): string {
  const spec = PROPERTIES.get(key);
  const label = labelOf(el);
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

export function interpolate(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, k: string) => {
    const v = data[k];
    return v === undefined ? m : String(v);
  });
}

export interface RunOptions {
  /** Rule ids not to run. */
  readonly disabled?: ReadonlySet<string>;
}

export interface RunResult {
  findings: Finding[];
  issues: Issue[];
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

  const labels = new Map<ElementNode, string>();
  const label = (el: ElementNode): string => {
    let l = labels.get(el);
    if (l === undefined) {
      l = labelOf(el);
      labels.set(el, l);
    }
    return l;
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
      const via = el.type === 'component' ? capabilitySource(el, cap) : `protocol ${el.flow.protocol ?? ''}`;
      return { kind: 'fact', subject: el.id, key: 'capability', value: cap, text: `${label(el)} is ${cap}${via ? ` (${via})` : ''}` };
    },
    property: (el, key) => {
      const v = readProperty(el, key);
      if (v === undefined) return undefined;
      const implied = el.type === 'flow' && key === 'encrypted' && el.encryptedSource === 'protocol' ? ` (protocol ${el.flow.protocol ?? ''})` : '';
      return { kind: 'fact', subject: el.id, key, value: v, text: `${el.id} ${key}: ${show(v)}${implied}` };
    },
    gap: (el, key) => {
      const v = readProperty(el, key);
      const safe = PROPERTIES.get(key)?.safe ?? true;
      if (v === safe) return undefined;
      if (v === undefined) return { kind: 'unstated', subject: el.id, key, safe, question: questionFor(el, key) } satisfies Unstated;
      const implied = el.type === 'flow' && key === 'encrypted' && el.encryptedSource === 'protocol' ? ` (protocol ${el.flow.protocol ?? ''})` : '';
      return { kind: 'fact', subject: el.id, key, value: v, text: `${el.id} ${key}: ${show(v)}${implied}` };
    },
    exposure: (el) => {
      if (el.type === 'component') {
        if (el.exposure !== 'internet') return undefined;
        return { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${label(el)} is reachable from the internet (${el.exposureReason ?? ''})` };
      }
      if (el.source && el.source.trust <= 0) return { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${el.id} comes from ${label(el.source)}, an untrusted element (trust ${el.source.trust})` };
      if (el.target?.exposure === 'internet' && el.source?.kind === 'external-entity') return { kind: 'fact', subject: el.id, key: 'exposure', value: 'internet', text: `${el.id} reaches ${label(el.target)} from outside the system` };
      return undefined;
    },
    reach: (c) => {
      if (!c.reachable) return undefined;
      if (!c.reachedVia) return helpers.exposure(c);
      const path: string[] = [];
      let cur: ComponentNode | undefined = c;
      for (let hops = 0; cur?.reachedVia && hops < 8; hops++) {
        path.push(cur.reachedVia.id);
        cur = cur.reachedVia.source;
      }
      const origin = cur ? label(cur) : 'the internet';
      return { kind: 'fact', subject: c.id, key: 'reach', value: 'internet', text: `${label(c)} is reached from the internet through ${path.reverse().join(' → ')} from ${origin}` };
    },
    crossing: (f, direction) => {
      if (!f.crossesBoundary) return undefined;
      if (direction && f.direction !== direction) return undefined;
      return {
        kind: 'fact',
        subject: f.id,
        key: 'crosses',
        value: f.direction,
        text: `${f.id} crosses a trust boundary from trust ${f.sourceTrust} (${boundaryName(graph, f.source)}) to trust ${f.targetTrust} (${boundaryName(graph, f.target)})`,
      };
    },
    sensitiveData: (el, atLeast) => {
      const best = (ids: Iterable<string>): { id: string; s: Sensitivity } | undefined => {
        let r: { id: string; s: Sensitivity } | undefined;
        for (const id of ids) {
          const a = graph.assets.get(id);
          if (a && a.sensitivity >= atLeast && (!r || a.sensitivity > r.s || (a.sensitivity === r.s && id < r.id))) r = { id, s: a.sensitivity };
        }
        return r;
      };
      const describe = (verb: string, r: { id: string; s: Sensitivity }): Fact => {
        const a = graph.assets.get(r.id);
        const sens = SENSITIVITY_NAMES[r.s] ?? 'unknown';
        return { kind: 'fact', subject: el.id, key: verb, value: r.id, text: `${el.id} ${verb} ${a ? `${a.asset.name} (${r.id})` : r.id}, ${sens}` };
      };
      if (el.type === 'flow') {
        const r = best(el.assets);
        return r ? describe('carries', r) : undefined;
      }
      const st = best(el.stored);
      if (st) return describe('stores', st);
      const pr = best(el.processed);
      if (pr) return describe('processes', pr);
      const ca = best(el.carried);
      return ca ? describe('exchanges', ca) : undefined;
    },
    route: (f) => ({
      kind: 'fact',
      subject: f.id,
      key: 'route',
      value: `${f.flow.from}->${f.flow.to}`,
      text: `${f.id} goes from ${f.source ? label(f.source) : f.flow.from} to ${f.target ? label(f.target) : f.flow.to}`,
    }),
    fact: (el, key, value) => ({ kind: 'fact', subject: el.id, key, value, text: `${el.id} ${key}: ${show(value)}` }),
  };

  for (const rule of rules) {
    if (options.disabled?.has(rule.id)) continue;
    const report = (d: ReportDescriptor<string>): void => {
      const els = d.elements ?? (d.element ? [d.element] : []);
      if (els.length === 0) throw new Error(`rule ${rule.id} reported a finding without an element`);
      if (els.some((e) => e.outOfScope)) return;
      const template = (rule.messages as Record<string, string | undefined>)[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${d.messageId}"`);
      const ids = els.map((e) => e.id);
      const fingerprint = fingerprintOf(rule.id, ids);
      if (found.has(fingerprint)) return;
      const facts: Fact[] = [];
      const unstated: Unstated[] = [];
      const push = (e: Evidence | undefined) => {
        if (!e) return;
        if (e.kind === 'fact') facts.push(e);
        else if (!unstated.some((u) => u.subject === e.subject && u.key === e.key)) unstated.push(e);
      };
      for (const e of d.facts) push(e);
      for (const e of d.unstated ?? []) push(e);
      const first = els[0] as ElementNode;
      const data: Record<string, string | number> = { element: label(first), elements: els.length === 1 ? label(first) : els.map(label).join(', ') };
      if (first.type === 'flow') {
        data['source'] = first.source ? label(first.source) : first.flow.from;
        data['target'] = first.target ? label(first.target) : first.flow.to;
      }
      Object.assign(data, d.data);

      // Assets involved.
      let assets: string[];
      if (d.assets) assets = [...d.assets];
      else {
        const set = new Set<string>();
        for (const e of els) {
          if (e.type === 'flow') for (const a of e.assets) set.add(a);
          else {
            for (const a of e.stored) set.add(a);
            for (const a of e.processed) set.add(a);
          }
        }
        assets = [...set].sort();
      }

      const defaults = rule.meta.defaults;
      let likelihood: number = defaults.likelihood;
      let impact: number = defaults.impact;
      const adjustments: string[] = [];
      if (rule.meta.adjust?.exposure !== false) {
        let exposed: string | undefined;
        let internal = false;
        for (const e of els) {
          if (e.type === 'component') {
            if (e.exposure === 'internet') exposed ??= e.id;
            else if (e.exposure === 'internal') internal = true;
          } else if ((e.source && e.source.trust <= 0) || e.target?.exposure === 'internet' || e.source?.exposure === 'internet') exposed ??= e.id;
          else internal = true;
        }
        if (exposed !== undefined && unstated.length > 0) {
          // Resting on an unstated safeguard, the finding is a question, not a known gap: exposure does not make it likelier.
          adjustments.push(`likelihood not raised for exposure: ${exposed} is reachable from the internet, but the finding rests on unstated properties`);
        } else if (exposed !== undefined) {
          likelihood += 1;
          adjustments.push(`likelihood +1: ${exposed} is reachable from the internet`);
        } else if (internal) {
          likelihood -= 1;
          adjustments.push('likelihood -1: not reachable from the internet');
        }
      }
      if (rule.meta.adjust?.sensitivity !== false && assets.length > 0 && rule.meta.category === 'denial-of-service') {
        // Losing availability hurts as much as the data must stay available, whatever its confidentiality.
        const rank = { low: 0, medium: 1, high: 2 } as const;
        let max = -1;
        let which = '';
        for (const a of assets) {
          const availability = graph.assets.get(a)?.asset.availability;
          if (availability !== undefined && rank[availability] > max) {
            max = rank[availability];
            which = a;
          }
        }
        if (max === 2) {
          impact += 1;
          adjustments.push(`impact +1: involves data that must stay available (${which}, availability high)`);
        } else if (max === 0) {
          impact -= 1;
          adjustments.push(`impact -1: involves only data rated availability low (${which})`);
        }
      } else if (rule.meta.adjust?.sensitivity !== false && assets.length > 0) {
        let max: Sensitivity = -1;
        let which = '';
        for (const a of assets) {
          const n = graph.assets.get(a);
          if (n && n.sensitivity > max) {
            max = n.sensitivity;
            which = a;
          }
        }
        if (max >= 3) {
          impact += 1;
          adjustments.push(`impact +1: involves ${SENSITIVITY_NAMES[max] ?? ''} data (${which})`);
        } else if (max === 0) {
          impact -= 1;
          adjustments.push('impact -1: involves only public data');
        }
      }
      const l = clamp(likelihood);
      const i = clamp(impact);
      if (l !== likelihood || i !== impact) adjustments.push('clamped to the 1–5 scale');

      found.set(fingerprint, {
        fingerprint,
        ruleId: rule.id,
        title: rule.meta.title,
        category: rule.meta.category,
        messageId: d.messageId,
        message: interpolate(template, data),
        elements: ids,
        assets,
        likelihood: l,
        impact: i,
        defaults,
        adjustments,
        facts,
        unstated,
        confidence: unstated.length > 0 ? 'possible' : 'confirmed',
        closesWhen: closesWhen(facts, unstated),
      });
    };
    try {
      rule.check({ ...helpers, report });
    } catch (err) {
      issues.push({ code: 'rule-failed', severity: 'error', message: `rule ${rule.id} failed: ${(err as Error).message}`, path: [], hint: 'This is a bug in the rule; the other rules still ran. Please report it.' });
    }
  }
  const findings = [...found.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { findings, issues };
}

function closesWhen(facts: readonly Fact[], unstated: readonly Unstated[]): Finding['closesWhen'] {
  const out: { subject: string; key: string; value: PropertyValue }[] = [];
  for (const f of facts) {
    const safe = PROPERTIES.get(f.key)?.safe;
    if (safe !== undefined && typeof f.value === 'boolean' && f.value !== safe) out.push({ subject: f.subject, key: f.key, value: safe });
  }
  for (const u of unstated) out.push({ subject: u.subject, key: u.key, value: u.safe });
  return out;
}

/** One question per unstated property, with the findings its answer would change; most impactful first. */
export function collectQuestions(findings: readonly { fingerprint: string; unstated: readonly Unstated[] }[]): Question[] {
  const byId = new Map<string, { q: Omit<Question, 'affects'>; affects: string[] }>();
  for (const f of findings) {
    for (const u of f.unstated) {
      const id = `${u.subject}.${u.key}`;
      let entry = byId.get(id);
      if (!entry) {
        entry = { q: { id, subject: u.subject, key: u.key, text: u.question, safe: u.safe }, affects: [] };
        byId.set(id, entry);
      }
      entry.affects.push(f.fingerprint);
    }
  }
  return [...byId.values()]
    // Findings arrive sorted by fingerprint, so each list of affected findings is already in order.
    .map((e) => ({ ...e.q, affects: e.affects }))
    .sort((a, b) => b.affects.length - a.affects.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

