import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'no-retention-policy',
  meta: {
    title: 'Personal data kept without a retention period',
    category: 'non-compliance',
    appliesTo: ['datastore'],
    description:
      'A store keeps personal data with no defined and enforced retention period, so it grows forever: every breach exposes more people, and storage limitation (GDPR art. 5(1)(e)) is not met.',
    references: { cwe: [359], owasp: ['A02:2025'], asvs: ['V14.2.7'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Define a retention period per kind of personal data and delete or anonymise on schedule',
        acceptance: 'Each personal-data asset has a documented retention period; a scheduled job deletes or anonymises records older than it; the job\'s runs are monitored.',
        verification: 'A test seeds records older than the retention period, runs the retention job and asserts they are gone (or anonymised) while newer ones remain.',
      },
    ],
    falsePositives: ['When every personal asset in the store states its `retention`, the rule stays silent; state `retention_policy: true` when it is enforced by the store itself (TTL, lifecycle rule).'],
    properties: ['retention_policy'],
  },
  messages: {
    default: '{{element}} keeps personal data ({{assets}}) with no enforced retention period.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      // Assets that state their own retention are covered.
      const personal = personalAssets(ctx, c.stored).filter((id) => ctx.graph.assets.get(id)?.asset.retention === undefined);
      if (personal.length === 0) continue;
      const gap = ctx.gap(c, 'retention_policy');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: personal.join(', ') }, facts: [personalDataFact(ctx, c, personal, 'stores personal data'), gap], assets: personal });
    }
  },
});
