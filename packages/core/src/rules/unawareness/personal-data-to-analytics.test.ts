import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './personal-data-to-analytics.js';

const site = (flowProps: Record<string, boolean> = {}, personal = true) =>
  build()
    .external('B', { type: 'browser' })
    .external('G', { type: 'analytics' })
    .asset('A1', { name: 'Visitor id and full URL', personal_data: personal })
    .flow('B', 'G', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'consent is collected first', model: site({ consent: true }) },
    { name: 'the beacon carries no personal data', model: site({ consent: false }, false) },
    {
      name: 'personal data to a first-party API is not analytics',
      model: build().external('B', { type: 'browser' }).process('W', { type: 'api' }).asset('A1', { personal_data: true }).flow('B', 'W', { data: ['A1'] }).model(),
    },
  ],
  invalid: [
    { name: 'stated: no consent', model: site({ consent: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'consent not stated asks', model: site(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.consent'] }] },
  ],
});
