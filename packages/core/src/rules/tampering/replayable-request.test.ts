import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './replayable-request.js';

const hook = (props: Record<string, boolean>, integrity: 'high' | 'low' = 'high') =>
  build().external('P', { type: 'payment-provider' }).process('S').asset('E', { integrity }).flow('P', 'S', { data: ['E'], properties: props });

new RuleTester().run(rule, {
  valid: [
    { name: 'deduplicated', model: hook({ idempotency_keys: true }).model() },
    { name: 'low-integrity data', model: hook({ idempotency_keys: false }, 'low').model() },
    { name: 'not stated', model: hook({}).model() },
  ],
  invalid: [{ name: 'webhook events not deduplicated', model: hook({ idempotency_keys: false }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] }],
});
