import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './ssrf.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: { fetches_urls: true, ...props } });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'allow-listed', model: m({ url_allowlist: true }) },
    { name: 'nobody outside can influence it', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated open', model: m({ url_allowlist: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.url_allowlist'] }] },
  ],
});
