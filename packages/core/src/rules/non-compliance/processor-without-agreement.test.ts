import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './processor-without-agreement.js';

const m = (flowProps: Record<string, boolean> = {}, targetProps: Record<string, boolean> = {}, personal = true) =>
  build()
    .process('W', { type: 'api' })
    .external('X', { type: 'email-provider', properties: targetProps })
    .asset('A1', { name: 'E-mail address', personal_data: personal })
    .flow('W', 'X', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'agreement stated on the flow', model: m({ data_processing_agreement: true }) },
    { name: 'agreement stated on the recipient', model: m({}, { data_processing_agreement: true }) },
    { name: 'no personal data', model: m({}, {}, false) },
  ],
  invalid: [
    { name: 'stated: none', model: m({ data_processing_agreement: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.data_processing_agreement'] }] },
  ],
});
