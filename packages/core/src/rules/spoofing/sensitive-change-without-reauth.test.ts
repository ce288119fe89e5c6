import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './sensitive-change-without-reauth.js';

const auth = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'auth-service', properties: props }).flow('U', 'A', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 're-authentication is required', model: auth({ reauthentication: true }).model() },
    { name: 'only services call the sign-in component', model: build().process('S', { type: 'api' }).process('A', { type: 'auth-service' }).flow('S', 'A').model() },
    { name: 'a component that signs no users in', model: build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: { reauthentication: false } }).flow('U', 'A').model() },
  ],
  invalid: [
    { name: 'stated not required', model: auth({ reauthentication: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'unstated asks', model: auth({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.reauthentication'] }] },
  ],
});
