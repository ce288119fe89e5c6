import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'sensitive-data-in-logs',
  meta: {
    title: 'Secrets or personal data written to logs',
    category: 'information-disclosure',
    appliesTo: ['process', 'datastore'],
    description:
      'Logs are copied widely (log platforms, support tickets, developers\' laptops) and kept long. Passwords, tokens, card numbers or personal data written to them leak to everyone with log access and outlive every retention promise.',
    references: { cwe: [532, 359], capec: [215], owasp: ['A09:2025'], asvs: ['V16', 'V14'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Redact secrets and personal data before logging',
        acceptance: 'A logging filter masks authorization headers, cookies, passwords, tokens, card numbers and configured personal fields; request bodies are not logged by default.',
        verification: 'A test sends a request with a password, a bearer token and a card number and asserts none appears in the captured log output.',
      },
    ],
    properties: ['logs_sensitive_data'],
  },
  messages: {
    default: '{{element}} writes secrets or personal data to its logs, where everyone with log access can read them.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const f = ctx.property(c, 'logs_sensitive_data');
      if (f?.value !== true) continue;
      ctx.report({ element: c, messageId: 'default', facts: [f, ctx.sensitiveData(c, 2)] });
    }
  },
});
