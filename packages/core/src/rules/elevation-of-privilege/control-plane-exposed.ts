import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'control-plane-exposed',
  meta: {
    title: 'Container platform control plane reachable from the internet',
    category: 'elevation-of-privilege',
    appliesTo: ['container-orchestrator'],
    description:
      'The management API of a container platform (Kubernetes API server, ECS/Nomad endpoints, dashboards) on a platform that takes internet traffic is itself reachable from the internet. A leaked kubeconfig or token, an anonymous-auth misconfiguration or an API-server vulnerability then hands over every workload and secret in the cluster; exposed API servers are scanned for continuously.',
    references: { cwe: [668, 284], capec: [560], owasp: ['A02:2025', 'A01:2025'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Make the control plane private',
        acceptance: 'The API server has a private endpoint only (or a public one restricted to an allow-list of admin networks), anonymous auth is off, and humans reach it through SSO with MFA via a bastion or VPN.',
        verification: 'An external scan from outside the allow-list shows the API server port closed; a policy test asserts the cluster\'s endpoint configuration is private with anonymous auth disabled.',
      },
    ],
    falsePositives: ['Only the ingress (data plane) takes internet traffic and the API server is private: state `control_plane_private: true`.'],
    properties: ['control_plane_private'],
  },
  messages: {
    default: 'The control plane of {{element}} may be reachable from the internet, exposing every workload it runs.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('container-orchestrator')) {
      if (c.exposure !== 'internet') continue;
      const gap = ctx.gap(c, 'control_plane_private');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'container-orchestrator'), ctx.exposure(c), gap] });
    }
  },
});
