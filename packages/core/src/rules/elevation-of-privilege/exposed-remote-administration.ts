import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'exposed-remote-administration',
  meta: {
    title: 'Remote administration reachable from the internet',
    category: 'elevation-of-privilege',
    appliesTo: ['flow', 'remote-admin'],
    description:
      'SSH, RDP or another remote-administration protocol reaches a host from a less trusted zone directly. These services are scanned and brute-forced constantly, and a single weak or reused credential or unpatched daemon gives full control of the host.',
    references: { cwe: [284, 1327], capec: [555], owasp: ['A01:2025', 'A07:2025'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Administer through a bastion or VPN with MFA',
        acceptance: 'Remote-administration ports are closed to the internet; administrators connect through a bastion, VPN or identity-aware proxy that requires MFA and records sessions; keys are short-lived certificates.',
        verification: 'An external scan asserts the SSH/RDP ports are closed on public addresses; a test through the bastion without MFA is refused.',
      },
    ],
    properties: ['via_bastion'],
  },
  messages: {
    default: '{{flow}} gives {{source}} remote administration of {{target}} from a less trusted zone.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!f.capabilities.has('remote-admin')) continue;
      const crossing = ctx.crossing(f, 'lower-to-higher') ?? (f.source?.exposure === 'external' ? ctx.route(f) : undefined);
      if (!crossing) continue;
      const gap = ctx.gap(f, 'via_bastion');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.fact(f, 'protocol', f.flow.protocol ?? ''), crossing, gap] });
    }
  },
});
