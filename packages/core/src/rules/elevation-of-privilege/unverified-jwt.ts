import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'unverified-jwt',
  meta: {
    title: 'Privilege escalation through forged or altered JWT claims',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'flow', 'uses-jwt'],
    description:
      'A service that trusts JSON Web Tokens without checking the signature with a pinned algorithm (rejecting "none" and HS/RS confusion), the issuer, the audience and the expiry accepts tokens the caller wrote or edited: any user can give themselves the admin role or another user\'s subject.',
    references: { cwe: [347, 345, 287], capec: [196], owasp: ['A07:2025', 'API2:2023'], asvs: ['V9'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Verify every JWT with a maintained library: pinned algorithm and key, issuer, audience, expiry',
        acceptance: 'Tokens with alg none, a different algorithm, a wrong issuer or audience, or past expiry are rejected; keys come from the issuer\'s JWKS.',
        verification: 'A test sends tokens signed with alg none, with the public key as HMAC secret, expired, and for another audience, and expects 401 for each.',
      },
    ],
    properties: ['jwt_verified'],
  },
  messages: {
    default: 'A caller can forge or edit the claims (roles, subject) of JWTs that {{element}} accepts and act with privileges it was never given.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('uses-jwt')) {
      const gap = ctx.gap(c, 'jwt_verified');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'uses-jwt'), gap, ctx.reach(c)] });
    }
    for (const f of ctx.flows) {
      if (ctx.prop(f, 'uses_jwt') !== true) continue;
      const gap = ctx.gap(f, 'jwt_verified');
      if (!gap || !f.target || f.target.capabilities.has('uses-jwt')) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.property(f, 'uses_jwt'), gap, ctx.route(f)] });
    }
  },
});
