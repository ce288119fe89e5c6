import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unpinned-dependencies',
  meta: {
    title: 'Builds pull unpinned dependencies',
    category: 'tampering',
    appliesTo: ['process', 'build-pipeline'],
    description:
      'The build resolves dependencies by version range instead of a lock file with hashes. A malicious release of any package in the tree (a hijacked maintainer account, a typosquat that wins resolution) is built and shipped without anyone changing a line.',
    references: { cwe: [829, 1357], capec: [538], owasp: ['A03:2025'], asvs: ['V15.2.4'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Install from a committed lock file with integrity hashes',
        acceptance: 'Every build installs with the lock file only (npm ci, pip --require-hashes, go.sum, cargo --locked); dependency updates arrive as reviewed pull requests.',
        verification: 'A CI step fails the build when the lock file is missing or out of date with the manifest.',
      },
    ],
    properties: ['dependency_pinning'],
  },
  messages: {
    default: '{{element}} builds with dependencies that are not pinned by a lock file.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const pipeline = ctx.capability(c, 'build-pipeline');
      // Outside the pipeline, only a stated `dependency_pinning: false` counts: every process has dependencies.
      if (!pipeline && ctx.prop(c, 'dependency_pinning') !== false) continue;
      const gap = ctx.gap(c, 'dependency_pinning');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [pipeline, gap] });
    }
  },
});
