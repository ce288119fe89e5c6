import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './websocket-origin-check.js';

const socket = (props: Record<string, boolean>, extra: { authentication?: string; protocol?: string } = {}) =>
  build().external('B', { type: 'browser' }).process('S', { type: 'web-app', properties: props }).flow('B', 'S', { protocol: extra.protocol ?? 'wss', ...(extra.authentication ? { authentication: extra.authentication } : {}) });

new RuleTester().run(rule, {
  valid: [
    { name: 'origin checked', model: socket({ origin_check: true }).model() },
    { name: 'authenticated by an explicit bearer token', model: socket({}, { authentication: 'bearer-token' }).model() },
    { name: 'plain HTTPS, no socket', model: socket({}, { protocol: 'https' }).model() },
  ],
  invalid: [
    { name: 'cookie-authenticated socket, stated unchecked', model: socket({ origin_check: false }, { authentication: 'session-cookie' }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'unstated asks', model: socket({}).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.origin_check'] }] },
  ],
});
