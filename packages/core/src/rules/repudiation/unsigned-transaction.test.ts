import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unsigned-transaction.js';

const partner = (flow: Record<string, unknown>, type = 'external-service') =>
  build().external('P', { type }).process('S', { type: 'payment-service' }).asset('PAY', { integrity: 'high' }).flow('P', 'S', { protocol: 'https', data: ['PAY'], ...flow });

new RuleTester().run(rule, {
  valid: [
    { name: 'signed requests', model: partner({ authentication: 'api-key', properties: { request_signing: true } }).model() },
    { name: 'per-client OAuth tokens', model: partner({ authenticated: true, authentication: 'oauth2-client-credentials' }).model() },
    { name: 'a person using a browser', model: partner({ authenticated: false }, 'browser').model() },
  ],
  invalid: [
    { name: 'shared API key, unsigned', model: partner({ authentication: 'api-key', properties: { request_signing: false } }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'unauthenticated system, signing unstated', model: partner({ authenticated: false }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.request_signing'] }] },
  ],
});
