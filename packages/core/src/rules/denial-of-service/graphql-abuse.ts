import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'graphql-abuse',
  meta: {
    title: 'GraphQL queries without depth or complexity limits',
    category: 'denial-of-service',
    appliesTo: ['process', 'graphql'],
    description:
      'A GraphQL endpoint that outsiders reach accepts arbitrarily deep, wide or batched queries. One request with nested relations or hundreds of aliased fields can load the whole database, bypass per-request rate limits and brute-force through batching.',
    references: { cwe: [400, 770], capec: [469], owasp: ['API4:2023', 'A06:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Limit depth, complexity, aliases and batches',
        acceptance: 'The server rejects queries over a maximum depth and computed cost, limits aliases and batched operations per request, paginates lists with a maximum page size, and disables introspection in production unless needed.',
        verification: 'A test sends a query nested beyond the depth limit, one with 1 000 aliases and a batch of 100 login mutations and asserts each is rejected before execution.',
      },
    ],
    properties: ['query_complexity_limits'],
  },
  messages: {
    default: '{{element}} accepts GraphQL queries of any depth and size from outside.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code')) continue;
      const graphql = ctx.capability(c, 'graphql') ?? (c.in.some((f) => f.flow.protocol === 'graphql') ? ctx.fact(c, 'protocol', 'graphql') : undefined);
      if (!graphql) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'query_complexity_limits');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [graphql, reach, gap] });
    }
  },
});
