import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-system-prompt-leakage.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('A', { type: 'llm-app', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'A', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'stated: no secrets in the prompt', model: m({ secrets_in_prompt: false }) },
    { name: 'internal only, nothing stated', model: m({}, false) },
  ],
  invalid: [
    { name: 'secrets stated', model: m({ secrets_in_prompt: true }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'reachable, not stated', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.secrets_in_prompt'] }] },
  ],
});
