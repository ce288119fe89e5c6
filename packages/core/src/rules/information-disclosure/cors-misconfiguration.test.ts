import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './cors-misconfiguration.js';

const m = (props: Record<string, boolean> = {}, authentication = 'session-cookie') =>
  build().external('B', { type: 'browser' }).process('A', { type: 'api', properties: props }).flow('B', 'A', { protocol: 'https', authentication }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'origins listed', model: m({ cors_restricted: true }) },
    { name: 'bearer tokens, no ambient cookies', model: m({ cors_restricted: false }, 'bearer-token') },
    { name: 'no CORS policy stated: browsers block cross-origin reads', model: m() },
  ],
  invalid: [
    { name: 'stated permissive', model: m({ cors_restricted: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
  ],
});
