import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unencrypted-data-store',
  meta: {
    title: 'Sensitive data stored unencrypted',
    category: 'information-disclosure',
    appliesTo: ['datastore'],
    description:
      'Confidential data kept unencrypted at rest is exposed to anyone who gets the disk, a snapshot, a backup copy or the storage account: stolen backups and mis-shared snapshots are a common source of breaches.',
    references: { cwe: [311, 312], capec: [37], owasp: ['A04:2025'], asvs: ['V14', 'V11'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Encrypt the store and its backups at rest with managed keys',
        acceptance: 'Storage encryption is on for the volume, database and every backup copy; keys are in a KMS with rotation and access logging.',
        verification: 'An infrastructure test (policy as code) fails on any unencrypted volume, bucket, database or snapshot of this store.',
      },
    ],
    falsePositives: ['Stores that hold only public data: classify the assets as public and the rule stops firing.'],
    properties: ['encrypted_at_rest'],
  },
  messages: {
    default: 'Whoever obtains the disk, a snapshot or a backup of {{element}} can read the data in it: it is not encrypted at rest.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (c.kind !== 'datastore') continue;
      const sensitive = ctx.dataAtLeast(c, 2);
      if (!sensitive) continue;
      const gap = ctx.gap(c, 'encrypted_at_rest');
      if (!gap) continue;
      // When nothing about its data is stated, what it is says why the question is asked.
      ctx.report({ element: c, messageId: 'default', facts: [sensitive.kind === 'unstated' ? ctx.capability(c, 'holds-data') : undefined, sensitive, gap] });
    }
  },
});
