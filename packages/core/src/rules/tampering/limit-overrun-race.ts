import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'limit-overrun-race',
  meta: {
    title: 'Race conditions overrun balances and limits',
    category: 'tampering',
    appliesTo: ['process', 'handles-payments'],
    description:
      'A payment or balance operation checks a limit (balance, stock, one-time coupon, withdrawal cap) and then updates it in a separate step. Parallel requests all pass the check before any update lands: money is spent twice, coupons reused, limits exceeded.',
    references: { cwe: [362, 367], capec: [29], owasp: ['A06:2025', 'API6:2023'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Check and update in one atomic operation',
        acceptance: 'Limit checks and updates run in one transaction with row locks, or as a conditional write (UPDATE … WHERE balance >= amount); single-use items are consumed with a unique constraint.',
        verification: 'A test fires 20 concurrent requests that together exceed the balance (or reuse one coupon) and asserts exactly the allowed number succeed.',
      },
    ],
    properties: ['atomic_updates'],
  },
  messages: {
    default: '{{element}} may check limits and update them in separate steps; parallel requests could overrun them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('handles-payments')) {
      if (c.client) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'atomic_updates');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'handles-payments'), reach, gap] });
    }
  },
});
