import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'email-header-injection',
  meta: {
    title: 'E-mail header injection',
    category: 'tampering',
    appliesTo: ['process', 'sends-email'],
    description:
      'A process that outsiders reach puts their input (name, subject, reply-to) into e-mail headers. A line break in that input adds headers: extra recipients, a different body, or the system relaying spam and phishing under its own reputation.',
    references: { cwe: [93, 150], capec: [134], owasp: ['A05:2025'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Strip line breaks and validate addresses in header values',
        acceptance: 'Values placed in headers are validated (addresses against a strict pattern) and CR/LF removed; the mail library\'s structured API builds headers rather than string concatenation.',
        verification: 'A test submits a name containing CRLF followed by a Bcc header and asserts the sent message has exactly the intended recipients.',
      },
    ],
    properties: ['header_encoding'],
  },
  messages: {
    default: '{{element}} puts input from outside into e-mail headers sent through {{mailer}}.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code') || c.client) continue;
      const mail = c.out.find((f) => f.target?.capabilities.has('sends-email') ?? false);
      if (!mail) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'header_encoding');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { mailer: mail.target?.id ?? mail.id }, facts: [ctx.route(mail), reach, gap] });
    }
  },
});
