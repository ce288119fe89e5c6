import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './forged-request.js';

const partner = (flow: Record<string, unknown>, integrity: 'high' | 'medium' = 'high') =>
  build()
    .boundary('NET', { trust: 'untrusted' })
    .boundary('DC', { trust: 'high' })
    .external('P', { type: 'external-service', boundary: 'NET' })
    .process('G', { type: 'api-gateway', boundary: 'DC' })
    .asset('PAY', { integrity })
    .flow('P', 'G', { protocol: 'https', data: ['PAY'], authenticated: true, ...flow });

new RuleTester().run(rule, {
  valid: [
    { name: 'signed requests', model: partner({ authentication: 'api-key', properties: { request_signing: true } }).model() },
    { name: 'per-client certificates', model: partner({ authentication: 'mtls' }).model() },
    { name: 'low-integrity data', model: partner({ authentication: 'api-key' }, 'medium').model() },
  ],
  invalid: [
    { name: 'a shared API key, unsigned', model: partner({ authentication: 'api-key', properties: { request_signing: false } }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'a shared API key, signing not stated', model: partner({ authentication: 'API key' }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.request_signing'] }] },
  ],
});
