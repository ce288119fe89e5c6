import { defineRule } from '../../engine/define-rule.js';
import { keepsBrowserSessions, sessionEvidence } from '../shared.js';

export const rule = defineRule({
  id: 'session-hijacking',
  meta: {
    title: 'Stolen session tokens work anywhere',
    category: 'spoofing',
    appliesTo: ['process', 'web-application'],
    description:
      'A session token that is not bound to the client, or whose cookie lacks Secure/HttpOnly/SameSite, can be stolen (malware, XSS, a proxy log) and replayed from the attacker\'s own device until it expires.',
    references: { cwe: [294, 614, 1004], capec: [60, 593], owasp: ['A07:2025'], asvs: ['V7'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Harden and bind session tokens',
        acceptance: 'Session cookies are Secure, HttpOnly and SameSite=Lax or Strict; sessions are bound to the device (or to a DPoP/TLS key) and expire after inactivity.',
        verification: 'A test replays a valid session cookie from a different client fingerprint and expects it to be rejected; a header test checks the cookie attributes.',
      },
    ],
    falsePositives: ['Short-lived sessions with re-authentication for every sensitive action limit the damage: record the decision with a justification.'],
    properties: ['session_binding', 'secure_cookies'],
  },
  messages: {
    default: 'A session token stolen from a user of {{element}} can be replayed from anywhere until it expires.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('web-application')) {
      const via = keepsBrowserSessions(c, ctx.graph.assets);
      if (!via) continue;
      // Fires only on a stated weakness: unbound sessions are the norm, so "not stated" is not asked here.
      const binding = ctx.property(c, 'session_binding');
      const cookies = ctx.property(c, 'secure_cookies');
      const weak = [binding?.value === false ? binding : undefined, cookies?.value === false ? cookies : undefined].filter((x) => x !== undefined);
      if (weak.length === 0) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.route(via), sessionEvidence(ctx, via), ...weak] });
    }
  },
});
