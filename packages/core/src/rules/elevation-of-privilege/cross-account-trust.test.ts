import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './cross-account-trust.js';

const m = (props: Record<string, boolean> = {}) => build().store('S', { type: 's3', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'external id required', model: m({ cross_account_access: true, external_id_required: true }) },
    { name: 'no cross-account access', model: m({ cross_account_access: false }) },
    { name: 'cross-account access not stated (no guess)', model: m() },
  ],
  invalid: [
    { name: 'stated: no external id', model: m({ cross_account_access: true, external_id_required: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'external id not stated asks', model: m({ cross_account_access: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.external_id_required'] }] },
  ],
});
