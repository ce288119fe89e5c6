import { defineRule } from '../../engine/define-rule.js';
import type { ComponentNode } from '../../graph/index.js';
import type { Fact, RuleContext } from '../../engine/types.js';

/** Why availability matters here: an edge traffic forwarder, or data whose availability is rated high. */
function whyItMatters(ctx: RuleContext, c: ComponentNode): Fact | undefined {
  if (c.capabilities.has('traffic-forwarder')) return ctx.capability(c, 'traffic-forwarder');
  const high: string[] = [];
  for (const id of new Set([...c.processed, ...c.stored])) {
    const a = ctx.graph.assets.get(id)?.asset;
    if (a?.availability === 'high') high.push(`${id} ${a.name}`);
  }
  return high.length > 0 ? ctx.fact(c, 'handles data whose availability is rated high', high.join(', ')) : undefined;
}

export const rule = defineRule({
  id: 'missing-ddos-protection',
  meta: {
    title: 'Internet entry point without DDoS protection',
    category: 'denial-of-service',
    appliesTo: ['process', 'traffic-forwarder'],
    description:
      'An internet entry point (an edge proxy, gateway or load balancer, or a service handling data that must stay available) has no protection against volumetric and protocol floods. Per-client rate limits do not help against a botnet: the link, the load balancer or the TLS handshakes saturate first, and the service is down for everyone until the attack stops.',
    references: { cwe: [400], capec: [125, 482], owasp: ['API4:2023'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Put the entry point behind a DDoS protection service',
        acceptance: 'Traffic reaches the entry point only through a scrubbing service, CDN or cloud shield with layer-3/4 and layer-7 protection; origin addresses are not publicly reachable; autoscaling limits and an attack runbook exist.',
        verification: 'A scan confirms the origin refuses connections that bypass the protection; a scheduled load test (or provider-run simulation) at several times normal peak keeps the service answering.',
      },
    ],
    falsePositives: ['A CDN or cloud load balancer in front already absorbs floods: state `ddos_protection: true` on it (it then covers what is behind it) or on this element.'],
    properties: ['ddos_protection'],
  },
  messages: {
    default: '{{element}} is an internet entry point without protection against volumetric floods.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || c.exposure !== 'internet') continue;
      const why = whyItMatters(ctx, c);
      if (!why) continue;
      // Protection in front (a CDN or shield that states it) covers what is behind it.
      if (c.in.some((f) => f.source !== undefined && ctx.prop(f.source, 'ddos_protection') === true)) continue;
      const gap = ctx.gap(c, 'ddos_protection');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.exposure(c), why, gap] });
    }
  },
});
