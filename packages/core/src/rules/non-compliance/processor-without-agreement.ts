import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty, personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'processor-without-agreement',
  meta: {
    title: 'Personal data sent to a third party without a processing agreement',
    category: 'non-compliance',
    appliesTo: ['flow', 'third-party'],
    description:
      'Personal data goes to a third party (SaaS, provider, processor) with no data-processing agreement or transfer safeguards: nothing binds what they may do with it, where it is stored or when it is deleted, and a transfer outside the jurisdiction may be unlawful.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Sign a data-processing agreement and record transfer safeguards',
        acceptance: 'A signed DPA (with standard contractual clauses or an adequacy basis where data leaves the jurisdiction) is on file for the recipient and listed in the record of processing.',
        verification: 'A review checklist item: the vendor register links the DPA for every third party that receives personal data; CI fails when a model flow to a third party carrying personal data lacks `data_processing_agreement: true`.',
      },
    ],
    falsePositives: ['The person\'s own choice to send data to a service they use (e.g. signing in with a social account) is not our processing: mark the flow out of scope with a reason.'],
    properties: ['data_processing_agreement'],
  },
  messages: {
    default: 'Personal data goes to the third party {{target}} on {{flow}} with no data-processing agreement.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!isThirdParty(f.target) || !f.source?.capabilities.has('executes-code')) continue;
      const personal = personalAssets(ctx, f.assets);
      if (personal.length === 0) continue;
      const target = f.target;
      if (target && ctx.prop(target, 'data_processing_agreement') === true) continue;
      const gap = ctx.gap(f, 'data_processing_agreement');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.route(f), personalDataFact(ctx, f, personal), gap], assets: personal });
    }
  },
});
