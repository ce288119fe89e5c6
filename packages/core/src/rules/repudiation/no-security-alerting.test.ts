import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-security-alerting.js';

const logs = (props: Record<string, boolean>, sourceType = 'auth-service') => build().process('A', { type: sourceType }).store('L', { type: 'log-store', properties: props }).flow('A', 'L');

new RuleTester().run(rule, {
  valid: [
    { name: 'alerting in place', model: logs({ alerting: true }).model() },
    { name: 'application logs only, unstated', model: logs({}, 'api').model() },
  ],
  invalid: [
    { name: 'sign-in events, unstated', model: logs({}).model(), findings: [{ messageId: 'default', elements: ['L'], unstated: ['L.alerting'] }] },
    { name: 'stated no alerting', model: logs({ alerting: false }, 'api').model(), findings: [{ messageId: 'default', elements: ['L'], unstated: [] }] },
  ],
});
