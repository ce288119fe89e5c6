import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { syntheticModel } from '../../../../bench/synthetic.js';
import { buildGraph } from '../graph/index.js';
import { loadModel } from '../load/index.js';
import type { Flow, Model } from '../model/types.js';
import { analyze, createAnalyzer, withoutCoveredBaseline } from '../analyze/index.js';
import { builtinRules } from '../rules/index.js';
import { builtinTaxonomy } from '../taxonomy/capabilities.js';
import { PROPERTIES } from '../taxonomy/properties.js';
import { sameData } from '../data.js';
import { runRulesIncremental, type RunState } from './incremental.js';
import { runRules } from './run.js';

const examples = path.resolve(import.meta.dirname, '../../../../examples');

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [...builtinTaxonomy().types.keys()];
const PROTOCOLS = [...builtinTaxonomy().protocols.keys()];
const COMPONENT_KEYS = [...PROPERTIES.values()].filter((p) => p.type === 'boolean' && p.field === undefined && p.appliesTo.some((k) => k !== 'flow')).map((p) => p.key);
const FLOW_KEYS = [...PROPERTIES.values()].filter((p) => p.type === 'boolean' && p.field === undefined && p.appliesTo.includes('flow')).map((p) => p.key);

/**
 * One random edit of the kinds the editor makes, returning a new model that shares every untouched
 * component and flow with the old one (as the editor's immutable updates do).
 */
function edit(model: Model, r: () => number, n: number): { model: Model; what: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const components = [...(model.components ?? [])];
  const flows = [...(model.flows ?? [])];
  const boundaries = (model.boundaries ?? []).map((b) => b.id);
  const assets = (model.assets ?? []).map((a) => a.id);
  const ci = Math.floor(r() * components.length);
  const c = components[ci] ?? { id: 'C0', name: 'C0', kind: 'process' };
  const fi = Math.floor(r() * flows.length);
  const f = flows[fi];
  const setProp = <T extends { properties?: Record<string, string | number | boolean> | undefined }>(x: T, key: string): T => {
    const v = r();
    const props = Object.fromEntries(Object.entries(x.properties ?? {}).filter(([k]) => k !== key));
    if (v < 0.4) props[key] = true;
    else if (v < 0.8) props[key] = false;
    return { ...x, properties: props };
  };
  // Keep a few components to edit: a model emptied by removals only grows again.
  const kind = components.length < 4 ? 8 : Math.floor(r() * 12);
  let what: string;
  switch (kind) {
    case 0:
    case 1: {
      const key = pick(COMPONENT_KEYS);
      components[ci] = setProp(c, key);
      what = `${c.id}.${key}`;
      break;
    }
    case 2: {
      if (!f) return edit(model, r, n);
      const key = r() < 0.5 ? pick(FLOW_KEYS) : pick(['encrypted', 'authenticated', 'authorized', 'bidirectional'] as const);
      if (FLOW_KEYS.includes(key)) flows[fi] = setProp(f, key);
      else flows[fi] = { ...f, [key]: r() < 0.5 };
      what = `${f.id}.${key}`;
      break;
    }
    case 3:
      components[ci] = { ...c, name: `${c.name} renamed ${n}` };
      what = `rename ${c.id}`;
      break;
    case 4:
      components[ci] = { ...c, type: pick(TYPES) };
      what = `retype ${c.id}`;
      break;
    case 5: {
      const from = pick(components).id;
      const to = pick(components).id;
      if (from === to) return edit(model, r, n);
      flows.push({ id: `FX${n}`, from, to, data: assets.length > 0 ? [pick(assets)] : [], protocol: pick(PROTOCOLS) });
      what = `add flow ${from}->${to}`;
      break;
    }
    case 6:
      if (!f) return edit(model, r, n);
      flows.splice(fi, 1);
      what = `remove ${f.id}`;
      break;
    case 7: {
      components.splice(ci, 1);
      const kept = flows.filter((x) => x.from !== c.id && x.to !== c.id);
      flows.length = 0;
      for (const f of kept) flows.push(f);
      what = `remove ${c.id}`;
      break;
    }
    case 8: {
      const id = `CX${n}`;
      const k = pick(['process', 'datastore', 'external-entity'] as const);
      const b = boundaries.length > 0 && r() < 0.8 ? pick(boundaries) : undefined;
      components.push({ id, name: `New ${n}`, kind: k, type: pick(TYPES), ...(b ? { boundary: b } : {}) });
      const other = pick(components).id;
      if (other !== id) flows.push(r() < 0.5 ? { id: `FY${n}`, from: id, to: other, protocol: pick(PROTOCOLS) } : { id: `FY${n}`, from: other, to: id, ...(assets.length > 0 ? { data: [pick(assets)] } : {}) });
      what = `add ${id}`;
      break;
    }
    case 9: {
      const b = boundaries.length > 0 && r() < 0.85 ? pick(boundaries) : undefined;
      const { boundary: _drop, ...rest } = c;
      components[ci] = b ? { ...rest, boundary: b } : rest;
      what = `move ${c.id} to ${b ?? 'no boundary'}`;
      break;
    }
    case 10: {
      if (!f) return edit(model, r, n);
      const data = new Set(f.data ?? []);
      const a = assets.length > 0 ? pick(assets) : undefined;
      if (a && data.has(a)) data.delete(a);
      else if (a) data.add(a);
      flows[fi] = { ...f, data: [...data], ...(r() < 0.5 ? { protocol: pick(PROTOCOLS) } : {}) } satisfies Flow;
      what = `data/protocol of ${f.id}`;
      break;
    }
    default:
      components[ci] = c.out_of_scope === true ? { ...c, out_of_scope: false } : { ...c, out_of_scope: true, reason: 'test' };
      what = `scope of ${c.id}`;
  }
  return { model: { ...model, components, flows }, what };
}

