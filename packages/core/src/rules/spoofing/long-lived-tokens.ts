import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'long-lived-tokens',
  meta: {
    title: 'Stolen bearer tokens stay valid for long',
    category: 'spoofing',
    appliesTo: ['process', 'flow', 'uses-jwt'],
    description:
      'A JWT or other bearer token is accepted by whoever presents it. If it lives for hours or days and cannot be revoked, a token copied from a log, a browser, a proxy or a leaked device keeps working after logout, password change or account suspension.',
    references: { cwe: [613, 324], capec: [593], owasp: ['A07:2025', 'API2:2023'], asvs: ['V9.2.1', 'V7.4.1'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Keep access tokens short-lived and make refresh tokens revocable',
        acceptance: 'Access tokens expire within 15 minutes; refresh tokens rotate on use and are revoked on logout, password change and account suspension; services check revocation for sensitive operations.',
        verification: 'An integration test signs in, logs out (or changes the password), then presents the old access token after its lifetime and the old refresh token immediately, and expects 401 for both.',
      },
    ],
    falsePositives: ['Tokens that expire within minutes without a refresh path, or are checked against a revocation list: state `short_lived_tokens: true` or `token_revocation: true`.'],
    properties: ['short_lived_tokens', 'token_revocation'],
  },
  messages: {
    default: 'A bearer token stolen from a user of {{element}} keeps working until it expires, even after logout or a password change.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('uses-jwt')) {
      const life = ctx.gap(c, 'short_lived_tokens');
      const revocation = ctx.gap(c, 'token_revocation');
      if (!life || !revocation) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'uses-jwt'), life, revocation, ctx.reach(c)] });
    }
    for (const f of ctx.flows) {
      if (ctx.prop(f, 'uses_jwt') !== true || f.target?.capabilities.has('uses-jwt') === true) continue;
      const life = ctx.gap(f, 'short_lived_tokens');
      const revocation = ctx.gap(f, 'token_revocation');
      if (!life || !revocation) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.property(f, 'uses_jwt'), ctx.route(f), life, revocation] });
    }
  },
});
