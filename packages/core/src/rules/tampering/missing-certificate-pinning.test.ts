import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-certificate-pinning.js';

const m = (flowProps: Record<string, boolean> = {}, appProps: Record<string, boolean> = {}, classification: 'restricted' | 'public' = 'restricted') =>
  build()
    .external('M', { type: 'mobile-app', properties: appProps })
    .process('S', { type: 'api' })
    .asset('A1', { name: 'Password', type: 'credentials', classification })
    .flow('M', 'S', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();
// No assets on the flow: what it carries is only what its properties state.
const bare = (flowProps: Record<string, boolean | string> = {}) =>
  build().external('M', { type: 'mobile-app' }).process('S', { type: 'api' }).flow('M', 'S', { protocol: 'https', properties: flowProps }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'pinned on the flow', model: m({ certificate_pinning: true }) },
    { name: 'pinned by the app', model: m({}, { certificate_pinning: true }) },
    { name: 'nothing sensitive', model: m({}, {}, 'public') },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', certificate_pinning: false }) },
    { name: 'no assets, stated confidential data (below restricted)', model: bare({ data_sensitivity: 'confidential', certificate_pinning: false }) },
  ],
  invalid: [
    { name: 'stated unpinned', model: m({ certificate_pinning: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.certificate_pinning'] }] },
    { name: 'data not described asks what F1 carries', model: bare(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_sensitivity', 'F1.certificate_pinning'] }] },
    { name: 'data not described, stated unpinned', model: bare({ certificate_pinning: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_sensitivity'] }] },
    { name: 'no assets, stated restricted data and unpinned', model: bare({ data_sensitivity: 'restricted', certificate_pinning: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
