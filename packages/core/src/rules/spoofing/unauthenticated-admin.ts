import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unauthenticated-admin',
  meta: {
    title: 'Administrative functions reachable without authentication',
    category: 'spoofing',
    appliesTo: ['process', 'admin-interface'],
    description:
      'Admin functions that accept requests from callers who are not authenticated (an "internal only" admin port, a forgotten debug console, an endpoint assumed to be hidden) can be used by anyone who finds them.',
    references: { cwe: [306, 288], capec: [115, 36], owasp: ['A07:2025', 'A01:2025', 'API5:2023'], asvs: ['V6', 'V8'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Require authentication (with MFA) on every admin route, including internal and debug ones',
        acceptance: 'Every admin endpoint is behind the same authentication middleware; there is no unauthenticated admin port in any environment.',
        verification: 'A test enumerates the admin routes and calls each without credentials, expecting 401 for all.',
      },
    ],
    properties: ['authenticated'],
  },
  messages: {
    default: 'Anyone who can reach {{element}} can use its admin functions: {{flow}} carries requests without authentication.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('admin-interface')) {
      const open = c.in.find((f) => f.flow.authenticated === false);
      if (!open) continue;
      ctx.report({ element: c, messageId: 'default', data: { flow: open.id }, facts: [ctx.capability(c, 'admin-interface'), ctx.route(open), ctx.property(open, 'authenticated'), ctx.reach(c)] });
    }
  },
});
