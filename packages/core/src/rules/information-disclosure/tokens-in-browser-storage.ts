import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'tokens-in-browser-storage',
  meta: {
    title: 'Session tokens readable by any script in the page',
    category: 'information-disclosure',
    appliesTo: ['process', 'client-side-rendering'],
    description:
      'A single-page application keeps bearer tokens in localStorage or sessionStorage. Any script running in the page — an XSS payload, a compromised third-party script or browser extension — can read the token and use it from anywhere until it expires.',
    references: { cwe: [922, 522], owasp: ['A07:2025', 'A02:2025'], asvs: ['V3.3.4'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Keep sessions in HttpOnly cookies (or a backend-for-frontend)',
        acceptance: 'The browser never holds a bearer token readable by script: sessions use HttpOnly, Secure, SameSite cookies, with a backend-for-frontend exchanging them for API tokens; refresh tokens are never in the browser.',
        verification: 'An end-to-end test signs in and asserts localStorage and sessionStorage hold no token and document.cookie shows no session cookie.',
      },
    ],
    properties: ['httponly_token_storage'],
  },
  messages: {
    default: '{{element}} may keep bearer tokens where any script in the page can read them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('client-side-rendering')) {
      const bearer = c.out.find((f) => /bearer|jwt|token|oauth|oidc/i.test(f.flow.authentication ?? ''));
      if (!bearer) continue;
      const gap = ctx.gap(c, 'httponly_token_storage');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'client-side-rendering'), ctx.fact(bearer, 'authentication', bearer.flow.authentication ?? ''), gap] });
    }
  },
});
