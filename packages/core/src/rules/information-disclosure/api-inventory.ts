import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'api-inventory',
  meta: {
    title: 'Forgotten API versions and hosts stay exposed',
    category: 'information-disclosure',
    appliesTo: ['process', 'traffic-forwarder'],
    description:
      'Gateways and proxies keep routing old API versions, beta hosts and debug endpoints long after anyone remembers them. Those run older code with fixed bugs unfixed, weaker authentication and no monitoring, and attackers find them by enumerating paths and hosts.',
    references: { cwe: [1059, 912], capec: [121], owasp: ['API9:2023', 'A02:2025'], asvs: ['V15.1.1'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Keep an inventory of every routed API version and host, with an owner and a retirement date, generated from the gateway configuration',
        acceptance: 'Each route exposed by the gateway appears in the inventory with owner, version, environment and audience; retired versions answer 404/410; non-production hosts are not reachable from the internet.',
        verification: 'A scheduled job diffs the gateway\'s live routes against the inventory and fails on any route missing from it or past its retirement date.',
      },
    ],
    falsePositives: ['A single-version API with routes generated from one specification: state `api_inventory: true`.'],
    properties: ['api_inventory'],
  },
  messages: {
    default: '{{element}} routes internet traffic to APIs; old or undocumented versions behind it may still answer.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('traffic-forwarder')) {
      const exposure = ctx.exposure(c);
      if (!exposure) continue;
      const toApi = c.out.find((f) => f.target?.capabilities.has('api') === true && !f.target.capabilities.has('is-external'));
      if (!toApi) continue;
      const gap = ctx.gap(c, 'api_inventory');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'traffic-forwarder'), exposure, ctx.route(toApi), gap] });
    }
  },
});
