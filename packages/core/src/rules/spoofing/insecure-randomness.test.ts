import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './insecure-randomness.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'secure tokens stated', model: build().process('A', { type: 'auth-service', properties: { password_reset: true, csprng_tokens: true } }).model() },
    { name: 'sign-in without reset, unstated, asks nothing', model: build().process('A', { type: 'auth-service' }).model() },
    { name: 'an external identity provider is not ours to fix', model: build().external('I', { type: 'identity-provider', properties: { csprng_tokens: false } }).model() },
  ],
  invalid: [
    { name: 'password reset, unstated', model: build().process('A', { type: 'auth-service', properties: { password_reset: true } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.csprng_tokens'] }] },
    { name: 'sign-in with stated weak generator', model: build().process('A', { type: 'auth-service', properties: { csprng_tokens: false } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
  ],
});
