import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'public-object-store',
  meta: {
    title: 'Object storage readable by anyone',
    category: 'information-disclosure',
    appliesTo: ['datastore', 'object-store'],
    description:
      'A bucket or container that holds non-public data allows public (anonymous or any-authenticated-user) access. Public buckets are found by scanners within hours; backups, exports and uploads in them are read in bulk.',
    references: { cwe: [284, 200, 732], owasp: ['A01:2025', 'A02:2025'] },
    defaults: { likelihood: 4, impact: 4 },
    mitigations: [
      {
        title: 'Block public access and serve objects through signed URLs',
        acceptance: 'Account-level public access block is on; bucket policies grant access only to named roles; objects users need are served through short-lived signed URLs.',
        verification: 'A scheduled check (e.g. the cloud\'s access analyzer or an anonymous GET in a test) asserts no object in the bucket is readable without credentials.',
      },
    ],
    falsePositives: ['A bucket that serves only public assets (images, static site) is meant to be public: mark its assets `classification: public`.'],
    properties: ['public_access'],
  },
  messages: {
    default: 'Anyone may be able to read {{element}}, which holds non-public data.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('object-store')) {
      const sensitive = ctx.dataAtLeast(c, 1);
      if (!sensitive) continue;
      const gap = ctx.gap(c, 'public_access');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'object-store'), sensitive, gap] });
    }
  },
});
