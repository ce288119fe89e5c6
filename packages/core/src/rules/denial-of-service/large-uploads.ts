import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'large-uploads',
  meta: {
    title: 'Resource exhaustion through large uploads',
    category: 'denial-of-service',
    appliesTo: ['process', 'accepts-uploads'],
    description:
      'Uploads without size limits (or with limits checked only after buffering) let a client fill memory, disk or storage quota with a few requests, including decompression bombs that expand far beyond what was sent.',
    references: { cwe: [400, 409, 770], capec: [130], owasp: ['API4:2023'], asvs: ['V5'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Cap request and upload sizes before reading the body, and limit decompressed size and file count',
        acceptance: 'The server refuses bodies above the documented limit from the Content-Length or while streaming; archives are checked for expanded size.',
        verification: 'A test uploads a file one byte over the limit and a small zip bomb and expects 413 or a rejection without memory growth.',
      },
    ],
    properties: ['upload_size_limit'],
  },
  messages: {
    default: 'A client can exhaust memory or storage of {{element}} with oversized uploads.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('accepts-uploads')) {
      const gap = ctx.gap(c, 'upload_size_limit');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'accepts-uploads'), gap, ctx.reach(c)] });
    }
  },
});
