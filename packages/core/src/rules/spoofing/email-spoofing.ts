import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'email-spoofing',
  meta: {
    title: 'Mail in the system\'s name can be forged',
    category: 'spoofing',
    appliesTo: ['sends-email'],
    description:
      'The system e-mails people (sign-up, password reset, receipts). If its sending domains do not publish SPF and DKIM and enforce DMARC, anyone can send convincing mail from the same address — the classic start of phishing for the accounts the system protects.',
    references: { cwe: [290, 451], capec: [98], owasp: ['A07:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Publish SPF and DKIM and enforce DMARC on every sending domain',
        acceptance: 'Each sending domain has an SPF record, DKIM signing on all outgoing mail and DMARC at p=quarantine or p=reject with reporting; unused domains publish a reject-all policy.',
        verification: 'A scheduled DNS check asserts the SPF, DKIM and DMARC records and fails if the DMARC policy drops to none.',
      },
    ],
    properties: ['email_authentication'],
  },
  messages: {
    default: 'Anyone can send e-mail that looks like it comes from {{element}}.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('sends-email')) {
      // Only mail that reaches people: the sender has a flow to a person or is itself the provider used by our processes.
      if (!c.in.some((f) => f.source?.capabilities.has('executes-code') ?? false)) continue;
      const gap = ctx.gap(c, 'email_authentication');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'sends-email'), gap] });
    }
  },
});
