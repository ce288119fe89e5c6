import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'decompression-bomb',
  meta: {
    title: 'Decompression bombs exhaust disk and memory',
    category: 'denial-of-service',
    appliesTo: ['process', 'accepts-uploads'],
    description:
      'A few kilobytes of zip, gzip or nested archive expand to gigabytes. A service that unpacks uploads, imports or compressed request bodies without limits on the expanded size, ratio, file count and nesting fills its disk or memory and stops serving everyone; an upload size limit alone does not help.',
    references: { cwe: [409, 400], capec: [130], owasp: ['A06:2025'], asvs: ['V5.2.3'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Expand archives and compressed bodies in a streaming way with limits on total size, ratio, entry count and nesting',
        acceptance: 'Expansion stops and the upload is refused once the output passes the configured size (e.g. 100 MB), ratio (e.g. 100:1), entry count or nesting depth; it runs in a worker with its own memory and disk quota.',
        verification: 'A test uploads a known zip bomb (e.g. 42.zip) and a gzip-encoded request body of high ratio, and expects refusal within the limits while the service keeps answering.',
      },
    ],
    falsePositives: ['Uploads stored as opaque blobs and never unpacked: state `decompression_limits: true` with that justification.'],
    properties: ['decompression_limits'],
  },
  messages: {
    default: 'A small compressed upload to {{element}} can expand until disk or memory runs out.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('accepts-uploads')) {
      if (c.capabilities.has('is-external')) continue;
      const gap = ctx.gap(c, 'decompression_limits');
      if (!gap) continue;
      // Unstated: ask only when outsiders can reach the upload.
      const reach = ctx.reach(c);
      if (gap.kind === 'unstated' && !reach) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'accepts-uploads'), reach, gap] });
    }
  },
});
