import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'disabled-certificate-validation',
  meta: {
    title: 'Certificate verification turned off',
    category: 'tampering',
    appliesTo: ['process', 'flow'],
    description:
      'Outgoing TLS from a service skips certificate verification (a debugging setting that reached production, or a workaround for an internal CA). The traffic is encrypted but not authenticated: anyone on the path can impersonate the server and read or change everything.',
    references: { cwe: [295], capec: [94], owasp: ['A04:2025', 'A07:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Verify certificates everywhere; trust internal CAs explicitly',
        acceptance: 'No client disables verification; internal services use a private CA distributed to clients, or a service mesh with mTLS; a lint rule bans verify=False, rejectUnauthorized: false and InsecureSkipVerify.',
        verification: 'A static-analysis rule in CI fails on the insecure settings, and an integration test points the client at a server with a self-signed certificate and asserts the connection fails.',
      },
    ],
    properties: ['tls_verification_disabled'],
  },
  messages: {
    default: '{{element}} talks TLS without checking who answers.',
  },
  check(ctx) {
    for (const el of [...ctx.components, ...ctx.flows]) {
      // Only a stated fact: asking every service would be noise.
      if (ctx.prop(el, 'tls_verification_disabled') !== true) continue;
      const gap = ctx.gap(el, 'tls_verification_disabled');
      if (!gap) continue;
      ctx.report({ element: el, messageId: 'default', facts: [gap, el.type === 'flow' ? ctx.route(el) : undefined] });
    }
  },
});
