import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-deletion-path.js';

const m = (props: Record<string, boolean> = {}, personal = true, writer = true) => {
  const b = build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Customer profile', personal_data: personal });
  if (writer) b.process('W', { type: 'api' }).flow('W', 'D', { data: ['A1'] });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'deletion path stated', model: m({ deletion_path: true }) },
    { name: 'no personal data', model: m({}, false) },
    { name: 'nothing of ours writes to it', model: m({}, true, false) },
  ],
  invalid: [
    { name: 'stated: no deletion', model: m({ deletion_path: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.deletion_path'] }] },
  ],
});
