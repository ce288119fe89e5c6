import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'automated-decisions-without-review',
  meta: {
    title: 'Automated decisions about people without human review',
    category: 'unawareness',
    appliesTo: ['process', 'automated-decisions'],
    description:
      'A process decides on its own about people with legal or similarly significant effect (credit, hiring, insurance, fraud blocks, account closure). Without an explanation and a way to contest the decision before a person, errors and bias in the model or rules go unnoticed, people cannot correct them, and GDPR art. 22 is not met.',
    references: { cwe: [359], owasp: ['A06:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Explain decisions and offer human review',
        acceptance: 'Each adverse automated decision is communicated with its main reasons and a way to contest it; a trained person reviews contested decisions within a set time and can overturn them.',
        verification: 'A test triggers an adverse decision and asserts the notification includes the reasons and a contest link, and that a contested case appears in the review queue.',
      },
    ],
    falsePositives: ['Decisions a person confirms before they take effect are not automated: state `automated_decisions: false` or `human_review: true`.'],
    properties: ['automated_decisions', 'human_review'],
  },
  messages: {
    default: '{{element}} makes decisions about people with legal or similar effect and nobody can have them reviewed by a person.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('automated-decisions')) {
      if (c.kind !== 'process') continue;
      const gap = ctx.gap(c, 'human_review');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.property(c, 'automated_decisions') ?? ctx.capability(c, 'automated-decisions'), gap] });
    }
  },
});
