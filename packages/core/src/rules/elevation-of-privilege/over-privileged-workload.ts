import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'over-privileged-workload',
  meta: {
    title: 'An internet-reachable workload runs with broad cloud permissions',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'cloud-compute'],
    description:
      'A function, VM or container that the internet reaches runs under a cloud role with more permissions than it needs (wildcards, admin policies, access to every bucket). Any code execution or SSRF in it becomes control of the cloud account.',
    references: { cwe: [250, 269], owasp: ['A01:2025'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'One narrowly scoped role per workload',
        acceptance: 'Each workload has its own role granting only the actions and resources it uses (no wildcards on actions or resources); permissions are reviewed with the cloud\'s access analyzer.',
        verification: 'A policy-as-code test (e.g. in CI over the infrastructure templates) fails on roles with "*" actions or resources attached to internet-reachable workloads.',
      },
    ],
    properties: ['least_privilege'],
  },
  messages: {
    default: '{{element}} is reachable from the internet; if its cloud role is broad, compromising it compromises the account.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('cloud-compute')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'least_privilege');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'cloud-compute'), reach, gap] });
    }
  },
});
