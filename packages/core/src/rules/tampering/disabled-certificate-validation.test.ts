import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './disabled-certificate-validation.js';

const m = (props: Record<string, boolean> = {}, flowProps: Record<string, boolean> = {}) =>
  build().process('W', { type: 'service', properties: props }).external('X', { type: 'saas' }).flow('W', 'X', { protocol: 'https', properties: flowProps }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'stated verified', model: m({ tls_verification_disabled: false }) },
    { name: 'nothing stated', model: m() },
  ],
  invalid: [
    { name: 'stated on the service', model: m({ tls_verification_disabled: true }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'stated on the flow', model: m({}, { tls_verification_disabled: true }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
  ],
});
