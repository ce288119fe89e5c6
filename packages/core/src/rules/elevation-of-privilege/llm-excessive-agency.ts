import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'llm-excessive-agency',
  meta: {
    title: 'A model can take actions with side effects on its own',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'tool-access'],
    description:
      'An agent lets a model call tools that change things (send e-mail, write data, pay, deploy). A manipulated or mistaken model then acts with all the rights of those tools — usually more than the user who asked — and nobody checks before it happens.',
    references: { cwe: [250, 862], owasp: ['LLM06:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Confirm side effects with a person and run tools with the user\'s rights',
        acceptance: 'Tools with side effects require explicit user confirmation showing what will happen; tools run with the calling user\'s permissions and the narrowest scope; destructive or financial tools are not exposed to the model at all unless required.',
        verification: 'Tests drive the agent with prompts that request each side-effecting tool and assert that nothing happens without a confirmation step, and that a tool call beyond the user\'s rights is refused.',
      },
    ],
    properties: ['human_approval', 'least_privilege'],
  },
  messages: {
    default: '{{element}} lets a model call tools with side effects without a person confirming them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('tool-access')) {
      const approval = ctx.gap(c, 'human_approval');
      if (!approval) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'tool-access'), approval, ctx.property(c, 'least_privilege'), ctx.reach(c)] });
    }
  },
});
