import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './weak-password-hashing.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'argon2', model: build().process('A', { properties: { password_hashing: 'argon2' } }).model() },
    { name: 'bcrypt, written in capitals', model: build().process('A', { properties: { password_hashing: 'BCrypt' } }).model() },
    { name: 'not stated', model: build().process('A').model() },
  ],
  invalid: [
    { name: 'a fast hash', model: build().process('A', { properties: { password_hashing: 'sha256' } }).model(), findings: [{ messageId: 'default', elements: ['A'] }] },
    { name: 'plain text in a store', model: build().store('U', { properties: { password_hashing: 'plaintext' } }).model(), findings: [{ messageId: 'default', elements: ['U'] }] },
  ],
});
