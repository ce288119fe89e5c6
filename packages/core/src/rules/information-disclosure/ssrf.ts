import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'ssrf',
  meta: {
    title: 'Server-side request forgery',
    category: 'information-disclosure',
    appliesTo: ['process', 'calls-out-to-urls'],
    description:
      'A process fetches URLs that users influence (webhooks, link previews, imports, image proxies). An attacker points it at internal addresses the internet cannot reach — admin panels, databases, cloud metadata — and uses the server as a proxy into the trusted network.',
    references: { cwe: [918], capec: [664], owasp: ['A01:2025', 'API7:2023'], asvs: ['V1.3.6'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Allow-list destinations and block internal addresses after resolution',
        acceptance: 'Outbound fetches go only to allow-listed hosts or schemes (https); the fetcher resolves DNS itself and refuses private, loopback, link-local and metadata addresses, also after redirects; responses are not returned verbatim.',
        verification: 'A test asks the fetcher for http://127.0.0.1, http://10.0.0.1, http://169.254.169.254, a DNS name resolving to a private address, and a redirect to one, and asserts each is refused.',
      },
    ],
    properties: ['url_allowlist'],
  },
  messages: {
    default: '{{element}} fetches URLs that users influence and can be turned against the internal network.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('calls-out-to-urls')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'url_allowlist');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'calls-out-to-urls'), reach, gap] });
    }
  },
});
