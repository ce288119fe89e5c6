import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './prototype-pollution.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('A', { type: 'api', properties: { deep_merges_input: true, ...props } });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'A', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'prototype keys rejected', model: m({ prototype_pollution_safe: true }) },
    { name: 'not reachable', model: m({}, false) },
    { name: 'no merging', model: m({ deep_merges_input: false }) },
  ],
  invalid: [
    { name: 'stated unsafe', model: m({ prototype_pollution_safe: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.prototype_pollution_safe'] }] },
  ],
});
