import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unencrypted-data-store.js';

const store = (props: Record<string, boolean>, classification: 'confidential' | 'public' = 'confidential') =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['X'] } }).asset('X', { classification });

new RuleTester().run(rule, {
  valid: [
    { name: 'encrypted at rest', model: store({ encrypted_at_rest: true }).model() },
    { name: 'only public data', model: store({ encrypted_at_rest: false }, 'public').model() },
  ],
  invalid: [
    { name: 'confidential data unencrypted', model: store({ encrypted_at_rest: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'encryption not stated', model: store({}).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.encrypted_at_rest'] }] },
  ],
});
