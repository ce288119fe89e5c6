import { defineRule } from '../../engine/define-rule.js';
import { keepsBrowserSessions, sessionEvidence } from '../shared.js';

export const rule = defineRule({
  id: 'no-session-expiry',
  meta: {
    title: 'Sessions that never expire',
    category: 'spoofing',
    appliesTo: ['process', 'web-application'],
    description:
      'Sessions without an idle timeout and an absolute lifetime stay usable on shared and stolen devices, and a token stolen once works for months.',
    references: { cwe: [613], capec: [60], owasp: ['A07:2025'], asvs: ['V7'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Expire sessions after inactivity and after an absolute lifetime, and revoke them at sign-out and password change',
        acceptance: 'Sessions end after 30 minutes idle (longer only with re-authentication for sensitive actions) and after at most 30 days; sign-out and password change revoke all sessions.',
        verification: 'A test advances the clock past the idle timeout and expects the next request to require sign-in.',
      },
    ],
    properties: ['session_timeout'],
  },
  messages: {
    default: 'Sessions of {{element}} do not expire: a token left on a shared device or stolen once stays usable.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('web-application')) {
      const f = ctx.property(c, 'session_timeout');
      if (f?.value !== false) continue;
      const via = keepsBrowserSessions(c, ctx.graph.assets);
      if (!via) continue;
      ctx.report({ element: c, messageId: 'default', facts: [sessionEvidence(ctx, via), f] });
    }
  },
});
