import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './nosql-injection.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: props }).store('D', { type: 'mongodb' }).flow('W', 'D');
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'safeguard stated', model: m({ input_validation: true }) },
    { name: 'no untrusted input reaches the service', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated missing', model: m({ input_validation: false }), findings: [{ messageId: 'default', elements: ['W', 'D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W', 'D'], unstated: ['W.input_validation'] }] },
  ],
});
