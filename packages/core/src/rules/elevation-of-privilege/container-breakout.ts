import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'container-breakout',
  meta: {
    title: 'A compromised container can take over its host',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'runs-containers'],
    description:
      'Containers reachable from the internet run as root, privileged, with a writable filesystem or extra capabilities. Code execution inside one then escapes to the node and from there to every workload and secret on it.',
    references: { cwe: [250, 269], capec: [1], owasp: ['A02:2025', 'A01:2025'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Run containers unprivileged and read-only',
        acceptance: 'Pods run as non-root with allowPrivilegeEscalation false, a read-only root filesystem, all capabilities dropped and a seccomp profile; an admission policy (Pod Security restricted) enforces it.',
        verification: 'A policy test applies a pod spec that runs as root or privileged and asserts the cluster rejects it.',
      },
    ],
    properties: ['containers_hardened'],
  },
  messages: {
    default: 'Containers of {{element}} that the internet reaches may run privileged or as root.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('runs-containers')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'containers_hardened');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'runs-containers'), reach, gap] });
    }
  },
});
