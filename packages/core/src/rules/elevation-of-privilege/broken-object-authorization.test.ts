import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './broken-object-authorization.js';

const api = (props: Record<string, boolean>, flow: Record<string, unknown> = {}) =>
  build().external('M', { type: 'mobile-app' }).process('P', { type: 'payment-service', properties: props }).flow('M', 'P', { authenticated: true, ...flow });

new RuleTester().run(rule, {
  valid: [
    { name: 'object-level checks stated', model: api({ object_level_authorization: true }, { authorized: false }).model() },
    { name: 'nothing stated', model: api({}).model() },
    { name: 'not reachable from outside', model: build().process('S').process('P', { properties: { object_level_authorization: false } }).flow('S', 'P').model() },
  ],
  invalid: [
    { name: 'stated missing', model: api({ object_level_authorization: false }).model(), findings: [{ messageId: 'default', elements: ['P'] }] },
    { name: 'an authenticated flow that is not authorised', model: api({}, { authorized: false }).model(), findings: [{ messageId: 'default', elements: ['P'] }] },
  ],
});
