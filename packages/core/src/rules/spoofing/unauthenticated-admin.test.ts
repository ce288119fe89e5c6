import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unauthenticated-admin.js';

const admin = (authenticated: boolean | undefined) =>
  build().external('U', { type: 'admin' }).process('K', { type: 'admin-console' }).flow('U', 'K', authenticated === undefined ? {} : { authenticated });

new RuleTester().run(rule, {
  valid: [
    { name: 'authenticated', model: admin(true).model() },
    { name: 'not stated', model: admin(undefined).model() },
  ],
  invalid: [{ name: 'an unauthenticated admin flow', model: admin(false).model(), findings: [{ messageId: 'default', elements: ['K'] }] }],
});
