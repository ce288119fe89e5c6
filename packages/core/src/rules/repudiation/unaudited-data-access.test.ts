import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unaudited-data-access.js';

const store = (props: Record<string, boolean>, classification: 'restricted' | 'internal' = 'restricted') => build().store('D', { type: 'database', properties: props, assets: { stored: ['X'] } }).asset('X', { classification });
// No assets: the store's data is only what its properties state.
const bare = (props: Record<string, boolean | string>) => build().store('D', { type: 'database', properties: props });

new RuleTester().run(rule, {
  valid: [
    { name: 'reads audited', model: store({ audit_logging: true }).model() },
    { name: 'only internal data', model: store({ audit_logging: false }, 'internal').model() },
    { name: 'not stated', model: store({}).model() },
    { name: 'no assets, stated public data, no audit', model: bare({ data_sensitivity: 'public', audit_logging: false }).model() },
    { name: 'no assets, stated confidential data (below restricted), no audit', model: bare({ data_sensitivity: 'confidential', audit_logging: false }).model() },
    { name: 'data not described, audit not stated', model: bare({}).model() },
  ],
  invalid: [
    { name: 'restricted data, no audit', model: store({ audit_logging: false }).model(), findings: [{ messageId: 'default', elements: ['D'] }] },
    { name: 'data not described, no audit asks what D holds', model: bare({ audit_logging: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity'] }] },
    { name: 'no assets, stated restricted data, no audit', model: bare({ data_sensitivity: 'restricted', audit_logging: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
