import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'admin-without-mfa',
  meta: {
    title: 'Administrators sign in without a second factor',
    category: 'spoofing',
    appliesTo: ['process', 'admin-interface'],
    description:
      'An administrator\'s password is the most valuable credential in the system and the one phishing kits aim at. Without a second factor, one phished or reused password hands over every account and setting the admin functions reach.',
    references: { cwe: [308], capec: [560, 98], owasp: ['A07:2025'], asvs: ['V6'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Require phishing-resistant MFA (passkeys or security keys) for every account with admin rights',
        acceptance: 'An account with an admin role cannot complete sign-in or reach an admin function without a second factor.',
        verification: 'A test signs in as an admin with the correct password only and expects the admin pages to stay unreachable.',
      },
    ],
    falsePositives: ['Admin functions reachable only from a staff network behind SSO with MFA: model that SSO and state `mfa_for_admins: true`.'],
    properties: ['mfa_for_admins'],
  },
  messages: {
    default: 'A phished or reused administrator password is enough to use the admin functions of {{element}}: there is no second factor.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('admin-interface')) {
      const gap = ctx.gap(c, 'mfa_for_admins');
      if (!gap) continue;
      if (gap.kind === 'unstated' && ctx.prop(c, 'mfa') === true) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'admin-interface'), gap, ctx.reach(c)] });
    }
  },
});
