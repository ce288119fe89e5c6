import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'oauth-redirect-uri-validation',
  meta: {
    title: 'Authorization codes sent to an attacker\'s redirect URI',
    category: 'spoofing',
    appliesTo: ['process', 'external-entity', 'identity-provider'],
    description:
      'An OAuth/OIDC provider that accepts redirect URIs by prefix, wildcard or sub-domain match can be asked to deliver a victim\'s authorization code or token to a page the attacker controls (an open redirect on the client, a taken-over sub-domain, a look-alike path), and the attacker signs in as the victim.',
    references: { cwe: [601, 939], capec: [194], owasp: ['A07:2025', 'A01:2025'], asvs: ['V10.4.1'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Register exact redirect URIs per client and compare them as whole strings',
        acceptance: 'Every client has a list of exact redirect URIs (scheme, host, port and path); authorization requests with any other value are refused before the user is asked anything.',
        verification: 'A test sends authorization requests with a changed path, an added sub-domain, a different port and an encoded variant, and expects each to be rejected.',
      },
    ],
    falsePositives: ['Providers configured with exact URIs only (most hosted providers by default): state `exact_redirect_uris: true`.'],
    properties: ['exact_redirect_uris'],
  },
  messages: {
    default: '{{element}} may deliver authorization codes or tokens to a redirect URI the attacker chooses.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('identity-provider')) {
      const gap = ctx.gap(c, 'exact_redirect_uris');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'identity-provider'), gap, ctx.exposure(c)] });
    }
  },
});
