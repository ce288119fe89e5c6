import { defineRule } from '../../engine/define-rule.js';
import { keepsBrowserSessions, sessionEvidence } from '../shared.js';

export const rule = defineRule({
  id: 'session-fixation',
  meta: {
    title: 'Session fixation',
    category: 'spoofing',
    appliesTo: ['process', 'web-application', 'authenticates-users'],
    description:
      'If the session id a browser had before signing in stays valid after sign-in, an attacker who planted that id (through a link, a sub-domain cookie or a shared computer) shares the victim\'s signed-in session as soon as the victim logs in.',
    references: { cwe: [384], capec: [61], owasp: ['A07:2025'], asvs: ['V7'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Issue a new session id at sign-in and at every privilege change, and invalidate the old one',
        acceptance: 'The session cookie value after sign-in differs from the one before, and the old value is rejected.',
        verification: 'An integration test records the session cookie, signs in, and expects a different cookie and a 401 for the old one.',
      },
    ],
    falsePositives: ['Frameworks that rotate the session on login by default: state `session_rotation: true`.'],
    properties: ['session_rotation'],
  },
  messages: {
    default: 'A session id planted before sign-in stays valid after it: whoever planted it shares the signed-in session on {{element}}.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const cap of ['web-application', 'authenticates-users'] as const) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        const via = keepsBrowserSessions(c, ctx.graph.assets);
        if (!via) continue;
        const gap = ctx.gap(c, 'session_rotation');
        if (!gap) continue;
        ctx.report({ element: c, messageId: 'default', facts: [ctx.route(via), sessionEvidence(ctx, via), gap] });
      }
    }
  },
});
