import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './special-category-without-dpia.js';

const m = (props: Record<string, boolean> = {}, special = true) =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Diagnoses', personal_data: true, special_category: special }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'DPIA done', model: m({ dpia: true }) },
    { name: 'ordinary personal data', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: no DPIA', model: m({ dpia: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.dpia'] }] },
  ],
});
