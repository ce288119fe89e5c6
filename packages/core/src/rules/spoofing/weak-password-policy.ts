import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'weak-password-policy',
  meta: {
    title: 'Known-breached and common passwords accepted',
    category: 'spoofing',
    appliesTo: ['process', 'authenticates-users'],
    description:
      'Users pick passwords that are already in attackers\' lists ("Summer2024!", passwords from earlier breaches). A sign-up, change or reset that accepts them leaves those accounts one guess away from takeover, whatever the throttling.',
    references: { cwe: [521], capec: [16, 49], owasp: ['A07:2025'], asvs: ['V6'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Refuse passwords found in breach corpuses and common-password lists (NIST SP 800-63B)',
        acceptance: 'Sign-up, change and reset check the new password against a breached-password service (k-anonymity range queries) and a common-password list, and explain the refusal.',
        verification: 'A test sets "Password1!" and a password from a breach list and expects both to be refused with an explanation.',
      },
    ],
    falsePositives: ['Passwordless sign-in (passkeys, magic links only): state `breached_password_check: true` with that justification.'],
    properties: ['breached_password_check'],
  },
  messages: {
    default: '{{element}} accepts passwords that already appear in breach lists: those accounts fall to the first guesses of an attacker.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('authenticates-users')) {
      const f = ctx.property(c, 'breached_password_check');
      if (f?.value !== false) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'authenticates-users'), f] });
    }
  },
});
