import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'exposed-admin-interface',
  meta: {
    title: 'Administrative interface reachable from the internet',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'admin-interface'],
    description:
      'Admin functions that anyone on the internet can reach are attacked continuously: password spraying, exploits for the admin framework, session theft. Each weakness in them is a direct path to controlling the whole system.',
    references: { cwe: [284, 749], capec: [1, 122], owasp: ['A01:2025', 'A02:2025'], asvs: ['V8', 'V13'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Put admin functions behind a separate entry point reachable only through SSO with MFA, a VPN or an identity-aware proxy',
        acceptance: 'Admin routes answer 404 from the public internet; staff reach them through the identity-aware proxy with MFA.',
        verification: 'An external probe of the admin paths from outside the corporate network gets 404 or a connection refusal.',
      },
    ],
    falsePositives: ['Admin pages on the public host but guarded by an identity-aware proxy: model the proxy and state `network_segmentation: true`.'],
    properties: ['network_segmentation', 'internet_facing'],
  },
  messages: {
    default: 'Anyone on the internet can reach the admin functions of {{element}} and attack them directly.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('admin-interface')) {
      if (c.exposure !== 'internet') continue;
      const gap = ctx.gap(c, 'network_segmentation');
      if (!gap || gap.kind === 'unstated') continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'admin-interface'), ctx.exposure(c), gap] });
    }
  },
});
