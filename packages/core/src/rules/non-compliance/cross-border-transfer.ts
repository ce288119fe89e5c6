import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty, personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'cross-border-transfer',
  meta: {
    title: 'Personal data transferred out of its jurisdiction without safeguards',
    category: 'non-compliance',
    appliesTo: ['flow', 'third-party'],
    description:
      'Personal data goes to a third party in another region or jurisdiction with no adequacy decision, standard contractual clauses or other transfer basis (GDPR chapter V, and data-residency commitments made to customers). The data becomes subject to foreign access laws and the transfer itself can be unlawful. Fires only when the model says the recipient is elsewhere (its `region` differs from the sender\'s) or that the data does not stay in place; whether a processing agreement exists is a separate rule.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Keep the data in region or put a transfer basis in place',
        acceptance: 'The recipient processes the data in the agreed region (contract and configuration), or the transfer is covered by an adequacy decision or standard contractual clauses with a transfer impact assessment, recorded in the record of processing.',
        verification: 'A review checklist item: the vendor register lists region and transfer basis for every recipient of personal data; CI fails when a model flow to a recipient with a different `region` lacks `data_residency: true`.',
      },
    ],
    falsePositives: ['The regions differ but both are covered by the same legal regime (e.g. two EU regions): state `data_residency: true` on the flow or the recipient.'],
    properties: ['data_residency', 'region'],
  },
  messages: {
    default: 'Personal data ({{assets}}) leaves its jurisdiction on {{flow}} to the third party {{target}} without transfer safeguards.',
    region: 'Personal data ({{assets}}) goes on {{flow}} from region {{from}} to the third party {{target}} in region {{to}}, and no transfer safeguard is stated.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const { source, target } = f;
      if (!source || !target || !isThirdParty(target) || !source.capabilities.has('executes-code')) continue;
      const personal = personalAssets(ctx, f.assets);
      if (personal.length === 0) continue;
      const onFlow = ctx.prop(f, 'data_residency');
      const onTarget = ctx.prop(target, 'data_residency');
      if (onFlow === true || onTarget === true) continue;
      const base = { element: f, assets: personal } as const;
      if (onFlow === false || onTarget === false) {
        const stated = onFlow === false ? ctx.property(f, 'data_residency') : ctx.property(target, 'data_residency');
        ctx.report({ ...base, messageId: 'default', data: { flow: f.id, assets: personal.join(', ') }, facts: [ctx.route(f), personalDataFact(ctx, f, personal), stated] });
        continue;
      }
      const from = ctx.prop(source, 'region');
      const to = ctx.prop(target, 'region');
      if (typeof from !== 'string' || typeof to !== 'string' || from.toLowerCase() === to.toLowerCase()) continue;
      ctx.report({
        ...base,
        messageId: 'region',
        data: { flow: f.id, assets: personal.join(', '), from, to },
        facts: [ctx.route(f), personalDataFact(ctx, f, personal), ctx.property(source, 'region'), ctx.property(target, 'region'), ctx.gap(f, 'data_residency')],
      });
    }
  },
});
