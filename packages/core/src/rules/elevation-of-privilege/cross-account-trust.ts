import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'cross-account-trust',
  meta: {
    title: 'Cross-account access open to confused-deputy abuse',
    category: 'elevation-of-privilege',
    appliesTo: ['cross-account-access'],
    description:
      'A role or grant lets another cloud account or tenant (a vendor, a SaaS integration, a sibling account) act on this component. Without an external id or an audience restricted to the exact principal, anyone who can make that vendor assume roles — including the vendor\'s other customers — can reach our resources (the confused-deputy problem), and a trust policy naming a whole account trusts every identity in it.',
    references: { cwe: [441, 284], owasp: ['A01:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Require an external id and trust only the named principal',
        acceptance: 'The trust policy names the exact role of the other account (not its root), requires a unique external id per customer (or an equivalent audience/subject condition for workload identity federation) and grants only the permissions the integration needs.',
        verification: 'A policy-as-code test asserts every cross-account trust policy has an `sts:ExternalId` (or audience) condition and no account-root principal; an attempt to assume the role without the external id is denied.',
      },
    ],
    falsePositives: ['Access between two accounts of our own organisation controlled by organisation-wide policies (SCPs) does not need an external id: state `external_id_required: true` and record the control in the description.'],
    properties: ['cross_account_access', 'external_id_required'],
  },
  messages: {
    default: '{{element}} trusts another cloud account or tenant without an external id or exact principal, so others can borrow that trust.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('cross-account-access')) {
      const gap = ctx.gap(c, 'external_id_required');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.property(c, 'cross_account_access') ?? ctx.capability(c, 'cross-account-access'), gap] });
    }
  },
});
