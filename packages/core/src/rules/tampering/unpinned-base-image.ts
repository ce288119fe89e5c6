import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unpinned-base-image',
  meta: {
    title: 'Container images built on unpinned base images',
    category: 'tampering',
    appliesTo: ['process', 'runs-containers'],
    description:
      'Images are built FROM a moving tag (latest, 20-alpine). A compromised or broken upstream image flows into the next build unnoticed, and the same source no longer produces the same image, so nobody can say what runs in production.',
    references: { cwe: [1357, 829], owasp: ['A03:2025', 'A08:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Pin base images by digest and rebuild on purpose',
        acceptance: 'Every Dockerfile FROM line carries an @sha256 digest; an automated pull request bumps digests and the image is rescanned before merge.',
        verification: 'A CI lint (e.g. hadolint DL3006/DL3007 plus a digest check) fails on any FROM without a digest.',
      },
    ],
    properties: ['base_image_pinned'],
  },
  messages: {
    default: '{{element}} runs images built on base images that are not pinned by digest.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('runs-containers')) {
      const gap = ctx.gap(c, 'base_image_pinned');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'runs-containers'), gap] });
    }
  },
});
