import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './device-fingerprinting.js';

const m = (props: Record<string, boolean> = {}) =>
  build().external('B', { type: 'browser' }).external('T', { type: 'analytics', properties: props }).flow('B', 'T', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'consent collected first', model: m({ fingerprinting: true, consent: true }) },
    { name: 'analytics that does not fingerprint', model: m({ fingerprinting: false }) },
    { name: 'fingerprinting not stated (analytics alone is not enough)', model: m() },
  ],
  invalid: [
    { name: 'stated: no consent', model: m({ fingerprinting: true, consent: false }), findings: [{ messageId: 'default', elements: ['T'], unstated: [] }] },
    { name: 'consent not stated asks', model: m({ fingerprinting: true }), findings: [{ messageId: 'default', elements: ['T'], unstated: ['T.consent'] }] },
  ],
});
