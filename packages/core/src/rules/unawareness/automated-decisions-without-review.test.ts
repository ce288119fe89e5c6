import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './automated-decisions-without-review.js';

const m = (props: Record<string, boolean> = {}) => build().process('S', { type: 'service', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'people can have decisions reviewed', model: m({ automated_decisions: true, human_review: true }) },
    { name: 'no automated decisions', model: m({ automated_decisions: false }) },
    { name: 'not stated to decide (no question asked)', model: m({}) },
  ],
  invalid: [
    { name: 'stated: no review', model: m({ automated_decisions: true, human_review: false }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'review not stated asks', model: m({ automated_decisions: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.human_review'] }] },
  ],
});
