import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './admin-without-mfa.js';

const admin = (props: Record<string, boolean>) => build().process('A', { type: 'service', properties: { admin_interface: true, ...props } });

new RuleTester().run(rule, {
  valid: [
    { name: 'admins must use MFA', model: admin({ mfa_for_admins: true }).model() },
    { name: 'MFA for everyone, admin MFA not stated separately', model: admin({ mfa: true }).model() },
    { name: 'no admin functions', model: build().process('A', { properties: { mfa_for_admins: false } }).model() },
  ],
  invalid: [
    { name: 'stated without MFA', model: admin({ mfa_for_admins: false }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'an admin console type, unstated', model: build().process('K', { type: 'admin-console' }).model(), findings: [{ messageId: 'default', elements: ['K'], unstated: ['K.mfa_for_admins'] }] },
  ],
});
