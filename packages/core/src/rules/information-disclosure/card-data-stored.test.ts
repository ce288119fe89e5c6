import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './card-data-stored.js';

const m = (props: Record<string, boolean> = {}, type = 'payment-card') =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Saved cards', type }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'tokenised', model: m({ tokenization: true }) },
    { name: 'no card data', model: m({}, 'personal-data') },
  ],
  invalid: [
    { name: 'stated raw PANs', model: m({ tokenization: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.tokenization'] }] },
  ],
});
