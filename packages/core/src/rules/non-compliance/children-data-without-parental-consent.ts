import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'children-data-without-parental-consent',
  meta: {
    title: 'Children\'s data processed without parental consent',
    category: 'non-compliance',
    appliesTo: ['process', 'serves-children'],
    description:
      'A service used by children collects their personal data without verifiable consent from a parent. Children\'s data has stricter rules (COPPA for under-13s in the US, GDPR art. 8 for under-13 to 16s in the EU, the UK Age Appropriate Design Code); processing it without consent is unlawful and exposes children to profiling and contact by strangers.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Age-gate and collect verifiable parental consent',
        acceptance: 'Sign-up asks for age neutrally; below the legal age, no personal data beyond what is needed to contact the parent is processed until a parent has consented through a verifiable method, and the consent is recorded.',
        verification: 'A test signs up as an under-age user and asserts the account stays restricted and no personal data is stored or shared until parental consent is recorded.',
      },
    ],
    falsePositives: ['Services that only serve adults but whose type suggests otherwise: state `serves_children: false`.'],
    properties: ['serves_children', 'parental_consent'],
  },
  messages: {
    default: '{{element}} is used by children and processes their personal data ({{assets}}) without verifiable parental consent.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('serves-children')) {
      if (c.kind !== 'process') continue;
      const personal = personalAssets(ctx, new Set([...c.processed, ...c.stored]));
      if (personal.length === 0) continue;
      const gap = ctx.gap(c, 'parental_consent');
      if (!gap) continue;
      ctx.report({
        element: c,
        messageId: 'default',
        data: { assets: personal.join(', ') },
        facts: [ctx.property(c, 'serves_children') ?? ctx.capability(c, 'serves-children'), personalDataFact(ctx, c, personal, 'processes personal data'), gap],
        assets: personal,
      });
    }
  },
});
