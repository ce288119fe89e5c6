import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unaudited-data-access',
  meta: {
    title: 'No record of who read restricted data',
    category: 'repudiation',
    appliesTo: ['datastore'],
    description:
      'When reads of restricted data (credentials, payment data, health records) leave no audit trail, a breach cannot be scoped: nobody can say whose records were taken, which breach-notification laws require, and an insider\'s bulk export goes unnoticed.',
    references: { cwe: [778], capec: [268], owasp: ['A09:2025'], asvs: ['V16'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Enable data-access auditing on the store and alert on bulk reads',
        acceptance: 'Reads and exports of restricted tables or buckets are logged with identity, query or object and row count; a bulk read above the threshold raises an alert.',
        verification: 'A test reads a restricted record with a test identity and asserts the audit entry; a bulk export in staging triggers the alert.',
      },
    ],
    properties: ['audit_logging'],
  },
  messages: {
    default: 'Reads of restricted data in {{element}} leave no record: a breach or an insider export cannot be scoped or proven.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (c.kind !== 'datastore') continue;
      const f = ctx.property(c, 'audit_logging');
      if (f?.value !== false) continue;
      const sensitive = ctx.dataAtLeast(c, 3);
      if (!sensitive) continue;
      ctx.report({ element: c, messageId: 'default', facts: [sensitive, f] });
    }
  },
});
