import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './data-store-exposed-to-internet.js';

const m = (props: Record<string, boolean> = {}, direct = true) => {
  const b = build().external('U', { type: 'browser' }).store('D', { type: 'redis', properties: props });
  if (direct) b.flow('U', 'D');
  else b.process('W', { type: 'api' }).flow('U', 'W', { protocol: 'https' }).flow('W', 'D');
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'behind an application', model: m({}, false) },
    { name: 'stated segmented', model: m({ network_segmentation: true }) },
  ],
  invalid: [
    { name: 'direct, stated flat', model: m({ network_segmentation: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'direct, not stated', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.network_segmentation'] }] },
  ],
});
