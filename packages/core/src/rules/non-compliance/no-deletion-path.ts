import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'no-deletion-path',
  meta: {
    title: 'No way for people to have their personal data deleted',
    category: 'non-compliance',
    appliesTo: ['datastore'],
    description:
      'People whose data a store keeps cannot have it erased (right to erasure, GDPR art. 17; CCPA deletion requests): requests are handled by hand if at all, copies in backups and replicas are forgotten, and the organisation cannot show it complied.',
    references: { cwe: [359], owasp: ['A02:2025'], asvs: ['V14.3.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Provide an erasure path that reaches every copy',
        acceptance: 'A documented deletion request (self-service or support) removes or anonymises the person\'s records in this store and its replicas within the legal deadline, and backups expire within the retention period.',
        verification: 'A test creates a user with data in every store, runs the deletion flow and asserts no record with the user\'s identifiers remains.',
      },
    ],
    falsePositives: ['Stores holding only data the organisation must keep by law (e.g. invoices) still need the answer: state `deletion_path: true` and record the legal basis in the asset\'s retention.'],
    properties: ['deletion_path'],
  },
  messages: {
    default: 'People cannot have their personal data ({{assets}}) deleted from {{element}}.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      // Only stores written by our own processes (systems of record), not caches of someone else's data.
      if (!c.in.some((f) => f.source?.capabilities.has('executes-code'))) continue;
      const personal = personalAssets(ctx, c.stored);
      if (personal.length === 0) continue;
      const gap = ctx.gap(c, 'deletion_path');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: personal.join(', ') }, facts: [personalDataFact(ctx, c, personal, 'stores personal data'), gap], assets: personal });
    }
  },
});
