import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './short-log-retention.js';

const logs = (props: Record<string, boolean>, sourceType = 'admin-console') => build().process('A', { type: sourceType }).store('L', { type: 'log-store', properties: props }).flow('A', 'L');

new RuleTester().run(rule, {
  valid: [
    { name: 'retention long enough', model: logs({ log_retention: true }).model() },
    { name: 'application logs only, unstated', model: logs({}, 'api').model() },
  ],
  invalid: [
    { name: 'admin events, unstated', model: logs({}).model(), findings: [{ messageId: 'default', elements: ['L'], unstated: ['L.log_retention'] }] },
    { name: 'stated too short', model: logs({ log_retention: false }, 'api').model(), findings: [{ messageId: 'default', elements: ['L'], unstated: [] }] },
  ],
});
