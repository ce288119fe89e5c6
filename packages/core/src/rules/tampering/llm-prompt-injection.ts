import { defineRule } from '../../engine/define-rule.js';
import { promptFlow } from '../llm.js';

export const rule = defineRule({
  id: 'llm-prompt-injection',
  meta: {
    title: 'Prompt injection by users of a language-model application',
    category: 'tampering',
    appliesTo: ['process', 'executes-model-output'],
    description:
      'People who can talk to the application can write instructions that override its own: make the model ignore its rules, reveal its prompt or data, or drive whatever the application does with the answer. Models cannot reliably tell instructions from data, so the defence is in the application around the model.',
    references: { cwe: [77, 1427], owasp: ['LLM01:2025'] },
    defaults: { likelihood: 4, impact: 3 },
    mitigations: [
      {
        title: 'Separate instructions from user input and limit what an answer can cause',
        acceptance: 'User input is passed as clearly delimited data (never concatenated into the system prompt); inputs are screened by a classifier or guard model; the application\'s actions are bounded so a hijacked answer cannot exceed the user\'s own rights.',
        verification: 'An adversarial test suite (known jailbreak and injection prompts) runs in CI against the application and fails if any makes it disclose its system prompt, break its rules or call a tool the user could not.',
      },
    ],
    falsePositives: ['A model used only on input written by the organisation itself (no user text reaches it) is not exposed: model the flows accordingly.'],
    properties: ['prompt_injection_defenses'],
  },
  messages: {
    default: 'People who reach {{element}} can write instructions that override its own and steer what it does with the model\'s answers.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-model-output')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'prompt_injection_defenses');
      if (!gap) continue;
      const prompt = promptFlow(c);
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'executes-model-output'), reach, prompt ? ctx.route(prompt) : undefined, gap] });
    }
  },
});
