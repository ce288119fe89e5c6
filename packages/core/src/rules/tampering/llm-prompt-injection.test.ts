import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-prompt-injection.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('A', { type: 'llm-app', properties: props }).external('M', { type: 'llm-provider' }).flow('A', 'M', { protocol: 'https' });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'A', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'defences stated', model: m({ prompt_injection_defenses: true }) },
    { name: 'nobody outside reaches it', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated: no defences', model: m({ prompt_injection_defenses: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.prompt_injection_defenses'] }] },
  ],
});
