import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './children-data-without-parental-consent.js';

const m = (props: Record<string, boolean> = {}, personal = true) =>
  build()
    .external('U', { type: 'user' })
    .process('W', { type: 'web-app', properties: { serves_children: true, ...props } })
    .asset('A1', { name: 'Child profile', personal_data: personal })
    .flow('U', 'W', { protocol: 'https', data: ['A1'] })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'parental consent collected', model: m({ parental_consent: true }) },
    { name: 'not used by children', model: m({ serves_children: false }) },
    { name: 'no personal data', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: no parental consent', model: m({ parental_consent: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.parental_consent'] }] },
  ],
});
