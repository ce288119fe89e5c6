import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './authorization-fails-open.js';

const calls = (props: Record<string, boolean>, authType = 'auth-service') =>
  build().process('A', { type: 'api', properties: { internet_facing: true, ...props } }).process('Z', { type: authType }).flow('A', 'Z', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'fails closed', model: calls({ fails_closed: true }).model() },
    { name: 'calls an ordinary API', model: calls({}, 'api').model() },
    { name: 'an internal caller, unstated', model: build().process('A', { type: 'api' }).process('Z', { type: 'auth-service' }).flow('A', 'Z').model() },
  ],
  invalid: [
    { name: 'exposed caller, unstated', model: calls({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.fails_closed'] }] },
    { name: 'stated fail-open towards an identity provider', model: build().process('A', { properties: { fails_closed: false } }).external('I', { type: 'identity-provider' }).flow('A', 'I').model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
  ],
});
