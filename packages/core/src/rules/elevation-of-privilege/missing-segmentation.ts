import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-segmentation',
  meta: {
    // A store's finding depends on any internet-facing service in its zone, however far away.
    scope: 'system',
    title: 'A high-value data store shares a network zone with internet-facing services',
    category: 'elevation-of-privilege',
    appliesTo: ['datastore', 'high-value-target'],
    description:
      'A store holding restricted data sits in the same trust zone as a component the internet reaches directly. Once that front component is compromised, nothing but the store\'s own login stands between the attacker and the data; everything in the zone can reach everything else.',
    references: { cwe: [653, 1008], owasp: ['A01:2025', 'A06:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Put data stores in their own segment reachable only from the services that use them',
        acceptance: 'The store is in a private subnet or namespace; network policy or security groups allow only the named services on the database port; the internet-facing tier cannot open other connections to it.',
        verification: 'A network test from the internet-facing host (or a pod with its labels) to the store\'s port on other paths fails; a policy-as-code check enforces the rule set.',
      },
    ],
    properties: ['network_segmentation'],
  },
  messages: {
    default: '{{element}} shares trust zone {{zone}} with {{front}}, which the internet reaches directly.',
  },
  check(ctx) {
    const frontByZone = new Map<string, string>();
    for (const c of ctx.components) {
      if (c.client || c.exposure !== 'internet' || c.boundaries[0] === undefined) continue;
      if (!frontByZone.has(c.boundaries[0])) frontByZone.set(c.boundaries[0], c.id);
    }
    if (frontByZone.size === 0) return;
    for (const c of ctx.withCapability('holds-data')) {
      const zone = c.boundaries[0];
      const front = zone === undefined ? undefined : frontByZone.get(zone);
      if (zone === undefined || front === undefined || front === c.id) continue;
      const sensitive = ctx.dataAtLeast(c, 3);
      if (!sensitive) continue;
      const gap = ctx.gap(c, 'network_segmentation');
      if (!gap) continue;
      const frontNode = ctx.graph.component(front);
      ctx.report({ element: c, messageId: 'default', data: { zone, front }, facts: [sensitive, frontNode ? ctx.exposure(frontNode) : undefined, gap] });
    }
  },
});
