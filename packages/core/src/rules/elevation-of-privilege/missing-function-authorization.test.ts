import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-function-authorization.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'role checks', model: build().process('K', { type: 'admin-console', properties: { role_based_access: true } }).model() },
    { name: 'not stated', model: build().process('K', { type: 'admin-console' }).model() },
    { name: 'no admin functions', model: build().process('S', { properties: { role_based_access: false } }).model() },
  ],
  invalid: [{ name: 'admin functions without role checks', model: build().process('S', { properties: { admin_interface: true, role_based_access: false } }).model(), findings: [{ messageId: 'default', elements: ['S'] }] }],
});
