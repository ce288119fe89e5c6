import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unencrypted-flow',
  meta: {
    title: 'Unencrypted flow across a trust boundary',
    category: 'information-disclosure',
    appliesTo: ['flow'],
    description:
      'Traffic that crosses a trust boundary in clear text can be read and altered by anyone on the network path between the two zones: credentials, tokens and personal data are exposed, and responses can be changed in flight.',
    references: { cwe: [319], capec: [157], owasp: ['A04:2025'], asvs: ['V12.1.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Encrypt the flow with TLS 1.2+ (mTLS between services) and refuse clear-text connections',
        acceptance: 'The endpoint accepts only TLS 1.2 or later; the clear-text port is closed or redirects with HSTS.',
        verification: 'A deployment test connects over clear text and expects the connection to be refused (or redirected with HSTS); a TLS scan shows no protocol below 1.2.',
      },
    ],
    falsePositives: ['Traffic inside an encrypted tunnel (VPN, service mesh with mTLS) is encrypted even if the application protocol is not: state `encrypted: true`.'],
    properties: ['encrypted'],
  },
  messages: {
    default: 'Data on {{element}} crosses a trust boundary without encryption; anyone on the path can read or alter it.',
  },
  check(ctx) {
    for (const flow of ctx.flows) {
      const crossing = ctx.crossing(flow);
      if (!crossing) continue;
      const gap = ctx.gap(flow, 'encrypted');
      if (!gap) continue;
      ctx.report({ element: flow, messageId: 'default', facts: [crossing, gap, ctx.sensitiveData(flow, 1)] });
    }
  },
});
