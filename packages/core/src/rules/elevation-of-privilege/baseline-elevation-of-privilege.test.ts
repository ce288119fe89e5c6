import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-elevation-of-privilege.js';

const calls = (flow: Record<string, unknown> = {}) => build().external('U').process('API', { type: 'api' }).flow('U', 'API', flow);

new RuleTester().run(rule, {
  valid: [
    { name: 'every request authorised', model: calls({ authorized: true }).model() },
    { name: 'no entry point', model: build().process('A').process('API').flow('A', 'API').model() },
  ],
  invalid: [
    { name: 'nothing said about authorisation', model: calls().model(), findings: [{ messageId: 'default', elements: ['API', 'F1'], unstated: ['F1.authorized'] }] },
    { name: 'stated unauthorised', model: calls({ authorized: false }).model(), findings: [{ messageId: 'default', elements: ['API', 'F1'], unstated: [] }] },
  ],
});
