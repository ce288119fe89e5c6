import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './api-inventory.js';

const gw = (props: Record<string, boolean>, targetType = 'api') =>
  build().external('U', { type: 'browser' }).process('G', { type: 'api-gateway', properties: props }).process('A', { type: targetType }).flow('U', 'G', { protocol: 'https' }).flow('G', 'A');

new RuleTester().run(rule, {
  valid: [
    { name: 'inventory kept', model: gw({ api_inventory: true }).model() },
    { name: 'forwards to a web application only', model: gw({}, 'web-server').model() },
    { name: 'an internal gateway', model: build().process('S').process('G', { type: 'api-gateway' }).process('A', { type: 'api' }).flow('S', 'G').flow('G', 'A').model() },
  ],
  invalid: [
    { name: 'no inventory stated', model: gw({ api_inventory: false }).model(), findings: [{ messageId: 'default', elements: ['G'], unstated: [] }] },
    { name: 'unstated asks', model: gw({}).model(), findings: [{ messageId: 'default', elements: ['G'], unstated: ['G.api_inventory'] }] },
  ],
});
