import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './message-relay-abuse.js';

const form = (props: Record<string, boolean>) =>
  build().external('U', { type: 'browser' }).process('C', { type: 'api', properties: props }).external('M', { type: 'email-provider' }).flow('U', 'C').flow('C', 'M');

new RuleTester().run(rule, {
  valid: [
    { name: 'throttled', model: form({ rate_limiting: true, captcha: false }).model() },
    { name: 'challenged', model: form({ rate_limiting: false, captcha: true }).model() },
    { name: 'not stated', model: form({}).model() },
  ],
  invalid: [{ name: 'an open contact form', model: form({ rate_limiting: false, captcha: false }).model(), findings: [{ messageId: 'default', elements: ['C'] }] }],
});
