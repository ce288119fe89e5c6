import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './subdomain-takeover.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'DNS monitored', model: build().store('S', { type: 'object-store', properties: { custom_domain: true, dangling_dns_monitoring: true } }).model() },
    { name: 'no custom domain', model: build().external('C', { type: 'third-party-script' }).model() },
  ],
  invalid: [
    { name: 'a bucket website under our domain, unstated', model: build().store('S', { type: 'object-store', properties: { custom_domain: true } }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.dangling_dns_monitoring'] }] },
    { name: 'a SaaS page under our domain, stated unmonitored', model: build().external('H', { type: 'external-service', properties: { custom_domain: true, dangling_dns_monitoring: false } }).model(), findings: [{ messageId: 'default', elements: ['H'], unstated: [] }] },
  ],
});
