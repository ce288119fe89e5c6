import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-backups',
  meta: {
    title: 'Data loss without tested backups',
    category: 'denial-of-service',
    appliesTo: ['datastore'],
    description:
      'Data whose availability matters, kept without backups (or with backups never restored in a test), is one ransomware run, faulty migration, deleted bucket or compromised admin away from being gone for good.',
    references: { cwe: [1188, 404], capec: [607], owasp: ['A06:2025'], asvs: ['V14'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Back up to a separate account with immutable retention, and test restores',
        acceptance: 'Backups run at least daily to storage the production credentials cannot delete; a restore is rehearsed every quarter within the recovery time objective.',
        verification: 'A scheduled job restores the latest backup into a scratch environment and checks row counts and a checksum.',
      },
    ],
    falsePositives: ['Caches and queues that can be rebuilt from another store: set the asset\'s availability to low, or record a not-applicable decision.'],
    properties: ['backups'],
  },
  messages: {
    default: 'If {{element}} is deleted, corrupted or encrypted by ransomware, its data cannot be restored.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (c.kind !== 'datastore') continue;
      let vital: string | undefined;
      for (const a of c.stored) {
        if (ctx.graph.assets.get(a)?.asset.availability === 'high') {
          vital = a;
          break;
        }
      }
      if (vital === undefined) continue;
      const gap = ctx.gap(c, 'backups');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.fact(c, 'stores high-availability asset', `${ctx.graph.assets.get(vital)?.asset.name ?? vital} (${vital})`), gap] });
    }
  },
});
