import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './weak-password-policy.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'breached passwords refused', model: build().process('A', { type: 'auth-service', properties: { breached_password_check: true } }).model() },
    { name: 'not stated', model: build().process('A', { type: 'auth-service' }).model() },
    { name: 'does not sign users in', model: build().process('S', { properties: { breached_password_check: false } }).model() },
  ],
  invalid: [{ name: 'breached passwords accepted', model: build().process('A', { type: 'auth-service', properties: { breached_password_check: false } }).model(), findings: [{ messageId: 'default', elements: ['A'] }] }],
});
