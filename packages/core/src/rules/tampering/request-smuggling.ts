import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'request-smuggling',
  meta: {
    title: 'HTTP request smuggling between a proxy and its back end',
    category: 'tampering',
    appliesTo: ['process', 'traffic-forwarder'],
    description:
      'An internet-facing proxy, load balancer or CDN forwards HTTP to a back end that may frame requests differently (Content-Length versus Transfer-Encoding, HTTP/2 downgrades). A smuggled request slips past the proxy\'s checks and can poison caches or capture other users\' requests and cookies.',
    references: { cwe: [444], capec: [33], owasp: ['A06:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Reject ambiguous requests and use one HTTP version end to end',
        acceptance: 'The front end normalises or rejects requests with both Content-Length and Transfer-Encoding, obsolete line folding or invalid headers; connections to the back end use HTTP/2 end to end or are not reused between clients.',
        verification: 'A test sends CL.TE and TE.CL probe requests through the front end and asserts they are rejected with 400 and the back end never sees a second request.',
      },
    ],
    properties: ['rejects_ambiguous_requests'],
  },
  messages: {
    default: '{{element}} forwards HTTP to {{backends}}, which may split requests differently.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('traffic-forwarder')) {
      if (c.client && !c.capabilities.has('third-party')) continue;
      const reach = ctx.exposure(c) ?? ctx.reach(c);
      if (!reach) continue;
      const backends = c.out.filter((f) => f.capabilities.has('http-based') && f.target !== undefined && f.target.capabilities.has('executes-code') && f.target.kind !== 'external-entity');
      if (backends.length === 0) continue;
      const gap = ctx.gap(c, 'rejects_ambiguous_requests');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { backends: backends.map((f) => f.target?.id ?? f.id).join(', ') }, facts: [ctx.capability(c, 'traffic-forwarder'), reach, ...backends.map((f) => ctx.route(f)), gap] });
    }
  },
});
