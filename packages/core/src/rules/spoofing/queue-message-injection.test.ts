import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './queue-message-injection.js';

const m = (flowProps: { authenticated?: boolean } = {}, integrity: 'high' | 'low' = 'high') =>
  build()
    .process('P', { type: 'service' })
    .store('Q', { type: 'queue' })
    .asset('A1', { name: 'Order events', integrity })
    .flow('P', 'Q', { data: ['A1'], ...flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'producers authenticated', model: m({ authenticated: true }) },
    { name: 'low-integrity messages', model: m({}, 'low') },
    { name: 'undescribed messages from authenticated producers', model: build().process('P', { type: 'service' }).store('Q', { type: 'queue' }).flow('P', 'Q', { authenticated: true }).model() },
  ],
  invalid: [
    { name: 'stated unauthenticated', model: m({ authenticated: false }), findings: [{ messageId: 'default', elements: ['Q'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['Q'], unstated: ['F1.authenticated'] }] },
    { name: 'messages the model does not describe', model: build().process('P', { type: 'service' }).store('Q', { type: 'queue' }).flow('P', 'Q').model(), findings: [{ messageId: 'default', elements: ['Q'], unstated: ['F1.authenticated'] }] },
  ],
});
