import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './single-point-of-failure.js';

const m = (props: Record<string, boolean> = {}, availability: 'high' | 'medium' = 'high') =>
  build().store('D', { type: 'database', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Ledger', availability }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'redundant', model: m({ redundancy: true }) },
    { name: 'availability not critical', model: m({}, 'medium') },
    { name: 'a process that only passes the data on', model: build().process('W', { type: 'api', assets: { processed: ['A1'] } }).asset('A1', { availability: 'high' }).model() },
  ],
  invalid: [
    { name: 'stated single instance', model: m({ redundancy: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.redundancy'] }] },
  ],
});
