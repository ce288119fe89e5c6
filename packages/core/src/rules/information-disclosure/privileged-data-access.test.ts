import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './privileged-data-access.js';

type Props = Record<string, boolean>;
const m = (flowProps: Props = {}, storeProps: Props = {}, classification: 'restricted' | 'internal' = 'restricted', who = 'admin') =>
  build()
    .external('H', { type: who })
    .store('D', { type: 'database', properties: storeProps, assets: { stored: ['A1'] } })
    .asset('A1', { name: 'Medical records', classification })
    .flow('H', 'D', { protocol: 'postgres', properties: flowProps })
    .model();
// No assets on the store or the flow: the store's data is only what its properties state.
const bare = (flowProps: Record<string, boolean | string> = {}, storeProps: Record<string, boolean | string> = {}) =>
  build().external('H', { type: 'admin' }).store('D', { type: 'database', properties: storeProps }).flow('H', 'D', { protocol: 'postgres', properties: flowProps }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'managed access stated on the flow', model: m({ privileged_access_management: true }) },
    { name: 'managed access stated on the store', model: m({}, { privileged_access_management: true }) },
    { name: 'only internal data', model: m({}, {}, 'internal') },
    { name: 'not a person (an application) reaches the store', model: m({}, {}, 'restricted', 'saas') },
    { name: 'no assets, the store states public data', model: bare({ privileged_access_management: false }, { data_sensitivity: 'public' }) },
    { name: 'no assets, the store states confidential data (below restricted)', model: bare({ privileged_access_management: false }, { data_sensitivity: 'confidential' }) },
  ],
  invalid: [
    { name: 'stated: standing access', model: m({ privileged_access_management: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.privileged_access_management'] }] },
    // The finding is on the flow; the data question is about the store it reaches.
    { name: 'data not described asks what D holds', model: bare(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['D.data_sensitivity', 'F1.privileged_access_management'] }] },
    { name: 'data not described, stated standing access', model: bare({ privileged_access_management: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['D.data_sensitivity'] }] },
    { name: 'no assets, the store states restricted data, stated standing access', model: bare({ privileged_access_management: false }, { data_sensitivity: 'restricted' }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
