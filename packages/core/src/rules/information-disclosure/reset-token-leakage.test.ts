import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './reset-token-leakage.js';

const reset = (props: Record<string, boolean>) => build().process('A', { type: 'auth-service', properties: { password_reset: true, ...props } }).external('M', { type: 'email-provider' }).flow('A', 'M');

new RuleTester().run(rule, {
  valid: [
    { name: 'single-use short-lived tokens', model: reset({ reset_token_single_use: true }).model() },
    { name: 'no password reset', model: build().process('A', { type: 'auth-service', properties: { reset_token_single_use: false } }).model() },
  ],
  invalid: [
    { name: 'reusable tokens in e-mailed links', model: reset({ reset_token_single_use: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated', model: reset({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.reset_token_single_use'] }] },
  ],
});
