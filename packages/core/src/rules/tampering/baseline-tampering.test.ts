import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-tampering.js';

const calls = (target: (b: ReturnType<typeof build>) => ReturnType<typeof build>) => target(build().external('U')).flow('U', 'T');

new RuleTester().run(rule, {
  valid: [
    { name: 'input validated', model: calls((b) => b.process('T', { properties: { input_validation: true } })).model() },
    { name: 'store writers hold least privilege', model: calls((b) => b.store('T', { properties: { least_privilege: true } })).model() },
    { name: 'no entry point', model: build().process('A').store('T').flow('A', 'T').model() },
    { name: 'the baseline is off', model: calls((b) => b.process('T')).with('rules', { baseline: 'off' }).model() },
  ],
  invalid: [
    { name: 'a process says nothing about validation', model: calls((b) => b.process('T')).model(), findings: [{ messageId: 'process', elements: ['T', 'F1'], unstated: ['T.input_validation'] }] },
    { name: 'a store says nothing about who may write', model: calls((b) => b.store('T')).model(), findings: [{ messageId: 'datastore', elements: ['T', 'F1'], unstated: ['T.least_privilege'] }] },
    { name: 'stated without validation', model: calls((b) => b.process('T', { properties: { input_validation: false } })).model(), findings: [{ messageId: 'process', elements: ['T', 'F1'], unstated: [] }] },
  ],
});
