import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'role-claims-escalation',
  meta: {
    title: 'Users can grant themselves roles through token claims or profile fields',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'uses-jwt'],
    description:
      'A process decides what users may do from roles carried in tokens or profile fields that users can influence (self-service profile updates, claims from an identity provider that users edit, unsigned or long-lived tokens). A user who sets role=admin in the right place becomes an administrator.',
    references: { cwe: [269, 639, 915], capec: [122], owasp: ['A01:2025', 'API5:2023'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Look up roles server-side from an authoritative source',
        acceptance: 'Authorisation reads roles from the server\'s own store (or from claims only a trusted issuer sets and users cannot edit); role changes need an administrator and are audited; tokens carry short lifetimes so revocations apply.',
        verification: 'A test edits the profile and crafts a token with an extra role claim signed by the usual issuer and asserts administrative endpoints still refuse the user.',
      },
    ],
    properties: ['roles_from_trusted_source'],
  },
  messages: {
    default: '{{element}} may take users\' roles from claims or fields they can change.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code')) continue;
      const jwt = ctx.capability(c, 'uses-jwt');
      const rbac = ctx.prop(c, 'role_based_access') === true ? ctx.property(c, 'role_based_access') : undefined;
      if (!jwt || !rbac) continue;
      const gap = ctx.gap(c, 'roles_from_trusted_source');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [jwt, rbac, gap] });
    }
  },
});
