import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'untested-restores',
  meta: {
    title: 'Backups that have never been restored',
    category: 'denial-of-service',
    appliesTo: ['datastore', 'holds-data'],
    description:
      'Backups fail silently: the job backs up the wrong volume, the encryption key is lost with the primary, the restore takes days instead of hours, or ransomware deleted the backups too. Until a restore has been rehearsed, the recovery time and even the possibility of recovery are unknown.',
    references: { cwe: [1059], capec: [607], owasp: ['A06:2025'], asvs: ['V14.2.4'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Rehearse restores on a schedule into an isolated environment and measure the time against the recovery objective',
        acceptance: 'At least quarterly, the latest backup is restored into an isolated environment, checked for completeness, and the restore time recorded against the documented RTO/RPO; at least one copy is immutable or offline.',
        verification: 'The restore drill is an automated job whose last successful run is less than 90 days old; its checks compare row counts or checksums with production.',
      },
    ],
    falsePositives: ['Stores that can be rebuilt from another source of truth (caches, search indexes): state `restore_tested: true` with that justification.'],
    properties: ['restore_tested'],
  },
  messages: {
    default: '{{element}} is backed up, but no one knows whether or how fast it can be restored.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      const backups = ctx.property(c, 'backups');
      if (backups?.value !== true) continue;
      const gap = ctx.gap(c, 'restore_tested');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [backups, gap, ctx.sensitiveData(c, 2)] });
    }
  },
});
