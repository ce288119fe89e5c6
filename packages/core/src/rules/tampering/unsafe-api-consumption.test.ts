import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unsafe-api-consumption.js';

const sync = (props: Record<string, boolean>) =>
  build().external('X', { type: 'third-party-api' }).process('S', { type: 'api', properties: props }).store('D', { type: 'database' }).flow('X', 'S', { protocol: 'https' }).flow('S', 'D');

new RuleTester().run(rule, {
  valid: [
    { name: 'responses validated', model: sync({ validates_third_party_responses: true }).model() },
    { name: 'the data goes nowhere', model: build().external('X', { type: 'third-party-api' }).process('S', { type: 'api' }).flow('X', 'S').model() },
    { name: 'a one-way call out returns nothing modelled', model: build().process('S', { type: 'api' }).external('X', { type: 'third-party-api' }).store('D').flow('S', 'X').flow('S', 'D').model() },
    { name: 'data from a browser is another rule\'s concern', model: build().external('B', { type: 'browser' }).process('S').store('D').flow('B', 'S').flow('S', 'D').model() },
  ],
  invalid: [
    { name: 'provider data stored, stated unvalidated', model: sync({ validates_third_party_responses: false }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    {
      name: 'a two-way call whose answer is shown to users, unstated',
      model: build().external('X', { type: 'payment-provider' }).process('W', { type: 'web-app' }).external('B', { type: 'browser' }).flow('W', 'X', { bidirectional: true }).flow('W', 'B').model(),
      findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.validates_third_party_responses'] }],
    },
  ],
});
