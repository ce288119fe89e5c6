import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'account-enumeration',
  meta: {
    title: 'Anyone can learn whether a person has an account',
    category: 'detecting',
    appliesTo: ['process', 'authenticates-users', 'password-reset'],
    description:
      'Sign-in, sign-up or password reset answer differently (message, status code or timing) when an account exists. Anyone can then test whether a given person uses the service — revealing on its own for sensitive services — and build target lists for credential stuffing and phishing.',
    references: { cwe: [204, 203], capec: [575], owasp: ['A07:2025'], asvs: ['V6.3.8'] },
    defaults: { likelihood: 4, impact: 2 },
    mitigations: [
      {
        title: 'Answer alike whether or not the account exists',
        acceptance: 'Sign-in, sign-up and reset return the same message, status and (within noise) timing for existing and unknown accounts; the real outcome is sent by e-mail.',
        verification: 'A test calls each endpoint for an existing and an unknown address and asserts identical responses, and that the response-time difference stays under a set threshold over 50 runs.',
      },
    ],
    properties: ['account_enumeration_protection'],
  },
  messages: {
    default: '{{element}} may tell anyone whether a given person has an account.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const auth = ctx.capability(c, 'authenticates-users') ?? ctx.capability(c, 'password-reset');
      if (!auth) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'account_enumeration_protection');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [auth, reach, gap] });
    }
  },
});
