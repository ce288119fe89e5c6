import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-audit-log.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'audit log stated', model: build().process('A', { type: 'auth-service', properties: { audit_logging: true } }).model() },
    { name: 'an ordinary service', model: build().process('S', { type: 'service' }).model() },
  ],
  invalid: [
    { name: 'sign-ins and admin actions unlogged', model: build().process('A', { type: 'auth-service', properties: { admin_interface: true, audit_logging: false } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'payments, logging not stated', model: build().process('P', { type: 'payment-service' }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.audit_logging'] }] },
  ],
});
