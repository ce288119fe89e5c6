import { defineRule } from '../../engine/define-rule.js';

const OAUTH = /oauth|oidc|openid/i;

export const rule = defineRule({
  id: 'oauth-without-pkce',
  meta: {
    title: 'OAuth authorization code intercepted without PKCE',
    category: 'spoofing',
    appliesTo: ['flow', 'is-browser', 'is-client-app'],
    description:
      'Browsers and mobile or desktop apps cannot keep a client secret, so without PKCE an authorization code intercepted on its way back (a malicious app registered for the same custom scheme, a leaked referrer or log, an injected code) can be exchanged for tokens by someone else.',
    references: { cwe: [294, 345], capec: [593], owasp: ['A07:2025'], asvs: ['V10.2.1'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Use the authorization-code flow with PKCE (S256) for every public client, and have the provider require it',
        acceptance: 'Every authorization request carries a code_challenge with method S256; the provider refuses token requests without the matching code_verifier.',
        verification: 'A test exchanges a valid authorization code without, and with a wrong, code_verifier and expects both to be refused.',
      },
    ],
    falsePositives: ['Confidential clients whose code exchange happens on a server holding a client secret: model the exchange on the server\'s flow, or state `pkce: true`.'],
    properties: ['pkce'],
  },
  messages: {
    default: 'An authorization code on {{elements}} from {{source}} can be exchanged by whoever intercepts it, because PKCE is not used.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const how = f.flow.authentication;
      const src = f.source;
      if (how === undefined || !OAUTH.test(how) || !src) continue;
      if (!(src.capabilities.has('is-browser') || src.capabilities.has('is-client-app'))) continue;
      // The code is obtained from the sign-in service; API calls that merely carry the resulting token are not the code flow.
      const issuer = f.target;
      if (!issuer || !(issuer.capabilities.has('identity-provider') || issuer.capabilities.has('authenticates-users'))) continue;
      const gap = ctx.gap(f, 'pkce');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', facts: [ctx.route(f), ctx.fact(f, 'authentication', how), ctx.capability(issuer, issuer.capabilities.has('identity-provider') ? 'identity-provider' : 'authenticates-users'), gap] });
    }
  },
});
