import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'host-header-poisoning',
  meta: {
    title: 'Links in e-mails built from the request\'s Host header',
    category: 'tampering',
    appliesTo: ['process', 'password-reset', 'sends-email'],
    description:
      'A process that e-mails links (password reset, invitations, verification) builds them from the incoming Host header. An attacker requests a reset for the victim with a forged Host; the victim receives a genuine e-mail whose link points at the attacker\'s server and hands over the token on click.',
    references: { cwe: [640, 644], capec: [141], owasp: ['A07:2025'], asvs: ['V6.4.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Build absolute links from configuration and reject unknown Host headers',
        acceptance: 'Links in e-mails use a configured canonical origin; the application (or the proxy in front) rejects requests whose Host is not in an allow-list.',
        verification: 'A test requests a password reset with Host: attacker.example and X-Forwarded-Host variants and asserts the e-mailed link still points at the canonical origin.',
      },
    ],
    properties: ['canonical_host'],
  },
  messages: {
    default: '{{element}} e-mails links that an attacker may point at their own server through the Host header.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code')) continue;
      const mails = c.out.find((f) => f.target?.capabilities.has('sends-email') ?? false) ?? (c.capabilities.has('sends-email') ? c.out[0] : undefined);
      const reset = ctx.capability(c, 'password-reset');
      if (!mails || !reset) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'canonical_host');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [reset, ctx.route(mails), reach, gap] });
    }
  },
});
