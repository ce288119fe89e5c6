import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './secrets-store-overexposed.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().store('V', { type: 'vault', properties: props }).process('W', { type: 'api' }).flow('V', 'W');
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'scoped per service', model: m({ least_privilege: true }) },
    { name: 'only internal readers', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated broad', model: m({ least_privilege: false }), findings: [{ messageId: 'default', elements: ['V'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['V'], unstated: ['V.least_privilege'] }] },
  ],
});
