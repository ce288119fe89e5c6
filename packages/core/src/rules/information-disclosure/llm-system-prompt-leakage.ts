import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'llm-system-prompt-leakage',
  meta: {
    title: 'Secrets in a system prompt that users can extract',
    category: 'information-disclosure',
    appliesTo: ['process', 'executes-model-output'],
    description:
      'The system prompt holds credentials, internal rules or details of other tenants. Users can almost always make a model repeat or paraphrase its prompt, so anything in it should be treated as public to everyone who can reach the application.',
    references: { cwe: [200, 798], owasp: ['LLM07:2025'] },
    defaults: { likelihood: 4, impact: 3 },
    mitigations: [
      {
        title: 'Keep secrets and authorisation out of the prompt',
        acceptance: 'The system prompt contains no credentials, keys, internal URLs or per-tenant data; access decisions are enforced outside the model; credentials for tools live in the tool layer.',
        verification: 'A CI check scans prompt templates for secret patterns; an adversarial test asks the application to reveal its instructions and asserts nothing sensitive is returned.',
      },
    ],
    properties: ['secrets_in_prompt'],
  },
  messages: {
    default: 'Users who reach {{element}} can extract what its system prompt contains.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-model-output')) {
      const stated = ctx.prop(c, 'secrets_in_prompt');
      if (stated === false) continue;
      const reach = ctx.reach(c);
      // Ask only about prompts users can reach; report unreached ones only when the secret is stated.
      if (!reach && stated !== true) continue;
      const gap = ctx.gap(c, 'secrets_in_prompt');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'executes-model-output'), reach, gap] });
    }
  },
});
