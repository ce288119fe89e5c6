import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-security-headers.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'headers sent', model: build().process('W', { type: 'web-app', properties: { security_headers: true } }).model() },
    { name: 'an API, not a web app', model: build().process('A', { type: 'api', properties: { security_headers: false } }).model() },
  ],
  invalid: [{ name: 'headers missing', model: build().process('W', { type: 'web-server', properties: { security_headers: false } }).model(), findings: [{ messageId: 'default', elements: ['W'] }] }],
});
