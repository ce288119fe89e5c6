import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './precise-location-shared.js';

const m = (flowProps: Record<string, boolean> = {}, sourceProps: Record<string, boolean> = {}, type = 'location', target = 'analytics') =>
  build()
    .process('W', { type: 'api', properties: sourceProps })
    .external('X', { type: target })
    .asset('A1', { name: 'Device position', type })
    .flow('W', 'X', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'coarsened on the flow', model: m({ location_precision_reduced: true }) },
    { name: 'coarsened by the sender', model: m({}, { location_precision_reduced: true }) },
    { name: 'no location data', model: m({}, {}, 'profile') },
    { name: 'recipient is the user\'s own browser', model: m({}, {}, 'location', 'browser') },
  ],
  invalid: [
    { name: 'stated: exact location shared', model: m({ location_precision_reduced: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.location_precision_reduced'] }] },
  ],
});
