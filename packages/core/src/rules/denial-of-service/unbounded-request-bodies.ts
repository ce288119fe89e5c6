import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unbounded-request-bodies',
  meta: {
    title: 'Unbounded request bodies exhaust memory',
    category: 'denial-of-service',
    appliesTo: ['process', 'api'],
    description:
      'An API reachable from outside parses request bodies of any size and depth. A few requests with megabytes of JSON, deeply nested arrays or huge strings exhaust memory and CPU in the parser before any validation runs.',
    references: { cwe: [770, 400], capec: [130], owasp: ['API4:2023', 'A06:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Limit body size, nesting and collection lengths before parsing',
        acceptance: 'The server or gateway rejects bodies above a set size (e.g. 1 MB for JSON) with 413; parsers limit nesting depth and array lengths; limits are documented per endpoint.',
        verification: 'A test posts a body one byte over the limit and a JSON document nested 10 000 levels deep and asserts both get 413/400 quickly without memory growth.',
      },
    ],
    properties: ['request_size_limit'],
  },
  messages: {
    default: '{{element}} may parse request bodies of any size or depth from outside.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('api')) {
      if (c.client) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      // A gateway in front that limits bodies covers what it forwards.
      const via = c.reachedVia?.source;
      if (via && ctx.prop(via, 'request_size_limit') === true) continue;
      const gap = ctx.gap(c, 'request_size_limit');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'api'), reach, gap] });
    }
  },
});
