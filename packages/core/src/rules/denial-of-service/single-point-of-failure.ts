import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'single-point-of-failure',
  meta: {
    title: 'A component that must stay up has no redundancy',
    category: 'denial-of-service',
    appliesTo: ['process', 'datastore'],
    description:
      'An element stores data whose availability is rated high, but runs as a single instance with no tested failover. A host failure, a bad deploy or a zone outage takes the service down, and recovery depends on manual work.',
    references: { cwe: [1088, 400], owasp: ['A06:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Run redundantly and test failover',
        acceptance: 'The element runs in at least two instances across failure domains (zones), with automatic failover; recovery time and point objectives are defined; failover is exercised regularly.',
        verification: 'A scheduled game-day or automated test stops one instance (or a zone) and asserts the service keeps answering within its objectives.',
      },
    ],
    properties: ['redundancy'],
  },
  messages: {
    default: '{{element}} keeps data that must stay available ({{assets}}) but may run without redundancy.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.client) continue;
      // Where the data lives: processes that only pass it on are covered by their stores.
      const critical = [...c.stored].filter((id) => ctx.graph.assets.get(id)?.asset.availability === 'high');
      if (critical.length === 0) continue;
      const gap = ctx.gap(c, 'redundancy');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: critical.join(', ') }, facts: [ctx.fact(c, 'stores assets rated availability high', critical.join(', ')), gap], assets: critical });
    }
  },
});
