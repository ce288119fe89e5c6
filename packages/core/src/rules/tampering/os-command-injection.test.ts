import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './os-command-injection.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'service', properties: { runs_shell_commands: true, ...props } });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'safeguard stated', model: m({ input_validation: true }) },
    { name: 'no untrusted input reaches it', model: m({}, false) },
    { name: 'the sink is not there', model: m({ runs_shell_commands: false }) },
  ],
  invalid: [
    { name: 'stated missing', model: m({ input_validation: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.input_validation'] }] },
  ],
});
