import { defineRule } from '../../engine/define-rule.js';
import { isBrowserLike } from '../shared.js';

export const rule = defineRule({
  id: 'llm-insecure-output-handling',
  meta: {
    title: 'Model output used without validation',
    category: 'tampering',
    appliesTo: ['process', 'executes-model-output'],
    description:
      'The application passes model output on as if it were its own: into pages (cross-site scripting), queries (SQL or NoSQL injection), shell commands or tool arguments. Anyone who can influence the model\'s answer — through prompts or injected content — reaches those sinks.',
    references: { cwe: [79, 89, 94], owasp: ['LLM05:2025', 'A05:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Validate and encode model output for each sink',
        acceptance: 'Model output rendered in pages is treated as untrusted (encoded or sanitised with an allow-list); output used in queries goes through parameters; output used as tool arguments is validated against a schema; no output is executed as code.',
        verification: 'Tests feed answers containing <script>, SQL fragments and shell metacharacters through each sink and assert they are rendered inert or rejected.',
      },
    ],
    properties: ['model_output_validation'],
  },
  messages: {
    default: '{{element}} passes model output on to {{sinks}} without validating it.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-model-output')) {
      const sinks = c.out.filter((f) => isBrowserLike(f.target) || (f.target?.capabilities.has('query-injectable') ?? false));
      if (sinks.length === 0) continue;
      const gap = ctx.gap(c, 'model_output_validation');
      if (!gap) continue;
      ctx.report({
        element: c,
        messageId: 'default',
        data: { sinks: sinks.map((f) => f.target?.id ?? f.id).join(', ') },
        facts: [ctx.capability(c, 'executes-model-output'), ...sinks.map((f) => ctx.route(f)), gap],
      });
    }
  },
});
