import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-audit-log.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'audit log stated', model: build().process('A', { type: 'auth-service', properties: { audit_logging: true } }).model() },
    { name: 'an ordinary service', model: build().process('S', { type: 'service' }).model() },
    { name: 'an API only other services call', model: build().process('S', { type: 'service' }).process('A', { type: 'api' }).flow('S', 'A').model() },
    { name: 'an internet-facing API that keeps an audit log', model: build().external('U').process('A', { type: 'api', properties: { audit_logging: true } }).flow('U', 'A').model() },
  ],
  invalid: [
    { name: 'sign-ins and admin actions unlogged', model: build().process('A', { type: 'auth-service', properties: { admin_interface: true, audit_logging: false } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'an API the internet reaches, logging not stated', model: build().external('U').process('A', { type: 'api' }).flow('U', 'A').model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.audit_logging'] }] },
    { name: 'payments, logging not stated', model: build().process('P', { type: 'payment-service' }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.audit_logging'] }] },
  ],
});
