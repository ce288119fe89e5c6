import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'expensive-queries',
  meta: {
    title: 'Expensive queries from the internet',
    category: 'denial-of-service',
    appliesTo: ['process', 'graphql-api', 'search-queryable'],
    description:
      'Query interfaces that let callers shape the query (GraphQL, search, filters and sorts over large tables) can be asked for deeply nested, unbounded or full-scan queries: a handful of requests saturates the database for everyone.',
    references: { cwe: [400, 770, 1333], capec: [130, 492], owasp: ['API4:2023'], asvs: ['V4', 'V2'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Bound query cost: depth and complexity limits, pagination caps, timeouts and per-client budgets',
        acceptance: 'GraphQL depth and cost limits are enforced; list endpoints cap page size; database statements time out; each client has a query budget.',
        verification: 'A test sends a query above the depth/cost limit and a page size above the cap and expects both to be refused quickly.',
      },
    ],
    properties: ['rate_limiting', 'input_validation'],
  },
  messages: {
    default: 'Callers from the internet can shape queries on {{element}} that exhaust {{store}} for everyone.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || c.exposure !== 'internet') continue;
      const queried = c.out.find((f) => f.target?.capabilities.has('query-injectable') && (f.target.capabilities.has('search-queryable') || c.capabilities.has('query-injectable')));
      if (!queried?.target) continue;
      const gap = ctx.gap(c, 'rate_limiting');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { store: queried.target.component.name }, facts: [ctx.exposure(c), ctx.route(queried), ctx.capability(queried.target, 'query-injectable'), gap] });
    }
  },
});
