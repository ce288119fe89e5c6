import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './expensive-queries.js';

const search = (props: Record<string, boolean>, storeType = 'search-index', apiType = 'api') =>
  build().external('U', { type: 'browser' }).process('A', { type: apiType, properties: props }).store('S', { type: storeType }).flow('U', 'A').flow('A', 'S');

new RuleTester().run(rule, {
  valid: [
    { name: 'throttled', model: search({ rate_limiting: true }).model() },
    { name: 'a plain REST API over a relational database', model: search({}, 'database').model() },
  ],
  invalid: [
    { name: 'public search without limits', model: search({ rate_limiting: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'GraphQL over a database, limits not stated', model: search({}, 'database', 'graphql-api').model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.rate_limiting'] }] },
  ],
});
