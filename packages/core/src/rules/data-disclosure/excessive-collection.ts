import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty, personalDataFact, specialCategoryAssets } from '../privacy.js';

export const rule = defineRule({
  id: 'excessive-collection',
  meta: {
    title: 'More sensitive personal data collected or shared than the purpose needs',
    category: 'data-disclosure',
    appliesTo: ['flow'],
    description:
      'A flow to another organisation carries highly privacy-sensitive personal data (special categories, or data rated privacy: high). Every field collected or passed on is a field that can leak, be misused or be linked; unless each one is needed for the purpose, the flow discloses more than it should.',
    references: { cwe: [359, 213], owasp: ['A02:2025'], asvs: ['V14.2.6'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Collect and send only the fields the purpose needs',
        acceptance: 'Each field on the flow is mapped to a purpose in the record of processing; unneeded fields are removed or generalised (age band instead of birth date, city instead of address).',
        verification: 'A schema test on the payload fails when a field not in the approved list is added.',
      },
    ],
    properties: ['data_minimization'],
  },
  messages: {
    default: '{{flow}} from {{source}} to the third party {{target}} carries highly sensitive personal data; is every field needed?',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const sensitive = [
        ...new Set([
          ...specialCategoryAssets(ctx, f.assets),
          ...f.assets.filter((id) => {
            const a = ctx.graph.assets.get(id)?.asset;
            return a?.privacy === 'high' && a.personal_data !== false;
          }),
        ]),
      ].sort();
      if (sensitive.length === 0) continue;
      // Only where data leaves for another organisation: inside the system minimisation is a design choice.
      if (!isThirdParty(f.target)) continue;
      const gap = ctx.gap(f, 'data_minimization');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.route(f), personalDataFact(ctx, f, sensitive, 'carries highly sensitive personal data'), gap], assets: sensitive });
    }
  },
});
