import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'stored-xss',
  meta: {
    title: 'Cross-site scripting through user content',
    category: 'tampering',
    appliesTo: ['process', 'renders-user-content'],
    description:
      'Content one user submits (comments, profiles, messages) is shown to other users. If it is inserted into pages without encoding for its context, a submitted script runs in every reader\'s browser with the site\'s privileges: it can act as the reader, read what they see and steal their session.',
    references: { cwe: [79], capec: [592, 63], owasp: ['A05:2025'], asvs: ['V1', 'V3'] },
    defaults: { likelihood: 4, impact: 4 },
    mitigations: [
      {
        title: 'Encode user content for its output context, and insert it as text (never as HTML) in client-side code',
        acceptance: 'Templates auto-escape; client code uses textContent (or a sanitiser such as DOMPurify for allowed markup); no innerHTML with user data.',
        verification: 'A test posts <img src=x onerror=alert(1)> and "<script>" payloads and checks the rendered page contains them as text only.',
      },
      {
        title: 'Send a restrictive Content-Security-Policy without unsafe-inline',
        acceptance: 'script-src allows only the site\'s own origin and nonces; inline event handlers are blocked.',
        verification: 'A header test checks the CSP of every HTML response; a browser test confirms an injected inline script does not run.',
      },
    ],
    falsePositives: ['Content shown only to its author (drafts, private notes) is self-XSS: record a decision with that justification.'],
    properties: ['output_encoding', 'content_security_policy'],
  },
  messages: {
    default: 'A script submitted as content through {{element}} can run in other users\' browsers, act as them and steal their sessions.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('renders-user-content')) {
      const gap = ctx.gap(c, 'output_encoding');
      if (!gap) continue;
      const csp = ctx.gap(c, 'content_security_policy');
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'renders-user-content'), gap, csp?.kind === 'fact' ? csp : undefined, ctx.property(c, 'input_validation')] });
    }
  },
});
