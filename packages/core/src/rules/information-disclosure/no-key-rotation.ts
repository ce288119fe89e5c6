import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'no-key-rotation',
  meta: {
    title: 'Keys and secrets are never rotated',
    category: 'information-disclosure',
    appliesTo: ['datastore', 'secrets-store'],
    description:
      'Keys and secrets in the store are never rotated. A key copied once — by a former employee, from a log, a laptop or a backup — keeps working indefinitely, and nobody can tell which data it exposed.',
    references: { cwe: [324, 798], owasp: ['A04:2025'], asvs: ['V11.2.1'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Rotate on a schedule and on suspicion',
        acceptance: 'Every key and secret has an owner and a maximum age (e.g. 90 days for credentials, yearly for data keys); rotation is automated; a runbook covers emergency rotation.',
        verification: 'A scheduled check lists secrets with their last rotation date and fails when any is older than its maximum age.',
      },
    ],
    properties: ['key_rotation'],
  },
  messages: {
    default: 'Keys and secrets in {{element}} may never be rotated.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('secrets-store')) {
      const gap = ctx.gap(c, 'key_rotation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'secrets-store'), gap] });
    }
  },
});
