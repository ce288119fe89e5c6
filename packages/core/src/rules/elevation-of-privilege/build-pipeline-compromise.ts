import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'build-pipeline-compromise',
  meta: {
    title: 'A compromised build pipeline deploys to production',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'build-pipeline'],
    description:
      'The pipeline holds credentials that deploy to production or publish artifacts. Anyone who can change what it runs — a pull request from a fork, a poisoned action or plugin, a stolen developer token — inherits those rights and can ship a backdoor that looks like a normal release.',
    references: { cwe: [269, 829], capec: [439], owasp: ['A03:2025', 'A08:2025'], asvs: ['V15.1'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Least-privilege, short-lived deploy credentials behind protected branches',
        acceptance: 'Deploy credentials are short-lived (OIDC federation), scoped to one environment and available only to protected-branch jobs after review; third-party actions are pinned by commit hash; untrusted pull requests run without secrets.',
        verification: 'A test opens a pull request from a fork that prints the environment and asserts no deploy secret is present; a policy check fails on actions not pinned by hash.',
      },
    ],
    properties: ['least_privilege', 'secrets_in_vault'],
  },
  messages: {
    default: 'Whoever controls what {{element}} runs can deploy to {{targets}}.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('build-pipeline')) {
      const deploys = c.out.filter((f) => f.target !== undefined && f.target.kind !== 'external-entity');
      if (deploys.length === 0) continue;
      const gap = ctx.gap(c, 'least_privilege');
      if (!gap) continue;
      ctx.report({
        element: c,
        messageId: 'default',
        data: { targets: deploys.map((f) => f.target?.id ?? '').join(', ') },
        facts: [ctx.capability(c, 'build-pipeline'), ...deploys.map((f) => ctx.route(f)), gap, ctx.property(c, 'secrets_in_vault')],
      });
    }
  },
});
