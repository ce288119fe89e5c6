import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unencrypted-data-store.js';

const store = (props: Record<string, boolean>, classification: 'confidential' | 'public' = 'confidential') =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['X'] } }).asset('X', { classification });
// No assets on the store: its data is only what its properties (or the flows into it) say.
const bare = (props: Record<string, boolean | string> = {}) => build().store('D', { type: 'database', properties: props });

new RuleTester().run(rule, {
  valid: [
    { name: 'encrypted at rest', model: store({ encrypted_at_rest: true }).model() },
    { name: 'only public data', model: store({ encrypted_at_rest: false }, 'public').model() },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', encrypted_at_rest: false }).model() },
    { name: 'no assets, stated internal data (below confidential)', model: bare({ data_sensitivity: 'internal', encrypted_at_rest: false }).model() },
    {
      name: 'no assets stored, but the flow into it carries only internal data: known, not asked',
      model: bare({ encrypted_at_rest: false }).process('W', { type: 'web-app' }).asset('X', { classification: 'internal' }).flow('W', 'D', { protocol: 'sql', data: ['X'] }).model(),
    },
  ],
  invalid: [
    { name: 'confidential data unencrypted', model: store({ encrypted_at_rest: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'encryption not stated', model: store({}).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.encrypted_at_rest'] }] },
    { name: 'data not described asks what D holds', model: bare({ encrypted_at_rest: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity'] }] },
    { name: 'no assets, stated confidential data unencrypted', model: bare({ data_sensitivity: 'confidential', encrypted_at_rest: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
