import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './insecure-client-storage.js';

const m = (props: Record<string, boolean> = {}, stores = true) =>
  build()
    .external('M', { type: 'mobile-app', properties: props, ...(stores ? { assets: { stored: ['A1'] } } : {}) })
    .asset('A1', { name: 'Refresh token', type: 'session-token', classification: 'restricted' })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'keystore and encryption', model: m({ encrypted_at_rest: true }) },
    { name: 'stores nothing', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated plain', model: m({ encrypted_at_rest: false }), findings: [{ messageId: 'default', elements: ['M'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.encrypted_at_rest'] }] },
  ],
});
