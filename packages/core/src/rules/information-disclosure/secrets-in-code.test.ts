import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './secrets-in-code.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'no secrets committed', model: build().process('S', { properties: { secrets_in_code: false } }).model() },
    { name: 'not stated', model: build().process('S').model() },
  ],
  invalid: [{ name: 'keys in the repository', model: build().process('S', { properties: { secrets_in_code: true } }).model(), findings: [{ messageId: 'default', elements: ['S'] }] }],
});
