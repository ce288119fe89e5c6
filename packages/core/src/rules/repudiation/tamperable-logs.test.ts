import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './tamperable-logs.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'append-only logs', model: build().store('L', { type: 'log-store', properties: { log_integrity: true } }).model() },
    { name: 'not a log store', model: build().store('D', { type: 'database' }).model() },
  ],
  invalid: [
    { name: 'logs can be rewritten', model: build().store('L', { type: 'siem', properties: { log_integrity: false } }).model(), findings: [{ messageId: 'default', elements: ['L'], unstated: [] }] },
    { name: 'integrity not stated', model: build().store('L', { type: 'log-store' }).model(), findings: [{ messageId: 'default', elements: ['L'], unstated: ['L.log_integrity'] }] },
  ],
});
