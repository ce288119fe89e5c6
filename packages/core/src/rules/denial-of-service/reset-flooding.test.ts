import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './reset-flooding.js';

const reset = (props: Record<string, boolean>) =>
  build().external('U', { type: 'browser' }).process('A', { type: 'auth-service', properties: { password_reset: true, ...props } }).external('M', { type: 'email-provider' }).flow('U', 'A').flow('A', 'M');

new RuleTester().run(rule, {
  valid: [
    { name: 'throttled', model: reset({ rate_limiting: true }).model() },
    { name: 'not stated', model: reset({}).model() },
  ],
  invalid: [{ name: 'unthrottled reset e-mails', model: reset({ rate_limiting: false }).model(), findings: [{ messageId: 'default', elements: ['A'] }] }],
});
