import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'reflected-xss',
  meta: {
    title: 'Reflected cross-site scripting',
    category: 'tampering',
    appliesTo: ['process', 'web-application'],
    description:
      'A web application that echoes request input (search terms, error messages, form values) into pages without encoding lets a crafted link run script in the victim\'s browser as the site: it acts as the user and reads what they see.',
    references: { cwe: [79], capec: [591], owasp: ['A05:2025'], asvs: ['V1', 'V3'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Use auto-escaping templates for every page and a restrictive Content-Security-Policy',
        acceptance: 'All HTML is produced by templates with auto-escaping on; no raw-HTML helpers take request data; CSP blocks inline script.',
        verification: 'A scanner or test suite requests each route with a script payload in every parameter and asserts it is returned encoded.',
      },
    ],
    properties: ['output_encoding'],
  },
  messages: {
    default: 'A crafted link can make {{element}} echo script into its pages and run it in the victim\'s browser as the site.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('web-application')) {
      // Content shown to other users is stored XSS (stored-xss); here only an explicit lack of encoding counts.
      if (c.capabilities.has('renders-user-content')) continue;
      const f = ctx.property(c, 'output_encoding');
      if (f?.value !== false) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'web-application'), f, ctx.gap(c, 'content_security_policy')] });
    }
  },
});
