import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-data-to-provider.js';

const m = (flowProps: Record<string, boolean> = {}, providerProps: Record<string, boolean> = {}, classification: 'confidential' | 'public' = 'confidential') =>
  build()
    .process('A', { type: 'llm-app' })
    .external('M', { type: 'llm-provider', properties: providerProps })
    .asset('A1', { name: 'Support tickets', classification })
    .flow('A', 'M', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'agreement on the flow', model: m({ provider_no_training: true }) },
    { name: 'agreement on the provider', model: m({}, { provider_no_training: true }) },
    { name: 'public data only', model: m({}, {}, 'public') },
  ],
  invalid: [
    { name: 'stated retained', model: m({ provider_no_training: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.provider_no_training'] }] },
  ],
});
