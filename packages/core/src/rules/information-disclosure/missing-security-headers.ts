import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-security-headers',
  meta: {
    title: 'Missing browser security headers',
    category: 'information-disclosure',
    appliesTo: ['process', 'web-application'],
    description:
      'Without HSTS, a first visit can be downgraded to clear text and its cookies read; without frame-ancestors the pages can be framed for clickjacking; without nosniff, uploads can be run as scripts. The browser protections exist but are off until the site asks for them.',
    references: { cwe: [693, 1021, 319], capec: [103, 94], owasp: ['A02:2025'], asvs: ['V3'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Send HSTS, frame-ancestors (CSP), X-Content-Type-Options and Referrer-Policy on every response',
        acceptance: 'Strict-Transport-Security with max-age of at least a year, Content-Security-Policy frame-ancestors \'none\' or self, nosniff and a strict Referrer-Policy are present on all HTML responses.',
        verification: 'A header test fetches each page type and asserts the four headers and their values.',
      },
    ],
    properties: ['security_headers'],
  },
  messages: {
    default: 'Pages of {{element}} can be downgraded to clear text on first visit, framed for clickjacking, or have uploads sniffed as scripts.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('web-application')) {
      const f = ctx.property(c, 'security_headers');
      if (f?.value !== false) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'web-application'), f, ctx.exposure(c)] });
    }
  },
});
