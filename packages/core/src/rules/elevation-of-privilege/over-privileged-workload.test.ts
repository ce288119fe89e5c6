import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './over-privileged-workload.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('L', { type: 'lambda', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'L', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'least privilege stated', model: m({ least_privilege: true }) },
    { name: 'not reachable', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated broad', model: m({ least_privilege: false }), findings: [{ messageId: 'default', elements: ['L'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['L'], unstated: ['L.least_privilege'] }] },
  ],
});
