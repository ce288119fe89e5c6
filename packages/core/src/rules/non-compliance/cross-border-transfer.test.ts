import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './cross-border-transfer.js';

type Props = Record<string, boolean | string>;
const m = (flowProps: Props = {}, sourceProps: Props = { region: 'eu' }, targetProps: Props = { region: 'us' }, personal = true) =>
  build()
    .process('W', { type: 'api', properties: sourceProps })
    .external('X', { type: 'saas', properties: targetProps })
    .asset('A1', { name: 'Customer e-mail', personal_data: personal })
    .flow('W', 'X', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'residency safeguard stated on the flow', model: m({ data_residency: true }) },
    { name: 'residency safeguard stated on the recipient', model: m({}, { region: 'eu' }, { region: 'us', data_residency: true }) },
    { name: 'same region (case-insensitive)', model: m({}, { region: 'eu' }, { region: 'EU' }) },
    { name: 'recipient region not stated (no guess, no question)', model: m({}, { region: 'eu' }, {}) },
    { name: 'no personal data', model: m({}, { region: 'eu' }, { region: 'us' }, false) },
  ],
  invalid: [
    { name: 'regions differ, safeguard not stated asks', model: m(), findings: [{ messageId: 'region', elements: ['F1'], unstated: ['F1.data_residency'] }] },
    { name: 'regions differ, safeguard stated false', model: m({ data_residency: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'flow states the data does not stay in place', model: m({ data_residency: false }, {}, {}), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'recipient states it does not keep data in region', model: m({}, {}, { data_residency: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
