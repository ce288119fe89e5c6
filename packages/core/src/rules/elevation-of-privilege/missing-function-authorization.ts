import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-function-authorization',
  meta: {
    title: 'Admin functions open to every signed-in user',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'admin-interface'],
    description:
      'When admin functions check only that the caller is signed in, not that they hold an admin role, any customer account can call them (often by guessing a URL such as /admin/users or /api/v1/users/export): broken function-level authorization.',
    references: { cwe: [285, 862], capec: [1], owasp: ['A01:2025', 'API5:2023'], asvs: ['V8'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Deny by default and check the role for every admin function on the server',
        acceptance: 'Admin routes are grouped behind a role check that denies unless the caller holds the admin role; hiding links in the UI is not relied on.',
        verification: 'A test calls every admin route as an ordinary signed-in user and expects 403 for each.',
      },
    ],
    properties: ['role_based_access'],
  },
  messages: {
    default: 'Any signed-in user can call the admin functions of {{element}}: they are not restricted by role.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('admin-interface')) {
      const f = ctx.property(c, 'role_based_access');
      if (f?.value !== false) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'admin-interface'), f, ctx.reach(c)] });
    }
  },
});
