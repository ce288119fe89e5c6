import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-model-supply-chain.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'pinned and verified', model: build().process('M', { type: 'llm', properties: { model_provenance: true } }).model() },
    { name: 'a provider\'s hosted model', model: build().external('M', { type: 'llm-provider' }).model() },
  ],
  invalid: [
    { name: 'stated: unverified', model: build().process('M', { type: 'llm', properties: { model_provenance: false } }).model(), findings: [{ messageId: 'default', elements: ['M'], unstated: [] }] },
    { name: 'not stated asks', model: build().process('M', { type: 'llm' }).model(), findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.model_provenance'] }] },
  ],
});
