import { describe, expect, it } from 'vitest';
import { defineRule } from './define-rule.js';
import { build } from './model-builder.js';
import { RuleTester } from './rule-tester.js';

const rule = defineRule({
  id: 'test-any-process',
  meta: {
    title: 'Any process',
    category: 'tampering',
    appliesTo: ['process'],
    description: 'Fires on every process; used to test the RuleTester itself.',
    references: { cwe: [20] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [{ title: 'Fix', acceptance: 'Fixed', verification: 'Test' }],
  },
  messages: { default: '{{element}}' },
  check(ctx) {
    for (const c of ctx.components) if (c.kind === 'process') ctx.report({ element: c, messageId: 'default', facts: [ctx.fact(c, 'kind', c.kind)] });
  },
});

describe('RuleTester', () => {
  const valid = { name: 'no process', model: build().store('D').model() };
  it('rejects two cases with the same model', () => {
    expect(() => { new RuleTester().run(rule, { valid: [valid, { name: 'again', model: build().store('D').model() }], invalid: [{ name: 'p', model: build().process('P').model(), findings: [{ messageId: 'default', elements: ['P'] }] }] }); }).toThrow(/same model/);
  });
  it('rejects unknown message ids', () => {
    expect(() => { new RuleTester().run(rule, { valid: [valid], invalid: [{ name: 'p', model: build().process('P').model(), findings: [{ messageId: 'nope', elements: ['P'] }] }] }); }).toThrow(/unknown messageId "nope"/);
  });
  it('rejects a rule without a case where it must not fire', () => {
    expect(() => { new RuleTester().run(rule, { valid: [], invalid: [{ name: 'p', model: build().process('P').model(), findings: [{ messageId: 'default', elements: ['P'] }] }] }); }).toThrow(/at least one valid case/);
  });
  it('rejects fixtures that are not valid models', () => {
    const bad = { ...build().process('P').model(), components: [{ id: '1bad', kind: 'process' as const, name: 'x' }] };
    expect(() => { new RuleTester().run(rule, { valid: [valid], invalid: [{ name: 'p', model: bad, findings: [{ messageId: 'default', elements: ['1bad'] }] }] }); }).toThrow(/not a valid model/);
  });
});
