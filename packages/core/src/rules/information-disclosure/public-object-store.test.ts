import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './public-object-store.js';

const m = (props: Record<string, boolean> = {}, classification: 'public' | 'confidential' = 'confidential') =>
  build().store('S', { type: 's3', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Database backups', classification }).model();
// No assets: the bucket's data is only what its properties state.
const bare = (props: Record<string, boolean | string> = {}) => build().store('S', { type: 's3', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'public access blocked', model: m({ public_access: false }) },
    { name: 'only public assets', model: m({}, 'public') },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', public_access: true }) },
  ],
  invalid: [
    { name: 'stated public', model: m({ public_access: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.public_access'] }] },
    { name: 'data not described asks what S holds', model: bare(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.data_sensitivity', 'S.public_access'] }] },
    { name: 'data not described, stated public', model: bare({ public_access: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.data_sensitivity'] }] },
    { name: 'no assets, stated internal data and public', model: bare({ data_sensitivity: 'internal', public_access: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
  ],
});
