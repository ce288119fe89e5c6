import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'tamperable-logs',
  meta: {
    title: 'Logs that can be altered or deleted',
    category: 'repudiation',
    appliesTo: ['datastore', 'log-store'],
    description:
      'Audit logs kept where the systems they record (or their administrators) can change or delete them are worthless as evidence: an intruder erases their traces and an insider rewrites history.',
    references: { cwe: [117, 779], capec: [93, 268], owasp: ['A09:2025'], asvs: ['V16'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Ship logs off-host to append-only (WORM) storage with separate administration',
        acceptance: 'Log storage has object lock or equivalent retention; no production role can delete or overwrite entries.',
        verification: 'A test with the application\'s role tries to delete a log object and expects AccessDenied.',
      },
    ],
    falsePositives: ['Operational logs that are not used as evidence: record a not-applicable decision.'],
    properties: ['log_integrity'],
  },
  messages: {
    default: 'Records in {{element}} can be altered or deleted by the systems they record: intrusions and disputed actions cannot be proven.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('log-store')) {
      const gap = ctx.gap(c, 'log_integrity');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'log-store'), gap] });
    }
  },
});
