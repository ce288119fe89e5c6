import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-retention-policy.js';

const m = (props: Record<string, boolean> = {}, asset: { personal_data?: boolean; retention?: string } = { personal_data: true }) =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Customer profile', ...asset }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'retention enforced by the store', model: m({ retention_policy: true }) },
    { name: 'the asset states its retention', model: m({}, { personal_data: true, retention: '2 years after the last order' }) },
    { name: 'no personal data', model: m({}, { personal_data: false }) },
  ],
  invalid: [
    { name: 'stated: no retention', model: m({ retention_policy: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.retention_policy'] }] },
  ],
});
