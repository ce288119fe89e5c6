import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'regex-dos',
  meta: {
    title: 'Regular expressions that users can make run for minutes',
    category: 'denial-of-service',
    appliesTo: ['process', 'evaluates-user-regex'],
    description:
      'A process evaluates regular expressions that users supply (search filters, validation rules) or backtracking patterns on long user input. Catastrophic backtracking makes one request consume a CPU for seconds or minutes; a handful block the service (ReDoS).',
    references: { cwe: [1333, 400], capec: [492], owasp: ['A06:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Use a linear-time engine or bound evaluation',
        acceptance: 'User-supplied patterns run in a linear-time engine (RE2 or equivalent) or under a time limit; input length is capped before matching; built-in patterns are checked for super-linear backtracking in CI.',
        verification: 'A test submits a known evil pattern and input, e.g. (a+)+$ against 50 a\'s followed by !, and asserts the request completes within 100 ms.',
      },
    ],
    properties: ['safe_regex'],
  },
  messages: {
    default: '{{element}} evaluates user-supplied regular expressions that could run for minutes.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('evaluates-user-regex')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'safe_regex');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'evaluates-user-regex'), reach, gap] });
    }
  },
});
