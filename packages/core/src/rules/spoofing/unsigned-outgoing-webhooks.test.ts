import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unsigned-outgoing-webhooks.js';

const m = (props: Record<string, boolean> = {}) =>
  build().process('D', { type: 'webhook-dispatcher', properties: props }).external('R', { type: 'saas' }).flow('D', 'R', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'signed deliveries', model: m({ request_signing: true }) },
    { name: 'delivers to nobody outside', model: build().process('D', { type: 'webhook-dispatcher' }).model() },
  ],
  invalid: [
    { name: 'stated unsigned', model: m({ request_signing: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.request_signing'] }] },
  ],
});
