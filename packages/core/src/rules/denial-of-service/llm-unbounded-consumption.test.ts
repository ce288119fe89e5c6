import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-unbounded-consumption.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('A', { type: 'llm-app', properties: props }).external('M', { type: 'llm-provider' }).flow('A', 'M', { protocol: 'https' });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'A', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'quota stated', model: m({ usage_quota: true }) },
    { name: 'rate limited', model: m({ rate_limiting: true }) },
    { name: 'internal batch job', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: no quota', model: m({ usage_quota: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.usage_quota'] }] },
  ],
});
