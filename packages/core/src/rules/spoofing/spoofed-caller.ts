import { defineRule } from '../../engine/define-rule.js';
import { isUserAgent } from '../shared.js';

export const rule = defineRule({
  id: 'spoofed-caller',
  meta: {
    title: 'Unauthenticated caller into a more trusted zone',
    category: 'spoofing',
    appliesTo: ['flow'],
    description:
      'A system or service that sends data across a trust boundary into a more trusted zone without authenticating can be impersonated by anyone who can reach the endpoint: fake webhooks, fake partner calls, fake events. (Flows from people and their browsers or apps are covered by the rules on sign-in and sessions.)',
    references: { cwe: [306, 290], capec: [151], owasp: ['A07:2025', 'API2:2023'], asvs: ['V4'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Authenticate the calling system: mTLS, signed requests (webhooks) or short-lived tokens from a workload identity',
        acceptance: 'The receiving endpoint refuses requests without a valid client certificate, signature or token, and logs the refusals.',
        verification: 'A test sends a well-formed request without credentials (and one with an invalid signature) and expects 401 for both.',
      },
    ],
    falsePositives: ['Public, read-only data feeds whose content is checked anyway: state `authenticated: false` and record a not-applicable decision.'],
    properties: ['authenticated'],
  },
  messages: {
    default: 'Anyone who can reach {{target}} can pretend to be {{source}}: nothing authenticates the sender of {{element}}.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!f.source || !f.target || f.target.client || isUserAgent(f.source)) continue;
      const crossing = ctx.crossing(f, 'lower-to-higher');
      if (!crossing) continue;
      const gap = ctx.gap(f, 'authenticated');
      if (!gap) continue;
      if (gap.kind === 'unstated' && f.flow.authentication !== undefined) continue;
      ctx.report({ element: f, messageId: 'default', facts: [crossing, ctx.route(f), gap] });
    }
  },
});
