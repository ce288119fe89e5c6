import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'reset-token-leakage',
  meta: {
    title: 'Password-reset token leakage',
    category: 'information-disclosure',
    appliesTo: ['process', 'password-reset'],
    description:
      'A password-reset link is a temporary password. Tokens that live long, can be used more than once, or travel in URLs end up in e-mail click-tracking redirectors, proxy and server logs, browser history and Referer headers sent to third parties, where anyone who reads them can take over the account.',
    references: { cwe: [640, 598], capec: [50], owasp: ['A07:2025'], asvs: ['V6'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Single-use, short-lived reset tokens that never leak from the reset page',
        acceptance: 'Tokens expire within 30 minutes, are invalidated on use and on a new request, are stored hashed, and the reset page sends Referrer-Policy: no-referrer and loads no third-party resources; click tracking is off for reset e-mails.',
        verification: 'A test uses a reset token twice and expects the second use to fail; a header test checks Referrer-Policy on the reset page.',
      },
    ],
    falsePositives: ['Reset by one-time code typed into the page (not a link) keeps the token out of URLs: state `reset_token_single_use: true`.'],
    properties: ['reset_token_single_use'],
  },
  messages: {
    default: 'Password-reset tokens of {{element}} can leak (logs, Referer headers, click tracking) and be used to take over accounts.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('password-reset')) {
      const gap = ctx.gap(c, 'reset_token_single_use');
      if (!gap) continue;
      const mail = c.out.find((f) => f.target?.capabilities.has('sends-email'));
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'password-reset'), gap, mail ? ctx.route(mail) : undefined] });
    }
  },
});
