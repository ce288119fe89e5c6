import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './session-fixation.js';

const app = (props: Record<string, boolean>, authentication = 'session-cookie') =>
  build().external('U', { type: 'browser' }).process('W', { type: 'web-app', properties: props }).flow('U', 'W', { protocol: 'https', authenticated: true, authentication });

new RuleTester().run(rule, {
  valid: [
    { name: 'session rotated at sign-in', model: app({ session_rotation: true }).model() },
    { name: 'no browser sessions (bearer tokens)', model: app({ session_rotation: false }, 'bearer-token').model() },
  ],
  invalid: [
    { name: 'session kept across sign-in', model: app({ session_rotation: false }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    {
      name: 'a session token asset through an auth service, unstated',
      model: build().external('U', { type: 'browser' }).process('A', { type: 'auth-service' }).asset('S', { type: 'session-token' }).flow('U', 'A', { data: ['S'] }).model(),
      findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.session_rotation'] }],
    },
  ],
});
