import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './host-header-poisoning.js';

const m = (props: Record<string, boolean> = {}, mail = true) => {
  const b = build().external('U', { type: 'browser' }).process('A', { type: 'auth-service', properties: { password_reset: true, ...props } }).flow('U', 'A', { protocol: 'https' });
  if (mail) b.external('E', { type: 'email-provider' }).flow('A', 'E', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'canonical host configured', model: m({ canonical_host: true }) },
    { name: 'sends no e-mail', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: uses Host', model: m({ canonical_host: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.canonical_host'] }] },
  ],
});
