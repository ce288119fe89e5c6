import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './session-hijacking.js';

const app = (props: Record<string, boolean>) =>
  build().external('U', { type: 'browser' }).process('W', { type: 'web-app', properties: props }).flow('U', 'W', { protocol: 'https', authentication: 'session-cookie' });

new RuleTester().run(rule, {
  valid: [
    { name: 'bound sessions with hardened cookies', model: app({ session_binding: true, secure_cookies: true }).model() },
    { name: 'nothing stated', model: app({}).model() },
  ],
  invalid: [
    { name: 'sessions not bound', model: app({ session_binding: false }).model(), findings: [{ messageId: 'default', elements: ['W'] }] },
    { name: 'cookies without Secure/HttpOnly/SameSite', model: app({ session_binding: true, secure_cookies: false }).model(), findings: [{ messageId: 'default', elements: ['W'] }] },
  ],
});
