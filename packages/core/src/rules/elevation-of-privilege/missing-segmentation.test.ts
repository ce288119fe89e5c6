import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-segmentation.js';

const m = (props: Record<string, boolean> = {}, storeZone = 'B1', classification: 'restricted' | 'internal' = 'restricted') =>
  build()
    .boundary('B1', { trust: 'medium' })
    .boundary('B2', { trust: 'high' })
    .external('U', { type: 'browser' })
    .process('W', { type: 'web-app', boundary: 'B1' })
    .store('D', { type: 'database', boundary: storeZone, properties: props, assets: { stored: ['A1'] } })
    .asset('A1', { name: 'Password hashes', classification })
    .flow('U', 'W', { protocol: 'https' })
    .flow('W', 'D', { protocol: 'sql' })
    .model();
// The same system, but the model says nothing about the store's data but what its properties state.
const bare = (props: Record<string, boolean | string> = {}) =>
  build()
    .boundary('B1', { trust: 'medium' })
    .external('U', { type: 'browser' })
    .process('W', { type: 'web-app', boundary: 'B1' })
    .store('D', { type: 'database', boundary: 'B1', properties: props })
    .flow('U', 'W', { protocol: 'https' })
    .flow('W', 'D', { protocol: 'sql' })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'segmented', model: m({ network_segmentation: true }) },
    { name: 'in its own zone', model: m({}, 'B2') },
    { name: 'only internal data', model: m({}, 'B1', 'internal') },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', network_segmentation: false }) },
    { name: 'no assets, stated confidential data (below restricted)', model: bare({ data_sensitivity: 'confidential', network_segmentation: false }) },
  ],
  invalid: [
    { name: 'stated flat network', model: m({ network_segmentation: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.network_segmentation'] }] },
    { name: 'data not described asks what D holds', model: bare(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity', 'D.network_segmentation'] }] },
    { name: 'data not described, stated flat network', model: bare({ network_segmentation: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity'] }] },
    { name: 'no assets, stated restricted data and flat network', model: bare({ data_sensitivity: 'restricted', network_segmentation: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