function load(file: string): Model {
  const loaded = loadModel({ file, text: readFileSync(file, 'utf8') }, { readFile: () => undefined, now: new Date('2026-11-01') });
  if (!loaded.model) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.model;
}

function synthetic(n: number): Model {
  const loaded = loadModel({ file: 'synthetic.yaml', text: stringify(syntheticModel(n), { lineWidth: 0 }) }, { maxBytes: 1 << 26 });
  if (!loaded.model) throw new Error('synthetic model does not load');
  return loaded.model;
}

const bases: [string, () => Model][] = [
  ...['web-login', 'blog', 'payments-api'].filter((x) => existsSync(path.join(examples, x, 'threatmodel.yaml'))).map((x): [string, () => Model] => [x, () => load(path.join(examples, x, 'threatmodel.yaml'))]),
  ['synthetic 60', () => synthetic(60)],
  ['synthetic 300', () => synthetic(300)],
];

describe('incremental rule runs', () => {
  it.each(bases)('equal a full run after each of many random edits of %s', (_name, make) => {
    const r = rng(Number(process.env['TW_SEED'] ?? 7));
    let model = make();
    let state: RunState | undefined;
    let incremental = 0;
    const edits = Number(process.env['TW_EDITS'] ?? 80);
    for (let n = 0; n < edits; n++) {
      const next = edit(model, r, n);
      model = next.model;
      const graph = buildGraph(model);
      const inc = runRulesIncremental(state, graph, builtinRules);
      state = inc.state;
      if (inc.mode === 'incremental') incremental++;
      const full = runRules(buildGraph(model), builtinRules, { answerBaseline: false });
      // Leaving out answered baseline entries while running drops exactly what analyze drops afterwards.
      const answered = runRules(buildGraph(model), builtinRules);
      expect(answered.findings.map((f) => f.fingerprint)).toEqual(withoutCoveredBaseline(full.findings, builtinRules).map((f) => f.fingerprint));
      const got = inc.result.findings.map((f) => JSON.stringify(f));
      const want = full.findings.map((f) => JSON.stringify(f));
      if (got.join('\n') !== want.join('\n')) {
        const missing = want.filter((x) => !got.includes(x)).map((x) => (JSON.parse(x) as { fingerprint: string }).fingerprint);
        const extra = got.filter((x) => !want.includes(x)).map((x) => (JSON.parse(x) as { fingerprint: string }).fingerprint);
        expect.fail(`after edit ${n} (${next.what}): missing ${missing.slice(0, 8).join(', ')}; extra ${extra.slice(0, 8).join(', ')}`);
      }
    }
    // The point is to reuse work; on the small examples an edit's neighbourhood is often most of the
    // model, which runs in full, but the larger synthetic model must mostly be re-analysed incrementally.
    expect(incremental).toBeGreaterThan(_name === 'synthetic 300' ? edits / 2 : edits / 10);
  }, 600_000);

  it('give the same analysis as analyze() with custom rules and decisions, through createAnalyzer', () => {
    const r = rng(3);
    const base = synthetic(300);
    let model: Model = {
      ...base,
      rules: {
        custom: [
          { id: 'acme-flows', title: 'Acme flows', category: 'tampering', applies_to: 'flow', when: { all: [{ crosses_boundary: 'lower-to-higher' }, { source: { exposure: 'internet' } }] }, message: '{{element}} breaks the Acme policy' },
          { id: 'acme-stores', title: 'Acme stores', category: 'information-disclosure', applies_to: 'component', when: { all: [{ capability: 'holds-data' }, { lacks: 'encrypted_at_rest' }] }, message: '{{element}} breaks the Acme policy' },
        ],
      },
    };
    const first = analyze(model);
    model = { ...model, threats: first.threats.slice(0, 3).map((t, i) => ({ fingerprint: t.id, status: i === 0 ? 'false-positive' : 'in-progress', justification: 'test' })) };
    const analyzer = createAnalyzer();
    const now = new Date('2026-11-01');
    let incremental = 0;
    for (let n = 0; n < 40; n++) {
      model = edit(model, r, n).model;
      const got = analyzer.analyze(model, { now });
      if (analyzer.last?.mode === 'incremental') incremental++;
      expect(JSON.stringify(got)).toBe(JSON.stringify(analyze(model, { now })));
    }
    expect(incremental).toBeGreaterThan(10);
  }, 120_000);

  it('compares model entries by their data, as copies posted to a worker arrive', () => {
    expect(sameData({ id: 'C1', properties: { a: true, b: false } }, { properties: { b: false, a: true }, id: 'C1' })).toBe(true);
    expect(sameData({ id: 'C1', tags: ['x', 'y'] }, { id: 'C1', tags: ['y', 'x'] })).toBe(false);
    expect(sameData({ id: 'C1', name: undefined }, { id: 'C1' })).toBe(true);
    expect(sameData({ id: 'C1', properties: { a: true } }, { id: 'C1', properties: { a: 'true' } })).toBe(false);
    expect(sameData({ id: 'C1', properties: { a: true } }, { id: 'C1', properties: { a: true, b: true } })).toBe(false);
    expect(sameData({ data: [] }, { data: {} })).toBe(false);
    expect(sameData({ n: null }, { n: {} })).toBe(false);
  });

  it('gives the same findings for a copy of the model as for the model itself', () => {
    const model = synthetic(60);
    const first = runRulesIncremental(undefined, buildGraph(model), builtinRules);
    const copy = runRulesIncremental(first.state, buildGraph(structuredClone(model)), builtinRules);
    expect(copy.mode).toBe('unchanged');
    expect(copy.result.findings).toEqual(first.result.findings);
  });

  it('reuses everything when only positions or triage change', () => {
    const model = synthetic(60);
    const first = runRulesIncremental(undefined, buildGraph(model), builtinRules);
    const moved: Model = { ...model, layout: { positions: { C1: { x: 10, y: 20 } } }, threats: [{ fingerprint: first.result.findings[0]?.fingerprint ?? 'x@C1', status: 'accepted' }] };
    const second = runRulesIncremental(first.state, buildGraph(moved), builtinRules);
    expect(second.mode).toBe('unchanged');
    expect(second.result).toBe(first.result);
  });

  it('runs in full when something outside components and flows changes', () => {
    const model = synthetic(60);
    const first = runRulesIncremental(undefined, buildGraph(model), builtinRules);
    const reclassified: Model = { ...model, assets: (model.assets ?? []).map((a, i) => (i === 0 ? { ...a, classification: 'secret' } : a)) };
    expect(runRulesIncremental(first.state, buildGraph(reclassified), builtinRules).mode).toBe('full');
    const disabled = runRulesIncremental(first.state, buildGraph(model), builtinRules, new Set(['csrf']));
    expect(disabled.mode).toBe('full');
    expect(disabled.result.findings.some((f) => f.ruleId === 'csrf')).toBe(false);
  });
});
