import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'verbose-errors',
  meta: {
    title: 'Internal details leak through error messages',
    category: 'information-disclosure',
    appliesTo: ['process'],
    description:
      'Error responses that include stack traces, SQL, internal host names, or the data of the failed request tell an attacker how the system is built and sometimes hand them other users\' data (account holders, balances). Each error becomes a probe.',
    references: { cwe: [209, 497], capec: [54, 215], owasp: ['A10:2025', 'A02:2025', 'API8:2023'], asvs: ['V16'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Return generic errors with a correlation id; keep details in the server logs',
        acceptance: 'Responses for 4xx/5xx carry a stable error code, a human message and a correlation id only; stack traces and queries appear only in logs.',
        verification: 'A test triggers a validation error, a not-found and a forced internal error and asserts the bodies contain no stack trace, SQL or host names.',
      },
    ],
    falsePositives: ['Detailed errors enabled only in development builds: state `verbose_errors: false` for production.'],
    properties: ['verbose_errors'],
  },
  messages: {
    default: 'Error responses from {{element}} reveal internal details (stack traces, queries, data) to whoever triggers them.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process') continue;
      const gap = ctx.gap(c, 'verbose_errors');
      if (!gap) continue;
      // Unstated: ask only where strangers can trigger errors directly and the data at stake is restricted or
      // secret, or not described at all (then what it holds is asked too).
      const data = gap.kind === 'unstated' ? ctx.dataAtLeast(c, 3) : undefined;
      if (gap.kind === 'unstated' && (c.exposure !== 'internet' || data === undefined)) continue;
      ctx.report({ element: c, messageId: 'default', facts: [gap, ctx.reach(c), data ?? ctx.sensitiveData(c, 2)] });
    }
  },
});
