import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-denial-of-service.js';

const calls = (target: (b: ReturnType<typeof build>) => ReturnType<typeof build>) => target(build().external('U')).flow('U', 'T');

new RuleTester().run(rule, {
  valid: [
    { name: 'rate limited', model: calls((b) => b.process('T', { properties: { rate_limiting: true } })).model() },
    { name: 'a store with redundancy', model: calls((b) => b.store('T', { properties: { redundancy: true } })).model() },
    {
      name: 'throttled by the gateway in front',
      model: build().boundary('DC', { trust: 'medium' }).external('U').process('G', { type: 'api-gateway', properties: { rate_limiting: true } }).process('T', { boundary: 'DC' }).flow('U', 'G').flow('G', 'T').model(),
    },
  ],
  invalid: [
    { name: 'a process says nothing about rate limits', model: calls((b) => b.process('T')).model(), findings: [{ messageId: 'process', elements: ['T', 'F1'], unstated: ['T.rate_limiting'] }] },
    { name: 'a store says nothing about redundancy', model: calls((b) => b.store('T')).model(), findings: [{ messageId: 'datastore', elements: ['T', 'F1'], unstated: ['T.redundancy'] }] },
  ],
});
