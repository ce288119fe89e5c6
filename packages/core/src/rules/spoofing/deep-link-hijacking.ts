import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'deep-link-hijacking',
  meta: {
    title: 'Another app can claim the app\'s deep links',
    category: 'spoofing',
    appliesTo: ['external-entity', 'deep-links'],
    description:
      'A mobile app receives sign-in callbacks, payment results or magic links through a custom URL scheme. Any other app can register the same scheme and receive the link — with the authorisation code or token in it — or feed the app crafted links it trusts.',
    references: { cwe: [939, 925], owasp: ['A07:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Use verified app links and validate link parameters',
        acceptance: 'Deep links use Android App Links / iOS Universal Links verified against the domain; OAuth flows use PKCE; the app validates every parameter of an incoming link and never acts on it without the user\'s confirmation.',
        verification: 'A test installs a second app claiming the same scheme on an emulator and asserts the sign-in callback still reaches only the real app; unit tests feed crafted links and assert they are rejected.',
      },
    ],
    properties: ['verified_app_links'],
  },
  messages: {
    default: '{{element}} handles deep links that another app could claim or forge.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('deep-links')) {
      if (!c.capabilities.has('is-client-app')) continue;
      const gap = ctx.gap(c, 'verified_app_links');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'deep-links'), gap] });
    }
  },
});
