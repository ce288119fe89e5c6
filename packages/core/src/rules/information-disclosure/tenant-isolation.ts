import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'tenant-isolation',
  meta: {
    title: 'One tenant can reach another tenant\'s data',
    category: 'information-disclosure',
    appliesTo: ['datastore', 'process', 'multi-tenant'],
    description:
      'Data of several customers lives in one deployment, and isolation depends on every query remembering its tenant filter. One missed WHERE clause, cache key or search filter shows one customer\'s data to another — a breach of every tenant\'s trust at once.',
    references: { cwe: [639, 668], owasp: ['A01:2025', 'API1:2023'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Enforce tenant isolation in the platform',
        acceptance: 'Tenant scoping is applied below application code (row-level security bound to the session\'s tenant, per-tenant schemas, databases or encryption keys); caches and search indexes key on the tenant.',
        verification: 'A test signs in as tenant A and exercises every list, search and export endpoint with tenant B\'s ids and asserts nothing of B is returned; a database test asserts queries without a tenant context return no rows.',
      },
    ],
    properties: ['tenant_isolation'],
  },
  messages: {
    default: '{{element}} holds data of several tenants, and one may be able to reach another\'s.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('multi-tenant')) {
      const gap = ctx.gap(c, 'tenant_isolation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'multi-tenant'), ctx.sensitiveData(c, 2), gap] });
    }
  },
});
