import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/index.js';
import { defineRule, fingerprintOf, parseFingerprint } from './define-rule.js';
import { build } from './model-builder.js';
import { collectQuestions, runRules, settleFinding } from './run.js';

const meta = {
  title: 'Test rule',
  category: 'tampering' as const,
  appliesTo: ['process'],
  description: 'A rule used by the engine tests to observe reporting.',
  references: { cwe: [20] },
  defaults: { likelihood: 3 as const, impact: 3 as const },
  mitigations: [{ title: 'Fix', acceptance: 'Fixed', verification: 'Test' }],
};

const validation = defineRule({
  id: 'test-validation',
  meta,
  messages: { default: '{{element}} trusts its input ({{extra}})' },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process') continue;
      const gap = ctx.gap(c, 'input_validation');
      if (gap) ctx.report({ element: c, messageId: 'default', data: { extra: 'x' }, facts: [gap, ctx.exposure(c), ctx.sensitiveData(c, 0)] });
    }
  },
});

describe('the rule engine', () => {
  it('interpolates messages and attaches fingerprints', () => {
    const m = build().process('W', { name: 'Web', properties: { input_validation: false } }).model();
    const [f] = runRules(buildGraph(m), [validation]).findings;
    expect(f?.fingerprint).toBe('test-validation@W');
    expect(f?.message).toBe('Web (W) trusts its input (x)');
    expect(f?.facts.map((x) => x.text)).toEqual(['W input_validation: false']);
    expect(f?.confidence).toBe('confirmed');
  });
  it('raises likelihood for internet exposure and impact for restricted data', () => {
    const m = build()
      .boundary('NET', { trust: 0 })
      .external('U', { boundary: 'NET' })
      .process('W', { properties: { input_validation: false } })
      .asset('A', { classification: 'restricted' })
      .flow('U', 'W', { data: ['A'] })
      .model();
    const [f] = runRules(buildGraph(m), [validation]).findings;
    expect([f?.likelihood, f?.impact]).toEqual([4, 4]);
    expect(f?.adjustments).toEqual(['likelihood +1: W is reachable from the internet', 'impact +1: involves restricted data (A)']);
    expect(f?.facts.map((x) => x.text)).toContain('W (W) is reachable from the internet (receives F1 from U (trust 0))'.replace('W (W)', 'W'));
  });
  it('does not raise likelihood for exposure when the finding rests on an unstated safeguard, and ranks it a step below the default', () => {
    const m = build().boundary('NET', { trust: 0 }).external('U', { boundary: 'NET' }).process('W').flow('U', 'W').model();
    const [f] = runRules(buildGraph(m), [validation]).findings;
    expect(f?.confidence).toBe('possible');
    expect(f?.likelihood).toBe(2);
    expect(f?.adjustments).toEqual(['likelihood not raised for exposure: W is reachable from the internet, but the finding rests on unstated properties', 'likelihood -1: rests on an unanswered question (possible)']);
  });
  it('raises the same finding for exposure once the model states the gap', () => {
    const m = build().boundary('NET', { trust: 0 }).external('U', { boundary: 'NET' }).process('W', { properties: { input_validation: false } }).flow('U', 'W').model();
    const [f] = runRules(buildGraph(m), [validation]).findings;
    expect(f?.confidence).toBe('confirmed');
    expect(f?.likelihood).toBe(4);
  });
  it('scores denial of service by how available the data must be, not how confidential it is', () => {
    const flood = defineRule({
      id: 'test-flood',
      meta: { ...meta, category: 'denial-of-service' as const },
      messages: { default: '{{element}} can be flooded' },
      check(ctx) {
        for (const c of ctx.components) if (c.kind === 'process') ctx.report({ element: c, messageId: 'default', facts: [ctx.fact(c, 'kind', 'process')] });
      },
    });
    const impactWith = (asset: { classification?: 'restricted' | 'public'; availability?: 'low' | 'high' }) =>
      runRules(buildGraph(build().process('W', { assets: { processed: ['A'] } }).asset('A', asset).model()), [flood]).findings[0]?.impact;
    expect(impactWith({ classification: 'restricted' })).toBe(3);
    expect(impactWith({ classification: 'public', availability: 'high' })).toBe(4);
    expect(impactWith({ classification: 'restricted', availability: 'low' })).toBe(2);
  });
  it('lowers likelihood for internal elements and impact for public data', () => {
    const m = build().process('S').process('W', { properties: { input_validation: false } }).asset('A', { classification: 'public' }).flow('S', 'W', { data: ['A'] }).model();
    const f = runRules(buildGraph(m), [validation]).findings.find((x) => x.elements[0] === 'W');
    expect([f?.likelihood, f?.impact]).toEqual([2, 2]);
  });
  it('turns unstated properties into questions listing the findings they would change', () => {
    const m = build().process('A').process('B', { properties: { input_validation: true } }).process('C').model();
    const { findings } = runRules(buildGraph(m), [validation]);
    expect(findings.map((f) => [f.fingerprint, f.confidence])).toEqual([
      ['test-validation@A', 'possible'],
      ['test-validation@C', 'possible'],
    ]);
    const qs = collectQuestions(findings);
    expect(qs.map((q) => [q.id, q.text, q.affects])).toEqual([
      ['A.input_validation', 'Does A validate input against a schema?', ['test-validation@A']],
      ['C.input_validation', 'Does C validate input against a schema?', ['test-validation@C']],
    ]);
  });
  it('asks one question per element and property, also when ids hold dots, and counts the findings it would change', () => {
    const u = (subject: string, key: string) => ({ kind: 'unstated' as const, subject, key, safe: true, question: `${subject} ${key}?` });
    const qs = collectQuestions([
      { fingerprint: 'r@A.b', unstated: [u('A.b', 'c')] },
      { fingerprint: 'r@A', unstated: [u('A', 'b.c'), u('A', 'd')] },
      { fingerprint: 's@A', unstated: [u('A', 'd')] },
    ]);
    expect(qs.map((q) => [q.subject, q.key, q.affects])).toEqual([
      ['A', 'd', ['r@A', 's@A']],
      ['A.b', 'c', ['r@A.b']],
      ['A', 'b.c', ['r@A']],
    ]);
  });
  it('orders questions by the findings they would change, then by id, whatever the ids hold', () => {
    // Ids may hold "-", ".", ":" and "_", which sort on either side of the "." between subject and key.
    const pieces = ['A', 'a', 'B', '-', '.', ':', '_', '0', '9', 'z'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (first: string, length: number): string => {
      let w = first;
      for (let k = 0; k < length; k++) w += pieces[next(pieces.length)] as string;
      return w;
    };
    const findings: { fingerprint: string; unstated: { kind: 'unstated'; subject: string; key: string; safe: boolean; question: string }[] }[] = [];
    for (let i = 0; i < 400; i++) {
      const subject = word('C', next(4));
      const key = word('k', next(3));
      findings.push({ fingerprint: `r${next(3)}@${subject}`, unstated: [{ kind: 'unstated', subject, key, safe: true, question: '?' }] });
    }
    findings.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
    const ids = collectQuestions(findings).map((q) => [q.affects.length, q.id] as const);
    const expected = [...ids].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(ids).toEqual(expected);
    expect(new Set(ids.map((x) => x[1])).size).toBe(ids.length);
  });
  it('asks one question per element and property when several findings, or several runs, cite it', () => {
    // A second rule citing the same evidence.
    const twice = { ...validation, id: 'test-twice' };
    const graph = buildGraph(build().process('A').process('B', { properties: { input_validation: true } }).process('C').model());
    const one = runRules(graph, [validation, twice]).findings;
    const expected = [
      ['A.input_validation', ['test-twice@A', 'test-validation@A']],
      ['C.input_validation', ['test-twice@C', 'test-validation@C']],
    ];
    expect(collectQuestions(one).map((q) => [q.id, q.affects])).toEqual(expected);
    // Asked again, the same questions, not ones added to the last collection's.
    expect(collectQuestions(one).map((q) => [q.id, q.affects])).toEqual(expected);
    // Findings kept from an earlier run (as the editor keeps them) cite other evidence about the same properties.
    const earlier = runRules(graph, [twice]).findings;
    const later = runRules(graph, [validation]).findings;
    const mixed = [earlier[0], later[0], earlier[1], later[1]].filter((f) => f !== undefined);
    expect(collectQuestions(mixed).map((q) => [q.id, q.affects])).toEqual(expected);
  });
  it('lets go of the graph once its findings are settled, whether or not their questions were asked', async () => {
    // The editor keeps findings across many versions of a model: they must not keep each version's graph.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const analyse = (): { findings: ReturnType<typeof runRules>['findings']; element: WeakRef<object> } => {
      const graph = buildGraph(build().process('A').process('B').model());
      const { findings } = runRules(graph, [validation]);
      expect(collectQuestions(findings)).toHaveLength(2);
      for (const f of findings) settleFinding(f);
      return { findings, element: new WeakRef(graph.components[0] as object) };
    };
    const { findings, element } = analyse();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(element.deref()).toBeUndefined();
    expect(collectQuestions(findings).map((q) => q.text)).toEqual(['Does A validate input against a schema?', 'Does B validate input against a schema?']);
  });
  it('keeps fingerprints of existing findings when elements are added', () => {
    const base = build().process('A').process('B');
    const before = runRules(buildGraph(base.model()), [validation]).findings.map((f) => f.fingerprint);
    const after = runRules(buildGraph(base.process('A0').model()), [validation]).findings.map((f) => f.fingerprint);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(3);
  });
  it('turns a failing rule into an issue and still runs the others', () => {
    const broken = defineRule({ id: 'test-broken', meta, messages: { default: 'x' }, check() { throw new Error('boom'); } });
    const { findings, issues } = runRules(buildGraph(build().process('A').model()), [broken, validation]);
    expect(issues.map((i) => i.message)).toEqual(['rule test-broken failed: boom']);
    expect(findings).toHaveLength(1);
  });
  it('says which property values would close a finding, stated or not', () => {
    const m = build().process('A', { properties: { input_validation: false } }).process('B').model();
    const [a, b] = runRules(buildGraph(m), [validation]).findings;
    expect(a?.closesWhen).toEqual([{ subject: 'A', key: 'input_validation', value: true }]);
    expect(b?.closesWhen).toEqual([{ subject: 'B', key: 'input_validation', value: true }]);
  });
  it('words findings, facts and questions when read, and writes them in JSON as plain objects in a fixed key order', () => {
    const m = build().boundary('NET', { trust: 0 }).external('U', { boundary: 'NET' }).process('W', { name: 'Web', properties: { input_validation: false } }).process('S').asset('A', { name: 'Card', classification: 'restricted' }).flow('U', 'W', { data: ['A'] }).flow('W', 'S').model();
    const { findings } = runRules(buildGraph(m), [validation]);
    const json = JSON.parse(JSON.stringify(findings)) as Record<string, unknown>[];
    expect(json.map((f) => Object.keys(f))).toEqual(findings.map(() => ['fingerprint', 'ruleId', 'title', 'category', 'messageId', 'message', 'elements', 'assets', 'likelihood', 'impact', 'defaults', 'adjustments', 'facts', 'unstated', 'confidence', 'closesWhen']));
    const w = json.find((f) => f['fingerprint'] === 'test-validation@W');
    expect(w?.['message']).toBe('Web (W) trusts its input (x)');
    expect(w?.['facts']).toEqual([
      { kind: 'fact', subject: 'W', key: 'input_validation', value: false, text: 'W input_validation: false' },
      { kind: 'fact', subject: 'W', key: 'exposure', value: 'internet', text: 'Web (W) is reachable from the internet (receives F1 from U (trust 0))' },
      { kind: 'fact', subject: 'W', key: 'processes', value: 'A', text: 'W processes Card (A), restricted' },
    ]);
    expect(w?.['closesWhen']).toEqual([{ subject: 'W', key: 'input_validation', value: true }]);
    const s = json.find((f) => f['fingerprint'] === 'test-validation@S');
    expect(s?.['unstated']).toEqual([{ kind: 'unstated', subject: 'S', key: 'input_validation', safe: true, question: 'Does S validate input against a schema?' }]);
    expect(JSON.parse(JSON.stringify(collectQuestions(findings)))).toEqual([{ id: 'S.input_validation', subject: 'S', key: 'input_validation', text: 'Does S validate input against a schema?', safe: true, affects: ['test-validation@S'] }]);
  });
  it('keeps a settled finding\'s words', () => {
    const m = build().process('W', { name: 'Web', properties: { input_validation: false } }).process('S').flow('W', 'S').model();
    const { findings } = runRules(buildGraph(m), [validation]);
    const before = JSON.stringify(findings);
    for (const f of findings) settleFinding(f);
    expect(JSON.stringify(findings)).toBe(before);
  });
  it('keeps the first of repeated reports of the same elements, also across rules sharing an id, and sorts by fingerprint', () => {
    const twice = defineRule({
      id: 'test-twice',
      meta,
      messages: { one: '{{element}} first', two: '{{element}} second', pair: '{{elements}}' },
      check(ctx) {
        for (const c of [...ctx.components].reverse()) {
          ctx.report({ element: c, messageId: 'one', facts: [] });
          ctx.report({ element: c, messageId: 'two', facts: [] });
          ctx.report({ elements: [c], messageId: 'two', facts: [] });
        }
        const [a, b] = ctx.components;
        if (a && b) for (let k = 0; k < 2; k++) ctx.report({ elements: [a, b], messageId: 'pair', facts: [] });
      },
    });
    const m = build().process('B').process('A10').process('A9').model();
    const run = (rules: (typeof twice)[]) => runRules(buildGraph(m), rules).findings.map((f) => [f.fingerprint, f.messageId]);
    const expected = [
      ['test-twice@A10', 'one'],
      ['test-twice@A9', 'one'],
      ['test-twice@B', 'one'],
      ['test-twice@B+A10', 'pair'],
    ];
    expect(run([twice])).toEqual(expected);
    expect(run([twice, twice])).toEqual(expected);
    // Fingerprints order as whole strings: "test-twice@…" ("-" before "@") comes before "test@…".
    const short = defineRule({ ...validation, id: 'test' });
    const all = runRules(buildGraph(m), [short, twice]).findings.map((f) => f.fingerprint);
    expect(all).toEqual([...all].sort());
    expect(all.slice(0, 5)).toEqual(['test-twice@A10', 'test-twice@A9', 'test-twice@B', 'test-twice@B+A10', 'test@A10']);
  });
  it('skips disabled rules', () => {
    expect(runRules(buildGraph(build().process('A').model()), [validation], { disabled: new Set(['test-validation']) }).findings).toEqual([]);
  });
  it('builds and parses fingerprints', () => {
    expect(fingerprintOf('csrf', ['F1', 'C2'])).toBe('csrf@F1+C2');
    expect(parseFingerprint('csrf@F1+C2')).toEqual({ ruleId: 'csrf', elements: ['F1', 'C2'] });
    expect(parseFingerprint('C2')).toBeUndefined();
  });
});

describe('flows at the edge of the scope', () => {
  const perFlow = defineRule({
    id: 'test-per-flow',
    meta,
    messages: { default: '{{element}} enters' },
    check(ctx) {
      for (const f of ctx.flows) ctx.report({ element: f, messageId: 'default', facts: [ctx.route(f)] });
    },
  });
  const m = build()
    .external('PARTNER', { out_of_scope: true, reason: 'run by a partner' })
    .process('API')
    .process('LEGACY', { out_of_scope: true, reason: 'retired next quarter' })
    .flow('PARTNER', 'API')
    .flow('API', 'LEGACY')
    .model();
  it('analyses a flow from an out-of-scope element into the system, on the in-scope end', () => {
    const ids = runRules(buildGraph(m), [perFlow]).findings.map((f) => f.fingerprint);
    expect(ids).toContain('test-per-flow@F1');
  });
  it('still leaves out a flow into an out-of-scope element', () => {
    const ids = runRules(buildGraph(m), [perFlow]).findings.map((f) => f.fingerprint);
    expect(ids).not.toContain('test-per-flow@F2');
  });
});
