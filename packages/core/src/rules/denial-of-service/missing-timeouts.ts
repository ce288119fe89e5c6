import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty } from '../privacy.js';

export const rule = defineRule({
  id: 'missing-timeouts',
  meta: {
    title: 'A slow third party stalls the service',
    category: 'denial-of-service',
    appliesTo: ['process'],
    description:
      'A process that serves users calls a third-party service on the request path. Without timeouts and circuit breakers, a slow or failing provider ties up every worker waiting for it, and the outage spreads to everything the process does.',
    references: { cwe: [400, 1088], owasp: ['A06:2025', 'A10:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Time out, back off and break the circuit',
        acceptance: 'Every outbound call has connect and read timeouts below the caller\'s own; retries use exponential back-off with jitter and a budget; a circuit breaker fails fast while the provider is down and the feature degrades gracefully.',
        verification: 'A test points the client at a stub that never answers and asserts the request fails within the timeout and that, after the threshold, calls fail fast without reaching the stub.',
      },
    ],
    properties: ['timeouts'],
  },
  messages: {
    default: '{{element}} calls {{providers}} while serving users; a slow provider could stall it.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code') || c.client) continue;
      const calls = c.out.filter((f) => isThirdParty(f.target) && !(f.target?.capabilities.has('sends-email') ?? false));
      if (calls.length === 0) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'timeouts');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { providers: calls.map((f) => f.target?.id ?? f.id).join(', ') }, facts: [reach, ...calls.map((f) => ctx.route(f)), gap] });
    }
  },
});
