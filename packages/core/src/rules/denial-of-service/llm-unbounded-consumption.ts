import { defineRule } from '../../engine/define-rule.js';
import { promptFlow } from '../llm.js';

export const rule = defineRule({
  id: 'llm-unbounded-consumption',
  meta: {
    title: 'Unbounded model usage (denial of wallet)',
    category: 'denial-of-service',
    appliesTo: ['process', 'executes-model-output'],
    description:
      'Anyone who reaches the application can make it send long prompts, many requests or runaway agent loops to the model. Each costs money and capacity: a single script can exhaust the budget or the provider\'s rate limit for everyone.',
    references: { cwe: [770, 400], owasp: ['LLM10:2025', 'API4:2023'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Limit requests, tokens and cost per user and overall',
        acceptance: 'Per-user request and token quotas, a maximum input size, a cap on agent steps per task, and a global spend alert and hard limit are configured.',
        verification: 'A test exceeds the per-user quota and the input-size limit and asserts requests are refused with 429/413 without reaching the model.',
      },
    ],
    properties: ['usage_quota', 'rate_limiting'],
  },
  messages: {
    default: 'Anyone who reaches {{element}} can run up model usage without limit.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-model-output')) {
      const prompt = promptFlow(c);
      if (!prompt) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      if (ctx.prop(c, 'rate_limiting') === true && ctx.prop(c, 'usage_quota') !== false) continue;
      const gap = ctx.gap(c, 'usage_quota');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [reach, ctx.route(prompt), gap] });
    }
  },
});
