import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'secrets-store-overexposed',
  meta: {
    title: 'Internet-reachable services can read every secret',
    category: 'elevation-of-privilege',
    appliesTo: ['datastore', 'secrets-store'],
    description:
      'Services that the internet reaches read from the secrets store, and the store does not restrict each of them to its own secrets. Compromising any one front-end service then yields every key and credential of the system.',
    references: { cwe: [250, 522], owasp: ['A01:2025', 'A04:2025'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Scope each service to its own secrets',
        acceptance: 'Each service authenticates to the store with its own identity and a policy allowing only its own paths; access is logged and alerted on unusual reads.',
        verification: 'A test authenticates as one service and asserts reading another service\'s secret is denied; the policy set is checked in CI for wildcards.',
      },
    ],
    properties: ['least_privilege'],
  },
  messages: {
    default: '{{element}} serves internet-reachable services that may read every secret in it.',
  },
  check(ctx) {
    for (const s of ctx.withCapability('secrets-store')) {
      const readers = s.out.filter((f) => f.target?.reachable === true).concat(s.in.filter((f) => f.flow.bidirectional === true && f.source?.reachable === true));
      const first = readers[0];
      if (!first) continue;
      const gap = ctx.gap(s, 'least_privilege');
      if (!gap) continue;
      const reader = first.target?.reachable === true ? first.target : first.source;
      ctx.report({ element: s, messageId: 'default', facts: [ctx.capability(s, 'secrets-store'), ctx.route(first), reader ? ctx.reach(reader) : undefined, gap] });
    }
  },
});
