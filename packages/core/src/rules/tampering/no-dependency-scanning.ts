import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'no-dependency-scanning',
  meta: {
    title: 'Known-vulnerable dependencies go unnoticed',
    category: 'tampering',
    appliesTo: ['process', 'build-pipeline'],
    description:
      'Nothing checks the dependency tree against vulnerability advisories, so components with published exploits stay in production until someone happens to look. Most breaches through dependencies use vulnerabilities that were public for months.',
    references: { cwe: [1395, 1104], owasp: ['A03:2025'], asvs: ['V15.2.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Scan dependencies in CI and on a schedule',
        acceptance: 'Software composition analysis runs on every pull request and daily on main; high and critical advisories fail the build or open a ticket with a due date by severity.',
        verification: 'A CI test adds a dependency version with a known advisory on a branch and asserts the pipeline fails.',
      },
    ],
    properties: ['dependency_scanning'],
  },
  messages: {
    default: 'Nothing checks the dependencies built by {{element}} for known vulnerabilities.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const pipeline = ctx.capability(c, 'build-pipeline');
      if (!pipeline && ctx.prop(c, 'dependency_scanning') !== false) continue;
      const gap = ctx.gap(c, 'dependency_scanning');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [pipeline, gap] });
    }
  },
});
