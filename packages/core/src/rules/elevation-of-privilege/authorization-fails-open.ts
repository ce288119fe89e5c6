import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'authorization-fails-open',
  meta: {
    title: 'Access allowed when the authorization service fails',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'identity-provider', 'authenticates-users'],
    description:
      'A service that asks another service whether a caller may act, and treats a timeout, error or unexpected answer as "allow" (a catch block that continues, a default of true, a circuit breaker that skips the check), grants everything to everyone whenever that service is slow or down, which an attacker can arrange by flooding it.',
    references: { cwe: [636, 280, 755], capec: [2], owasp: ['A01:2025', 'A10:2025'], asvs: ['V8.3.1'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Deny on any failure of the authorization call: timeouts, errors, malformed or missing answers',
        acceptance: 'The authorization client returns "deny" for every non-success outcome; no fallback, cache beyond the token lifetime or circuit breaker bypasses the check.',
        verification: 'A test makes the authorization service time out, return 500 and return a malformed body, and expects the protected endpoint to answer 401/403 (or 503) each time.',
      },
    ],
    falsePositives: ['Decisions made locally from a verified token with no call at request time: state `fails_closed: true`.'],
    properties: ['fails_closed'],
  },
  messages: {
    default: 'When {{target}} fails, {{element}} may let requests through instead of refusing them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-code')) {
      if (c.capabilities.has('is-external') || c.capabilities.has('identity-provider')) continue;
      const call = c.out.find((f) => f.target !== undefined && f.target !== c && (f.target.capabilities.has('identity-provider') || f.target.capabilities.has('authenticates-users')));
      if (!call?.target) continue;
      const gap = ctx.gap(c, 'fails_closed');
      if (!gap) continue;
      // Unstated: ask only where outsiders can reach the service that depends on the decision.
      const reach = ctx.reach(c);
      if (gap.kind === 'unstated' && !reach) continue;
      const cap = call.target.capabilities.has('identity-provider') ? 'identity-provider' : 'authenticates-users';
      ctx.report({ element: c, messageId: 'default', data: { target: call.target.component.name }, facts: [ctx.route(call), ctx.capability(call.target, cap), reach, gap] });
    }
  },
});
