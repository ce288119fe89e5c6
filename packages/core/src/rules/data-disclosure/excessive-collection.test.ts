import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './excessive-collection.js';

const m = (props: Record<string, boolean> = {}, asset: { personal_data?: boolean; privacy?: 'low' | 'medium' | 'high'; special_category?: boolean } = { personal_data: true, privacy: 'high' }) =>
  build()
    .process('W', { type: 'api' })
    .external('X', { type: 'saas' })
    .asset('A1', { name: 'Full profile', ...asset })
    .flow('W', 'X', { protocol: 'https', data: ['A1'], properties: props })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'minimised', model: m({ data_minimization: true }) },
    { name: 'low privacy impact', model: m({}, { personal_data: true, privacy: 'low' }) },
    {
      name: 'to our own store',
      model: build().process('W', { type: 'api' }).store('D', { type: 'database' }).asset('A1', { personal_data: true, privacy: 'high' }).flow('W', 'D', { data: ['A1'] }).model(),
    },
  ],
  invalid: [
    { name: 'stated: not minimised', model: m({ data_minimization: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'special category, not stated', model: m({}, { special_category: true }), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_minimization'] }] },
  ],
});
