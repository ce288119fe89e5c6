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

new RuleTester().run(rule, {
  valid: [
    { name: 'managed access stated on the flow', model: m({ privileged_access_management: true }) },
    { name: 'managed access stated on the store', model: m({}, { privileged_access_management: true }) },
    { name: 'only internal data', model: m({}, {}, 'internal') },
    { name: 'not a person (an application) reaches the store', model: m({}, {}, 'restricted', 'saas') },
  ],
  invalid: [
    { name: 'stated: standing access', model: m({ privileged_access_management: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.privileged_access_management'] }] },
  ],
});
