import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-information-disclosure.js';

const calls = (flow: Record<string, unknown> = {}) => build().external('U', { type: 'browser' }).process('W', { type: 'web-app' }).flow('U', 'W', flow);

new RuleTester().run(rule, {
  valid: [
    { name: 'encrypted stated', model: calls({ encrypted: true }).model() },
    { name: 'an encrypting protocol answers it', model: calls({ protocol: 'https' }).model() },
    { name: 'a flow out of the system is not an entry', model: build().process('W').external('U').flow('W', 'U').model() },
  ],
  invalid: [
    { name: 'nothing said about encryption', model: calls().model(), findings: [{ messageId: 'default', elements: ['W', 'F1'], unstated: ['F1.encrypted'] }] },
    { name: 'a clear-text protocol confirms it', model: calls({ protocol: 'http' }).model(), findings: [{ messageId: 'default', elements: ['W', 'F1'], unstated: [] }] },
  ],
});
