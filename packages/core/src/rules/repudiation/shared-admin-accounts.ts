import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'shared-admin-accounts',
  meta: {
    title: 'Administrators share accounts',
    category: 'repudiation',
    appliesTo: ['process', 'admin-interface'],
    description:
      'Administrative functions are used through shared or generic accounts. Nobody can tell afterwards who changed a setting or read a record, leavers keep access until the password is changed, and a leaked shared password cannot be traced.',
    references: { cwe: [1391, 778], owasp: ['A09:2025', 'A07:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Personal administrator accounts through single sign-on',
        acceptance: 'Every administrator signs in with a personal account through SSO with MFA; generic accounts are disabled or vaulted for break-glass use with alerting; audit entries carry the person\'s identity.',
        verification: 'A test lists administrator accounts and asserts each maps to a person in the directory; signing in as the break-glass account raises an alert.',
      },
    ],
    properties: ['individual_accounts'],
  },
  messages: {
    default: 'Administrators of {{element}} may share accounts, so their actions cannot be attributed.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('admin-interface')) {
      const gap = ctx.gap(c, 'individual_accounts');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'admin-interface'), gap, ctx.property(c, 'audit_logging')] });
    }
  },
});
