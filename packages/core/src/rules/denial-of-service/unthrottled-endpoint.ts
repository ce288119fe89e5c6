import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unthrottled-endpoint',
  meta: {
    title: 'Flooding an unthrottled public endpoint',
    category: 'denial-of-service',
    appliesTo: ['process', 'internet-facing'],
    description:
      'An endpoint anyone on the internet can call, with no limit per client, can be flooded by a single script or a botnet: the service slows down or falls over for everyone, downstream systems and budgets (autoscaling, paid APIs, SMS, e-mail) are exhausted, and business flows (sign-ups, payments, contact forms) are abused in bulk.',
    references: { cwe: [770, 799], capec: [125, 469], owasp: ['API4:2023', 'API6:2023', 'A06:2025'], asvs: ['V2'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Rate-limit per client, per account and per operation at the edge, with quotas for expensive operations',
        acceptance: 'Each public route has a documented limit per IP and per credential; requests above it get 429 with Retry-After; expensive operations have lower limits.',
        verification: 'A load test sends twice the documented rate from one client and expects 429 for the excess while other clients are unaffected.',
      },
    ],
    falsePositives: ['Limits enforced by a gateway, CDN or WAF in front of the component: model that element and state `rate_limiting: true` on it.'],
    properties: ['rate_limiting'],
  },
  messages: {
    default: 'Anyone on the internet can flood {{element}}: nothing limits requests per client.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || c.exposure !== 'internet') continue;
      const gap = ctx.gap(c, 'rate_limiting');
      if (!gap) continue;
      // Throttling upstream (a gateway in front) counts.
      if (c.in.some((f) => f.source !== undefined && f.source.kind === 'process' && ctx.prop(f.source, 'rate_limiting') === true)) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.exposure(c), gap] });
    }
  },
});
