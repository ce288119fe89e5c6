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
// No assets anywhere: what the prompts carry is only what the flow's properties state.
const bare = (flowProps: Record<string, boolean | string> = {}) =>
  build().process('A', { type: 'llm-app' }).external('M', { type: 'llm-provider' }).flow('A', 'M', { protocol: 'https', properties: flowProps }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'agreement on the flow', model: m({ provider_no_training: true }) },
    { name: 'agreement on the provider', model: m({}, { provider_no_training: true }) },
    { name: 'public data only', model: m({}, {}, 'public') },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', provider_no_training: false }) },
    { name: 'no assets, stated internal data (below confidential)', model: bare({ data_sensitivity: 'internal', provider_no_training: false }) },
  ],
  invalid: [
    { name: 'stated retained', model: m({ provider_no_training: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.provider_no_training'] }] },
    { name: 'data not described asks what F1 carries', model: bare(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_sensitivity', 'F1.provider_no_training'] }] },
    { name: 'data not described, stated retained', model: bare({ provider_no_training: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_sensitivity'] }] },
    { name: 'no assets, stated confidential data and retained', model: bare({ data_sensitivity: 'confidential', provider_no_training: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
