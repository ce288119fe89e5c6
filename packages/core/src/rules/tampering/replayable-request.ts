import { defineRule } from '../../engine/define-rule.js';
import { highIntegrityAssets } from '../shared.js';

export const rule = defineRule({
  id: 'replayable-request',
  meta: {
    title: 'Replayed or duplicated requests with side effects',
    category: 'tampering',
    appliesTo: ['flow'],
    description:
      'Requests that change money or records, accepted again when they arrive twice (a client retry, a replayed webhook, a captured signed request), apply their effect twice or apply a stale one: double payments, a failed payment settled as succeeded, an order shipped twice.',
    references: { cwe: [294, 837], capec: [60], owasp: ['API6:2023', 'A06:2025'], asvs: ['V2'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Deduplicate by idempotency key or event id, and reject stale timestamps',
        acceptance: 'Each side-effecting request or event carries a unique key stored for at least the sender\'s retry window; a repeated key returns the first result; signed events older than 5 minutes are refused.',
        verification: 'A test sends the same request (and the same signed webhook) twice and asserts a single effect, and one with an old timestamp is refused.',
      },
    ],
    properties: ['idempotency_keys'],
  },
  messages: {
    default: 'A repeated or replayed {{element}} applies its effect on {{target}} again.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const stated = ctx.property(f, 'idempotency_keys');
      if (stated?.value !== false || !f.target || f.target.client) continue;
      const valuable = highIntegrityAssets(f, ctx.graph.assets);
      if (valuable.length === 0) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.route(f), stated, ctx.fact(f, 'high-integrity data', valuable.join(', '))], assets: valuable });
    }
  },
});
