import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-spoofing.js';

const edge = () => build().boundary('NET', { name: 'Internet' }).boundary('DC', { trust: 'medium' }).external('U', { boundary: 'NET' }).process('API', { type: 'api', boundary: 'DC' });

new RuleTester().run(rule, {
  valid: [
    { name: 'the sender is authenticated', model: edge().flow('U', 'API', { authenticated: true }).model() },
    { name: 'the authentication method is stated', model: edge().flow('U', 'API', { authentication: 'bearer-token' }).model() },
    { name: 'a flow inside one zone is no entry point', model: build().process('A').process('B').flow('A', 'B').model() },
    { name: 'the baseline is off', model: edge().flow('U', 'API').with('rules', { baseline: 'off' }).model() },
    { name: 'a client is not a target', model: build().process('API', { type: 'api' }).external('U', { type: 'browser' }).flow('API', 'U').model() },
    { name: 'an out-of-scope target is not analysed', model: build().external('U').process('API', { out_of_scope: true, reason: 'not ours' }).flow('U', 'API').model() },
  ],
  invalid: [
    {
      name: 'a client calls with nothing said about authentication',
      model: edge().flow('U', 'API').model(),
      findings: [{ messageId: 'default', elements: ['API', 'F1'], unstated: ['F1.authenticated'] }],
    },
    {
      name: 'one entry per target, listing every open flow and not the answered one',
      model: edge().external('P', { type: 'payment-provider' }).external('Q').flow('U', 'API').flow('P', 'API', { authenticated: true }).flow('Q', 'API').model(),
      findings: [{ messageId: 'default', elements: ['API', 'F1', 'F3'], unstated: ['F1.authenticated', 'F3.authenticated'] }],
    },
    {
      name: 'every flow with `all`, also inside one zone',
      model: build().process('A').process('B').flow('A', 'B').with('rules', { baseline: 'all' }).model(),
      findings: [{ messageId: 'default', elements: ['B', 'F1'], unstated: ['F1.authenticated'] }],
    },
    {
      name: 'a boundary drawn across the flow makes it an entry point',
      model: build().boundary('LINE', { name: 'Partner link' }).process('A').process('B').flow('A', 'B', { crosses: ['LINE'] }).model(),
      findings: [{ messageId: 'default', elements: ['B', 'F1'], unstated: ['F1.authenticated'] }],
    },
    {
      name: 'stated unauthenticated: confirmed, no question',
      model: edge().flow('U', 'API', { authenticated: false }).model(),
      findings: [{ messageId: 'default', elements: ['API', 'F1'], unstated: [] }],
    },
  ],
});
