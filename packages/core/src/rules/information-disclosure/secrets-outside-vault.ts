import { defineRule } from '../../engine/define-rule.js';
import { staticCredential } from '../shared.js';

export const rule = defineRule({
  id: 'secrets-outside-vault',
  meta: {
    title: 'Long-lived secrets kept outside a secret manager',
    category: 'information-disclosure',
    appliesTo: ['process'],
    description:
      'A service that authenticates to others with static keys or passwords kept in environment files, configuration or images has no rotation, no audit of who read them, and no way to revoke them quickly: anyone who reads the host\'s files or environment holds them.',
    references: { cwe: [522, 798], capec: [37], owasp: ['A02:2025', 'A04:2025'], asvs: ['V13'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Fetch secrets at run time from a secret manager, with rotation and access logging; prefer workload identity over static keys',
        acceptance: 'The service reads its credentials from the secret manager (or uses workload identity); keys rotate at least every 90 days; reads are logged.',
        verification: 'A deployment check fails when a secret appears in environment files or image layers; the rotation job\'s last run is within 90 days.',
      },
    ],
    properties: ['secrets_in_vault'],
  },
  messages: {
    default: '{{element}} keeps the {{credential}} it uses for {{flow}} outside a secret manager: it cannot be rotated or revoked quickly, and whoever reads the host holds it.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process') continue;
      const f = ctx.property(c, 'secrets_in_vault');
      if (f?.value !== false) continue;
      const out = c.out.find((x) => staticCredential(x) !== undefined);
      if (!out) continue;
      ctx.report({ element: c, messageId: 'default', data: { credential: staticCredential(out) ?? 'credential', flow: out.id }, facts: [f, ctx.fact(out, 'authentication', staticCredential(out) ?? '')] });
    }
  },
});
