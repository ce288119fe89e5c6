import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unauthenticated-internal-call.js';

const mesh = (flow: Record<string, unknown>, type = 'payment-service') => build().process('W').process('P', { type }).flow('W', 'P', flow);

new RuleTester().run(rule, {
  valid: [
    { name: 'mTLS between services', model: mesh({ authenticated: true, authentication: 'mtls' }).model() },
    { name: 'an ordinary service', model: mesh({ authenticated: false }, 'service').model() },
    { name: 'not stated', model: mesh({}).model() },
  ],
  invalid: [{ name: 'a payment service open to the network', model: mesh({ authenticated: false }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] }],
});
