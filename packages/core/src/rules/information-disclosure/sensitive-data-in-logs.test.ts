import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './sensitive-data-in-logs.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'logs redacted', model: build().process('S', { properties: { logs_sensitive_data: false } }).model() },
    { name: 'not stated', model: build().process('S').model() },
  ],
  invalid: [{ name: 'logs carry secrets', model: build().process('S', { properties: { logs_sensitive_data: true } }).model(), findings: [{ messageId: 'default', elements: ['S'] }] }],
});
