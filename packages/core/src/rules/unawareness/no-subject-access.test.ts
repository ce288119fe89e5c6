import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-subject-access.js';

const m = (props: Record<string, boolean> = {}, personal = true, writer = true) => {
  const b = build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Customer profile', personal_data: personal });
  if (writer) b.process('W', { type: 'api' }).flow('W', 'D', { data: ['A1'] });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'access requests are served', model: m({ data_access_requests: true }) },
    { name: 'no personal data stored', model: m({}, false) },
    { name: 'not a system of record (nothing of ours writes to it)', model: m({}, true, false) },
  ],
  invalid: [
    { name: 'stated: no access path', model: m({ data_access_requests: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_access_requests'] }] },
  ],
});
