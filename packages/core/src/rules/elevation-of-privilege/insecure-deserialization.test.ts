import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './insecure-deserialization.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'no native deserialisation', model: build().process('W', { properties: { deserializes_untrusted: false } }).model() },
    { name: 'not stated', model: build().process('W').model() },
  ],
  invalid: [{ name: 'deserialises a cookie', model: build().process('W', { type: 'web-app', properties: { deserializes_untrusted: true } }).model(), findings: [{ messageId: 'default', elements: ['W'] }] }],
});
