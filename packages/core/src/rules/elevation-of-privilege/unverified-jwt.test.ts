import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unverified-jwt.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'verified', model: build().process('A', { properties: { uses_jwt: true, jwt_verified: true } }).model() },
    { name: 'no JWTs', model: build().process('A', { properties: { jwt_verified: false } }).model() },
    { name: 'JWTs on a flow, verified', model: build().process('S').process('A').flow('S', 'A', { properties: { uses_jwt: true, jwt_verified: true } }).model() },
  ],
  invalid: [
    { name: 'signature not checked', model: build().process('A', { properties: { uses_jwt: true, jwt_verified: false } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'verification not stated', model: build().process('A', { properties: { uses_jwt: true } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.jwt_verified'] }] },
    { name: 'a flow carrying JWTs to a service that says nothing about them', model: build().process('S').process('A').flow('S', 'A', { properties: { uses_jwt: true, jwt_verified: false } }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] },
  ],
});
