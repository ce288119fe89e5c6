import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './exposed-remote-administration.js';

const m = (flowProps: Record<string, boolean> = {}, protocol = 'ssh') =>
  build()
    .boundary('B1', { trust: 'high' })
    .external('A', { type: 'admin' })
    .process('H', { type: 'vm', boundary: 'B1' })
    .flow('A', 'H', { protocol, properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'through a bastion', model: m({ via_bastion: true }) },
    { name: 'not an administration protocol', model: m({}, 'https') },
  ],
  invalid: [
    { name: 'stated direct', model: m({ via_bastion: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'RDP, not stated', model: m({}, 'rdp'), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.via_bastion'] }] },
  ],
});
