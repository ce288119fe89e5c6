import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './verbose-errors.js';

const exposed = (props: Record<string, boolean>, classification: 'restricted' | 'internal' = 'restricted') =>
  build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: props }).asset('X', { classification }).flow('U', 'A', { data: ['X'] });

new RuleTester().run(rule, {
  valid: [
    { name: 'generic errors stated', model: exposed({ verbose_errors: false }).model() },
    { name: 'unstated on an internal service', model: build().process('S').process('A', { type: 'api' }).flow('S', 'A').model() },
    { name: 'unstated where only internal data is at stake', model: exposed({}, 'internal').model() },
  ],
  invalid: [
    { name: 'stated verbose, even internal', model: build().process('S').process('A', { properties: { verbose_errors: true } }).flow('S', 'A').model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'unstated on an exposed API with restricted data', model: exposed({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.verbose_errors'] }] },
    {
      name: 'unstated on an exposed API whose data is not described asks both',
      model: build().external('U', { type: 'browser' }).process('A', { type: 'api' }).flow('U', 'A').model(),
      findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.verbose_errors', 'A.data_sensitivity'] }],
    },
  ],
});
