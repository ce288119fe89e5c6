import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './email-spoofing.js';

const m = (props: Record<string, boolean> = {}) => build().process('W', { type: 'api' }).external('E', { type: 'email-provider', properties: props }).flow('W', 'E', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'DMARC enforced', model: m({ email_authentication: true }) },
    { name: 'nothing of ours sends through it', model: build().external('E', { type: 'email-provider' }).model() },
  ],
  invalid: [
    { name: 'stated: no DMARC', model: m({ email_authentication: false }), findings: [{ messageId: 'default', elements: ['E'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['E'], unstated: ['E.email_authentication'] }] },
  ],
});
