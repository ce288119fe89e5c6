import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './account-enumeration.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('S', { type: 'auth-service', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'S', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'answers alike', model: m({ account_enumeration_protection: true }) },
    { name: 'not reachable from the internet', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: it tells', model: m({ account_enumeration_protection: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.account_enumeration_protection'] }] },
  ],
});
