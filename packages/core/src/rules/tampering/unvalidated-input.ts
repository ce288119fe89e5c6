import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unvalidated-input',
  meta: {
    title: 'Input from a less trusted zone accepted without validation',
    category: 'tampering',
    appliesTo: ['process', 'flow'],
    description:
      'A process that takes requests from a less trusted zone and does not validate them against a schema (types, lengths, ranges, allowed values) passes whatever arrives to its business logic and downstream systems: the root of injection, business-logic abuse and crashes.',
    references: { cwe: [20, 1287], capec: [153, 28], owasp: ['A06:2025', 'A05:2025'], asvs: ['V2'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Validate every request against an allow-list schema at the boundary',
        acceptance: 'Each endpoint has a schema (OpenAPI, JSON Schema, zod) enforced before the handler runs; unknown fields, wrong types and out-of-range values are refused with 400.',
        verification: 'A contract-fuzzing test sends schema-violating requests to every endpoint and expects 400 without side effects.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{element}} accepts requests from a less trusted zone ({{flow}}) without validating them.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process') continue;
      const f = ctx.property(c, 'input_validation');
      if (f?.value !== false) continue;
      const from = c.in.find((x) => x.direction === 'lower-to-higher');
      if (!from) continue;
      ctx.report({ element: c, messageId: 'default', data: { flow: from.id }, facts: [ctx.crossing(from, 'lower-to-higher'), f] });
    }
  },
});
