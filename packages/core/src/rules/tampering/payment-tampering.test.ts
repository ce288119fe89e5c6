import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './payment-tampering.js';

const payments = (props: Record<string, boolean>, integrity: 'high' | 'low' = 'high') =>
  build()
    .external('M', { type: 'mobile-app' })
    .process('G', { type: 'api-gateway', properties: { internet_facing: true } })
    .process('P', { type: 'payment-service', properties: props })
    .asset('PAY', { integrity })
    .flow('M', 'G', { protocol: 'https', data: ['PAY'] })
    .flow('G', 'P', { protocol: 'https', data: ['PAY'] });

new RuleTester().run(rule, {
  valid: [
    { name: 'instructions are signed', model: payments({ request_signing: true }).model() },
    { name: 'no high-integrity data arrives', model: payments({ request_signing: false }, 'low').model() },
  ],
  invalid: [
    { name: 'unsigned instructions through the gateway', model: payments({ request_signing: false, idempotency_keys: true }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    { name: 'signing not stated', model: payments({}).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.request_signing', 'P.idempotency_keys'] }] },
  ],
});
