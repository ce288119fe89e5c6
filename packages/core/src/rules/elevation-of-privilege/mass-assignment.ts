import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'mass-assignment',
  meta: {
    title: 'Mass assignment of protected fields',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'api', 'web-application'],
    description:
      'Binding request bodies straight onto records lets a caller set fields the form never showed: role, is_admin, owner_id, balance or price. One extra JSON property is a privilege escalation or a free order.',
    references: { cwe: [915], capec: [1], owasp: ['A01:2025', 'API3:2023'], asvs: ['V2', 'V8'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Bind only allow-listed fields per operation (DTOs or schemas), never whole records',
        acceptance: 'Each write endpoint declares the fields it accepts; unknown fields are rejected or ignored; role, owner and price fields are never bound from requests.',
        verification: 'A test adds "role":"admin" and "owner_id" to an update request and asserts the stored record is unchanged in those fields.',
      },
    ],
    properties: ['mass_assignment_protection'],
  },
  messages: {
    default: 'A caller of {{element}} can set fields it should never control (role, owner, price) by adding them to a request.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const f = ctx.property(c, 'mass_assignment_protection');
      if (f?.value !== false || !c.reachable) continue;
      ctx.report({ element: c, messageId: 'default', facts: [f, ctx.reach(c)] });
    }
  },
});
