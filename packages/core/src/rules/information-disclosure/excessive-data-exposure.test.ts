import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './excessive-data-exposure.js';

const api = (props: Record<string, boolean>, classification: 'public' | 'confidential' = 'confidential') =>
  build().asset('P', { name: 'Profile', classification }).external('U', { type: 'browser' }).process('A', { type: 'api', properties: props }).flow('A', 'U', { protocol: 'https', data: ['P'] });

new RuleTester().run(rule, {
  valid: [
    { name: 'responses are filtered per endpoint', model: api({ response_filtering: true }).model() },
    { name: 'only public data goes back', model: api({}, 'public').model() },
    {
      name: 'a gateway passing responses through',
      model: build().asset('P', { classification: 'confidential' }).external('U', { type: 'browser' }).process('G', { type: 'api-gateway' }).flow('G', 'U', { data: ['P'] }).model(),
    },
    {
      name: 'confidential data goes to another service, not a user agent',
      model: build().asset('P', { classification: 'confidential' }).process('A', { type: 'api' }).process('B', { type: 'api' }).flow('A', 'B', { data: ['P'] }).model(),
    },
  ],
  invalid: [
    { name: 'stated unfiltered', model: api({ response_filtering: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    {
      name: 'a two-way flow from a mobile app, unstated',
      model: build().asset('P', { classification: 'restricted' }).external('M', { type: 'mobile-app' }).process('A', { type: 'rest-api' }).flow('M', 'A', { data: ['P'], bidirectional: true }).model(),
      findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.response_filtering'] }],
    },
  ],
});
