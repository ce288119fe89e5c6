import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-session-expiry.js';

const app = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('W', { type: 'web-app', properties: props }).flow('U', 'W', { authentication: 'session-cookie' });

new RuleTester().run(rule, {
  valid: [
    { name: 'sessions expire', model: app({ session_timeout: true }).model() },
    { name: 'not stated', model: app({}).model() },
  ],
  invalid: [{ name: 'sessions never expire', model: app({ session_timeout: false }).model(), findings: [{ messageId: 'default', elements: ['W'] }] }],
});
