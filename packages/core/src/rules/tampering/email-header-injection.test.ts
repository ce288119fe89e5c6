import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './email-header-injection.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: props }).external('E', { type: 'email-provider' }).flow('W', 'E', { protocol: 'https' });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'headers encoded', model: m({ header_encoding: true }) },
    { name: 'only internal input', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated raw', model: m({ header_encoding: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.header_encoding'] }] },
  ],
});
