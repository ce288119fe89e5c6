import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './sensitive-business-flow-abuse.js';

const pay = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('P', { type: 'payment-service', properties: props }).flow('U', 'P', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'bot protection in place', model: pay({ bot_protection: true }).model() },
    { name: 'payments called only by an internal service', model: build().process('S', { type: 'api' }).process('P', { type: 'payment-service' }).flow('S', 'P').model() },
    { name: 'no business flow', model: build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: { bot_protection: false } }).flow('U', 'A').model() },
  ],
  invalid: [
    { name: 'payments from browsers, stated unprotected', model: pay({ bot_protection: false }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    {
      name: 'open sign-up on the internet, unstated',
      model: build().process('W', { type: 'web-app', properties: { self_signup: true, internet_facing: true } }).model(),
      findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.bot_protection'] }],
    },
  ],
});
