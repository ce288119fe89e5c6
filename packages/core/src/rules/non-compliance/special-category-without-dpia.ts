import { defineRule } from '../../engine/define-rule.js';
import { personalDataFact, specialCategoryAssets } from '../privacy.js';

export const rule = defineRule({
  id: 'special-category-without-dpia',
  meta: {
    title: 'Special-category personal data processed without an impact assessment',
    category: 'non-compliance',
    appliesTo: ['process', 'datastore'],
    description:
      'Health, biometric, genetic or belief data needs a data-protection impact assessment and safeguards beyond the ordinary (GDPR art. 9 and 35). Without one, nobody has weighed the risk to the people concerned or decided the extra controls.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Carry out a DPIA and apply what it decides',
        acceptance: 'A DPIA covering this processing is approved by the data-protection officer; its controls (encryption, access restriction, minimisation, retention) are linked as mitigations in this model.',
        verification: 'Review: the DPIA document is linked from the model and dated within the review interval; the mitigations it lists are implemented or verified.',
      },
    ],
    properties: ['dpia'],
  },
  messages: {
    default: '{{element}} processes special-category personal data ({{assets}}) without a data-protection impact assessment.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.client) continue;
      const special = specialCategoryAssets(ctx, [...c.stored, ...c.processed]);
      if (special.length === 0) continue;
      const gap = ctx.gap(c, 'dpia');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: special.join(', ') }, facts: [personalDataFact(ctx, c, special, 'handles special-category data'), gap], assets: special });
    }
  },
});
