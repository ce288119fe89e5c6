import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unthrottled-endpoint.js';

const edge = (props: Record<string, boolean>) => build().external('U', { type: 'browser' }).process('A', { type: 'api', properties: props }).flow('U', 'A');

new RuleTester().run(rule, {
  valid: [
    { name: 'rate limited', model: edge({ rate_limiting: true }).model() },
    { name: 'internal only', model: build().process('S').process('A', { properties: { rate_limiting: false } }).flow('S', 'A').model() },
    {
      name: 'throttled by the gateway in front',
      model: build().external('U').process('G', { type: 'api-gateway', properties: { rate_limiting: true, internet_facing: true } }).process('A', { properties: { internet_facing: true } }).flow('U', 'G').flow('G', 'A').model(),
    },
  ],
  invalid: [
    { name: 'public and unthrottled', model: edge({ rate_limiting: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'throttling not stated', model: edge({}).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.rate_limiting'] }] },
  ],
});
