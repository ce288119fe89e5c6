import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './tokens-in-browser-storage.js';

const m = (props: Record<string, boolean> = {}, authentication = 'bearer-token') =>
  build().process('S', { type: 'spa', properties: props }).process('A', { type: 'api' }).flow('S', 'A', { protocol: 'https', authentication }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'HttpOnly cookies', model: m({ httponly_token_storage: true }) },
    { name: 'cookie sessions', model: m({}, 'session-cookie') },
  ],
  invalid: [
    { name: 'stated localStorage', model: m({ httponly_token_storage: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.httponly_token_storage'] }] },
  ],
});
