import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'csrf',
  meta: {
    title: 'Cross-site request forgery',
    category: 'spoofing',
    appliesTo: ['process', 'web-application'],
    description:
      'A web application that browsers reach with ambient credentials (session cookies) will act on any request the browser sends, including one a malicious page makes it send. Without an anti-CSRF token or SameSite cookies, another site can change the victim\'s e-mail, password or payment details in their name.',
    references: { cwe: [352], capec: [62], owasp: ['A01:2025'], asvs: ['V3.5.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Require an anti-CSRF token (or SameSite=Lax/Strict session cookies plus Origin checks) on every state-changing request',
        acceptance: 'Every POST/PUT/PATCH/DELETE handler rejects requests without a valid per-session token or with a foreign Origin.',
        verification: 'An integration test posts to each state-changing route from a foreign Origin without the token and expects 403.',
      },
    ],
    falsePositives: ['Applications that authenticate only with bearer tokens in headers (never cookies) are not exposed; state `csrf_protection: true` and say so in the justification.'],
    properties: ['csrf_protection'],
  },
  messages: {
    default: 'Another website can make a signed-in user\'s browser send state-changing requests to {{element}} (change e-mail, password or settings) in their name.',
  },
  check(ctx) {
    for (const app of ctx.withCapability('web-application')) {
      const gap = ctx.gap(app, 'csrf_protection');
      if (!gap) continue;
      const fromBrowser = app.in.find((f) => f.source !== undefined && (f.source.capabilities.has('is-browser') || f.source.capabilities.has('is-human')));
      if (!fromBrowser) continue;
      ctx.report({ element: app, messageId: 'default', facts: [ctx.capability(app, 'web-application'), ctx.route(fromBrowser), gap] });
    }
  },
});
