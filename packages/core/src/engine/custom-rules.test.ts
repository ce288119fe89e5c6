import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { build } from './model-builder.js';
import { parseCustomRules, type CustomRuleInput } from './custom-rules.js';

const base = () =>
  build()
    .boundary('NET', { trust: 'untrusted' })
    .boundary('DC', { trust: 'high' })
    .external('U', { type: 'browser', boundary: 'NET' })
    .process('ADM', { type: 'admin-console', boundary: 'DC', properties: { mfa_for_admins: false } })
    .process('API', { type: 'api', boundary: 'DC', properties: { mfa_for_admins: true }, tags: ['pci'] })
    .store('D', { type: 'database', boundary: 'DC' })
    .asset('CARD', { classification: 'secret', type: 'payment-card' })
    .flow('U', 'ADM', { protocol: 'https' })
    .flow('U', 'API', { protocol: 'https', data: ['CARD'] })
    .flow('API', 'D', { protocol: 'sql', data: ['CARD'] });

const rule = (over: Partial<CustomRuleInput>): CustomRuleInput => ({ id: 'acme-rule', title: 'Acme rule', category: 'spoofing', applies_to: 'component', when: { capability: 'admin-interface' }, message: '{{element}} breaks the Acme policy', ...over });
const fired = (r: CustomRuleInput) => analyze(base().with('rules', { custom: [r] }).model(), { rules: [] }).threats.map((t) => t.id);

describe('custom rules', () => {
  it('fire on a capability and a stated property, with facts', () => {
    const r = analyze(base().with('rules', { custom: [rule({ when: { all: [{ capability: 'admin-interface' }, { property: 'mfa_for_admins', equals: false }] } })] }).model(), { rules: [] });
    expect(r.threats.map((t) => t.id)).toEqual(['acme-rule@ADM']);
    expect(r.threats[0]?.message).toBe('ADM breaks the Acme policy');
    expect(r.threats[0]?.facts.map((f) => f.text)).toEqual(['ADM is admin-interface (type admin-console)', 'ADM mfa_for_admins: false']);
    expect(r.threats[0]?.source).toBe('custom-rule');
  });
  it('support any, not, in, exists, attributes and tags', () => {
    expect(fired(rule({ when: { any: [{ attribute: 'tag', equals: 'pci' }, { attribute: 'id', equals: 'nothing' }] } }))).toEqual(['acme-rule@API']);
    expect(fired(rule({ when: { all: [{ attribute: 'kind', equals: 'process' }, { not: { capability: 'admin-interface' } }] } }))).toEqual(['acme-rule@API']);
    expect(fired(rule({ when: { attribute: 'type', in: ['database', 'cache'] } }))).toEqual(['acme-rule@D']);
    expect(fired(rule({ when: { all: [{ attribute: 'kind', equals: 'process' }, { property: 'mfa_for_admins', exists: true }] } }))).toEqual(['acme-rule@ADM', 'acme-rule@API']);
  });
  it('test flows: boundary crossings by direction, assets by classification, endpoints', () => {
    const flowRule = (when: CustomRuleInput['when']) => fired(rule({ applies_to: 'flow', when }));
    expect(flowRule({ crosses_boundary: 'lower-to-higher' })).toEqual(['acme-rule@F1', 'acme-rule@F2']);
    expect(flowRule({ all: [{ crosses_boundary: 'any' }, { carries_asset: { classification_at_least: 'restricted' } }] })).toEqual(['acme-rule@F2']);
    expect(flowRule({ carries_asset: { type: 'payment-card' } })).toEqual(['acme-rule@F2', 'acme-rule@F3']);
    expect(flowRule({ target: { capability: 'holds-data' } })).toEqual(['acme-rule@F3']);
    expect(flowRule({ source: { exposure: 'internet' } })).toEqual(['acme-rule@F3']);
  });
  it('turn "lacks" on an unstated property into a question', () => {
    const r = analyze(base().with('rules', { custom: [rule({ when: { all: [{ attribute: 'kind', equals: 'datastore' }, { lacks: 'encrypted_at_rest' }] } })] }).model(), { rules: [] });
    expect(r.threats.map((t) => [t.id, t.confidence])).toEqual([['acme-rule@D', 'possible']]);
    expect(r.questions.map((q) => q.id)).toEqual(['D.encrypted_at_rest']);
  });
  it('ask about a property the model declares in its own words, or with its description', () => {
    const ask = (declaration: Record<string, unknown>) => {
      const model = base()
        .with('taxonomy', { properties: { reconciled: { type: 'boolean', ...declaration } } })
        .with('rules', { custom: [rule({ when: { all: [{ attribute: 'tag', equals: 'pci' }, { lacks: 'reconciled' }] } })] })
        .model();
      return analyze(model, { rules: [] }).questions.map((q) => q.text);
    };
    expect(ask({ question: 'Is {{subject}} reconciled with the bank daily?' })).toEqual(['Is API reconciled with the bank daily?']);
    expect(ask({ description: 'Payments are reconciled with the bank daily.' })).toEqual(['Is "reconciled" true for API? (Payments are reconciled with the bank daily.)']);
    expect(ask({})).toEqual(['Is "reconciled" true for API?']);
  });
  it('refuse an id that a built-in rule already uses', () => {
    const r = analyze(base().with('rules', { custom: [rule({ id: 'csrf' })] }).model());
    expect(r.issues.find((i) => i.code === 'duplicate-rule-id')?.path).toEqual(['rules', 'custom', 0, 'id']);
  });
  it('are checked by a schema that gives file, line and column', () => {
    const text = 'rules:\n  - id: acme-x\n    title: X\n    category: spoofing\n    applies_to: component\n    message: m\n    when:\n      all:\n        - capabilty: web-application\n';
    const { issues } = parseCustomRules({ file: 'rules.yaml', text });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.location).toEqual({ file: 'rules.yaml', line: 9, column: 11 });
    expect(issues.map((i) => i.message).join(' ')).toMatch(/capabilty/);
  });
  it('reject a condition with two operators and never run strings as code', () => {
    const bad = parseCustomRules({ file: 'r.yaml', text: 'rules:\n  - id: acme-x\n    title: X\n    category: spoofing\n    applies_to: component\n    message: m\n    when: { capability: api, property: x, equals: "process.exit()" }\n' });
    expect(bad.issues.map((i) => i.message).join(' ')).toMatch(/exactly one operator/);
    const ok = parseCustomRules({ file: 'r.yaml', text: 'rules:\n  - id: acme-x\n    title: X\n    category: spoofing\n    applies_to: component\n    message: m\n    when: { property: x, equals: "process.exit()" }\n' });
    expect(ok.issues).toEqual([]);
    expect(fired(ok.rules[0] as CustomRuleInput)).toEqual([]);
  });
});
