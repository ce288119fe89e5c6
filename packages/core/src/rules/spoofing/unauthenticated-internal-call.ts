import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unauthenticated-internal-call',
  meta: {
    title: 'High-value service trusts any caller on the network',
    category: 'spoofing',
    appliesTo: ['flow', 'high-value-target'],
    description:
      'A service that holds the keys to the kingdom (payments, identities, secrets) but accepts unauthenticated calls from its network neighbours turns any foothold inside the network (a vulnerable web app, a compromised build agent) into full use of that service.',
    references: { cwe: [306, 923], capec: [151, 94], owasp: ['A07:2025', 'A01:2025'], asvs: ['V4'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Authenticate every service-to-service call (mTLS with workload identities or signed tokens) and authorise callers per operation',
        acceptance: 'The service refuses connections without a client certificate or token of an allowed workload; each operation lists which callers may use it.',
        verification: 'A test calls the service from a pod without the caller identity and expects the connection to be refused.',
      },
    ],
    properties: ['authenticated'],
  },
  messages: {
    default: 'Anything that can reach {{target}} on the network can call it as {{source}} does: {{element}} is not authenticated.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const t = f.target;
      if (!t?.capabilities.has('high-value-target') || f.source?.kind !== 'process') continue;
      if (f.direction === 'lower-to-higher') continue; // spoofed-caller covers calls into more trusted zones
      const stated = ctx.property(f, 'authenticated');
      if (stated?.value !== false) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.route(f), stated, ctx.capability(t, 'high-value-target')] });
    }
  },
});
