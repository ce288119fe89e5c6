import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './dom-xss.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('S', { type: 'spa', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'S', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'Trusted Types enforced', model: m({ trusted_types: true }) },
    { name: 'not reachable', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated not enforced', model: m({ trusted_types: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.trusted_types'] }] },
  ],
});
