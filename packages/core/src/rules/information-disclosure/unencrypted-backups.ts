import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unencrypted-backups',
  meta: {
    title: 'Backups of sensitive data are not encrypted',
    category: 'information-disclosure',
    appliesTo: ['datastore'],
    description:
      'A store with restricted data is backed up, but the backups or snapshots are not encrypted (or share keys and access with production). Backups are copied, kept long and guarded less; a leaked backup is a full breach.',
    references: { cwe: [311, 530], owasp: ['A02:2025', 'A04:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Encrypt backups with separately held keys',
        acceptance: 'Backups and snapshots are encrypted with keys in a KMS whose access differs from production\'s; backup storage is private, versioned and immutable for the retention period.',
        verification: 'A scheduled check lists the backups and asserts each is encrypted with the designated key and not publicly accessible.',
      },
    ],
    properties: ['backups_encrypted'],
  },
  messages: {
    default: 'Backups of {{element}} hold restricted data and may not be encrypted.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (ctx.prop(c, 'backups') !== true) continue;
      const sensitive = ctx.dataAtLeast(c, 3);
      if (!sensitive) continue;
      const gap = ctx.gap(c, 'backups_encrypted');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.property(c, 'backups'), sensitive, gap] });
    }
  },
});
