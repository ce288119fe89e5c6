import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'secrets-in-code',
  meta: {
    title: 'Secrets committed in code or configuration',
    category: 'information-disclosure',
    appliesTo: ['process', 'datastore'],
    description:
      'API keys, passwords and signing keys committed to a repository or baked into configuration files and images spread to every clone, fork, CI log, backup and laptop, and stay in history after they are removed. Leaked keys are found by scanners within minutes of a public push.',
    references: { cwe: [798, 540, 312], capec: [191], owasp: ['A02:2025', 'A04:2025'], asvs: ['V13'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Move secrets to a secret manager, rotate the exposed ones, and block new commits of secrets',
        acceptance: 'No secret is present in the repository or images; every exposed secret has been rotated; a pre-commit and CI secret scanner fails the build on a new one.',
        verification: 'The CI secret scan (e.g. gitleaks over the full history) reports no findings; a test commit of a fake key fails the pipeline.',
      },
    ],
    properties: ['secrets_in_code', 'secrets_in_vault'],
  },
  messages: {
    default: 'Secrets of {{element}} are committed in code or configuration: everyone with a copy of the repository or image holds them.',
    likely: '{{element}} is where credentials tend to end up in clear text (configuration, source, pipeline variables): whoever can read it may hold them.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const f = ctx.property(c, 'secrets_in_code');
      if (f?.value === true) {
        ctx.report({ element: c, messageId: 'default', facts: [f, ctx.property(c, 'secrets_in_vault')] });
        continue;
      }
      // Configuration stores, repositories and pipelines usually hold credentials: ask, unless answered.
      if (f !== undefined || c.kind !== 'datastore' || !c.capabilities.has('may-contain-secrets') || c.capabilities.has('secrets-store')) continue;
      ctx.report({ element: c, messageId: 'likely', facts: [ctx.capability(c, 'may-contain-secrets'), ctx.gap(c, 'secrets_in_code')] });
    }
  },
});
