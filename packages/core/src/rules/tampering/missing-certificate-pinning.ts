import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-certificate-pinning',
  meta: {
    title: 'A client app can be intercepted on hostile networks',
    category: 'tampering',
    appliesTo: ['flow', 'is-client-app'],
    description:
      'A mobile or desktop app sends credentials or sensitive data to the backend and trusts any certificate the device trusts. On hostile networks or devices with an added root CA (corporate proxies, malware, stalkerware), traffic can be read and changed without a warning.',
    references: { cwe: [295], owasp: ['A04:2025'], asvs: ['V12.3'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Validate certificates strictly and pin the backend\'s keys',
        acceptance: 'The app enables platform network-security config, rejects user-added CAs for its backend and pins the public keys of the backend (with a backup pin and a rotation plan).',
        verification: 'A test runs the app through an intercepting proxy with a user-installed CA and asserts the connection to the backend fails.',
      },
    ],
    properties: ['certificate_pinning'],
  },
  messages: {
    default: '{{flow}} from the app {{source}} may be intercepted by anyone who gets a certificate trusted on the device.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const app = f.source;
      if (!app?.capabilities.has('is-client-app')) continue;
      const sensitive = ctx.dataAtLeast(f, 3);
      if (!sensitive) continue;
      if (app.component.properties?.['certificate_pinning'] === true) continue;
      const gap = ctx.gap(f, 'certificate_pinning');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.route(f), sensitive, gap] });
    }
  },
});
