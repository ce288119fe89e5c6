import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './reflected-xss.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'encoded output', model: build().process('W', { type: 'web-app', properties: { output_encoding: true } }).model() },
    { name: 'user content (stored-xss covers it)', model: build().process('W', { type: 'web-app', properties: { output_encoding: false, renders_user_content: true } }).model() },
    { name: 'not stated', model: build().process('W', { type: 'web-app' }).model() },
  ],
  invalid: [{ name: 'no encoding', model: build().process('W', { type: 'web-app', properties: { output_encoding: false } }).model(), findings: [{ messageId: 'default', elements: ['W'] }] }],
});
