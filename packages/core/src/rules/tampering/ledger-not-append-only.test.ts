import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './ledger-not-append-only.js';

const ledger = (props: Record<string, boolean>, integrity: 'high' | 'medium' = 'high', exposed = true) =>
  build()
    .asset('L', { name: 'Ledger entries', type: 'payment', integrity, classification: 'confidential' })
    .process('P', { type: 'payment-service', properties: { internet_facing: exposed } })
    .store('D', { type: 'database', properties: props, assets: { stored: ['L'] } })
    .flow('P', 'D', { data: ['L'] });

new RuleTester().run(rule, {
  valid: [
    { name: 'append-only', model: ledger({ append_only: true }).model() },
    { name: 'payment data of ordinary integrity', model: ledger({}, 'medium').model() },
    {
      name: 'a queue of payment instructions is transient',
      model: build().asset('L', { type: 'payment', integrity: 'high' }).process('P', { properties: { internet_facing: true } }).store('Q', { type: 'queue', assets: { stored: ['L'] } }).flow('P', 'Q', { data: ['L'] }).model(),
    },
    { name: 'written only by an internal batch job', model: ledger({}, 'high', false).model() },
  ],
  invalid: [
    { name: 'exposed writer, unstated', model: ledger({}).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.append_only'] }] },
    { name: 'stated mutable', model: ledger({ append_only: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
