import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'open-redirect',
  meta: {
    title: 'Open redirect through a return URL',
    category: 'spoofing',
    appliesTo: ['process', 'redirects-to-return-url'],
    description:
      'A page that redirects to whatever URL the request names (return_to, next, redirect_uri) lets phishers send links on the real domain that end on their look-alike site, typically right after a genuine sign-in, and can leak OAuth codes or tokens to them.',
    references: { cwe: [601], capec: [194], owasp: ['A01:2025'], asvs: ['V3'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Redirect only to relative paths or allow-listed hosts',
        acceptance: 'A return URL that is absolute to a host outside the allow-list (or protocol-relative, or with a backslash) is replaced by the home page.',
        verification: 'A test signs in with return_to=https://evil.example and with return_to=//evil.example and expects a redirect to the home page in both cases.',
      },
    ],
    falsePositives: ['Redirects that only take an opaque key looked up server-side are not open: state `redirect_allowlist: true`.'],
    properties: ['redirect_allowlist'],
  },
  messages: {
    default: '{{element}} redirects to a URL taken from the request: a link on the real domain can land users on a phishing site after they sign in.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('redirects-to-return-url')) {
      const gap = ctx.gap(c, 'redirect_allowlist');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'redirects-to-return-url'), gap, ctx.exposure(c)] });
    }
  },
});
