import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-timeouts.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: props }).external('X', { type: 'payment-provider' }).flow('W', 'X', { protocol: 'https' });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'timeouts and breakers', model: m({ timeouts: true }) },
    { name: 'a batch job nobody waits on', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated none', model: m({ timeouts: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.timeouts'] }] },
  ],
});
