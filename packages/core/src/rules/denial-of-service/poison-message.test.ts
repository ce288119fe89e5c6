import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './poison-message.js';

const m = (props: Record<string, boolean> = {}) => build().store('Q', { type: 'kafka' }).process('C', { type: 'worker', properties: props }).flow('Q', 'C').model();

new RuleTester().run(rule, {
  valid: [
    { name: 'dead-letter queue', model: m({ dead_letter_queue: true }) },
    { name: 'nothing consumes the queue', model: build().store('Q', { type: 'queue' }).model() },
  ],
  invalid: [
    { name: 'stated none', model: m({ dead_letter_queue: false }), findings: [{ messageId: 'default', elements: ['C'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['C'], unstated: ['C.dead_letter_queue'] }] },
  ],
});
