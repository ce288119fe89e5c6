import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './graphql-abuse.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('G', { type: 'graphql-api', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'G', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'limits stated', model: m({ query_complexity_limits: true }) },
    { name: 'internal only', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated unlimited', model: m({ query_complexity_limits: false }), findings: [{ messageId: 'default', elements: ['G'], unstated: [] }] },
    {
      name: 'graphql protocol on a plain API, not stated',
      model: build().external('U', { type: 'browser' }).process('G', { type: 'api' }).flow('U', 'G', { protocol: 'graphql' }).model(),
      findings: [{ messageId: 'default', elements: ['G'], unstated: ['G.query_complexity_limits'] }],
    },
  ],
});
