import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './regex-dos.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('S', { type: 'api', properties: { evaluates_user_regex: true, ...props } });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'S', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'linear-time engine', model: m({ safe_regex: true }) },
    { name: 'not reachable', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated backtracking', model: m({ safe_regex: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.safe_regex'] }] },
  ],
});
