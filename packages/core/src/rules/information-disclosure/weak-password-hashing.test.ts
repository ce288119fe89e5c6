import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './weak-password-hashing.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'argon2', model: build().process('A', { properties: { password_hashing: 'argon2' } }).model() },
    { name: 'bcrypt, written in capitals', model: build().process('A', { properties: { password_hashing: 'BCrypt' } }).model() },
    { name: 'not stated', model: build().process('A').model() },
    { name: 'a store of passwords that says how they are hashed', model: build().store('U', { properties: { password_hashing: 'bcrypt' }, assets: { stored: ['P'] } }).asset('P', { type: 'password' }).model() },
    { name: 'a store of other data, not stated', model: build().store('U', { assets: { stored: ['O'] } }).asset('O', { type: 'orders' }).model() },
    { name: 'a store of keys and tokens is not asked about hashing', model: build().store('U', { assets: { stored: ['K'] } }).asset('K', { type: 'credentials' }).model() },
  ],
  invalid: [
    { name: 'a fast hash', model: build().process('A', { properties: { password_hashing: 'sha256' } }).model(), findings: [{ messageId: 'default', elements: ['A'] }] },
    { name: 'a store of passwords that does not say how they are hashed', model: build().store('U', { assets: { stored: ['P'] } }).asset('P', { type: 'password' }).model(), findings: [{ messageId: 'unstated', elements: ['U'], unstated: ['U.password_hashing'] }] },
    { name: 'plain text in a store', model: build().store('U', { properties: { password_hashing: 'plaintext' } }).model(), findings: [{ messageId: 'default', elements: ['U'] }] },
  ],
});
