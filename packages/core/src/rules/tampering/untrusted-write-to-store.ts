import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'untrusted-write-to-store',
  meta: {
    title: 'Data store written directly from a less trusted zone',
    category: 'tampering',
    appliesTo: ['flow', 'datastore'],
    description:
      'A data store that elements from a less trusted zone write to directly, without a service of its own zone in between, is only as safe as its access controls: there is no place to validate, authorise or rate-limit what gets written, and a leaked credential or a misconfigured policy lets anyone alter the data.',
    references: { cwe: [284, 923], capec: [75, 268], owasp: ['A01:2025'], asvs: ['V8'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Put a service of the store\'s own zone in front of it, or restrict direct writes to narrowly scoped, short-lived credentials',
        acceptance: 'Writes from outside the zone go through an API that validates and authorises them; any remaining direct access uses pre-signed, per-object, short-lived grants.',
        verification: 'A test with the outside caller\'s credentials tries to write an object or row it was not granted and expects AccessDenied.',
      },
    ],
    falsePositives: ['Pre-signed upload URLs scoped to one object are a deliberate, narrow grant: record an accepted decision that says so.'],
    properties: ['authenticated', 'authorized'],
  },
  messages: {
    default: '{{source}} writes straight into {{target}} from a less trusted zone over {{element}}: nothing of the store\'s own zone checks what is written.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (f.target?.kind !== 'datastore' || f.source?.client !== true) continue;
      const crossing = ctx.crossing(f, 'lower-to-higher');
      if (!crossing) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.route(f), crossing, ctx.sensitiveData(f.target, 2), ctx.property(f, 'authenticated')] });
    }
  },
});
