import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty } from '../privacy.js';

export const rule = defineRule({
  id: 'llm-data-to-provider',
  meta: {
    title: 'Confidential data sent to a model provider that may keep it',
    category: 'information-disclosure',
    appliesTo: ['flow', 'language-model'],
    description:
      'Prompts to a hosted model carry confidential or personal data. Unless the provider contractually neither retains nor trains on it, the data may be stored, reviewed by the provider\'s staff or surface in later model outputs.',
    references: { cwe: [200, 359], owasp: ['LLM02:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Use a no-retention, no-training agreement and minimise prompts',
        acceptance: 'The provider contract (or enterprise tier) excludes retention and training; prompts are stripped of identifiers not needed for the task; the data categories allowed in prompts are documented.',
        verification: 'A contract-review checklist item, plus a test that runs representative prompts through the redaction step and asserts no e-mail addresses, account numbers or secrets remain.',
      },
    ],
    properties: ['provider_no_training'],
  },
  messages: {
    default: '{{flow}} sends confidential data to the model provider {{target}}, which may retain or train on it.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const t = f.target;
      if (!t?.capabilities.has('language-model') || !isThirdParty(t)) continue;
      const sensitive = ctx.dataAtLeast(f, 2);
      if (!sensitive) continue;
      if (ctx.prop(t, 'provider_no_training') === true) continue;
      const gap = ctx.gap(f, 'provider_no_training');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.route(f), sensitive, gap] });
    }
  },
});
