import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './container-breakout.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('K', { type: 'kubernetes', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'K', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'hardened', model: m({ containers_hardened: true }) },
    { name: 'not reachable', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated privileged', model: m({ containers_hardened: false }), findings: [{ messageId: 'default', elements: ['K'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['K'], unstated: ['K.containers_hardened'] }] },
  ],
});
