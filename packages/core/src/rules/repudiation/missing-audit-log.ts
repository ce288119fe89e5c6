import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'missing-audit-log',
  meta: {
    title: 'No audit trail of security and administrative events',
    category: 'repudiation',
    appliesTo: ['process', 'authenticates-users', 'admin-interface', 'handles-payments', 'api', 'web-application'],
    description:
      'Sign-ins, permission changes, admin actions, payments, and what callers do through an API or web application the internet reaches, that leave no audit record cannot be investigated or proven: an insider or a customer can deny an action, and an intrusion goes unnoticed until its effects do.',
    references: { cwe: [778, 223], capec: [268], owasp: ['A09:2025'], asvs: ['V16'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Record who did what, when, from where and with what result, for every security-relevant event',
        acceptance: 'Sign-in success and failure, MFA changes, role changes, admin actions and payments each write an audit record with actor, target, time, source address and outcome.',
        verification: 'A test performs each event type and asserts the matching audit record exists with all fields.',
      },
    ],
    falsePositives: ['Audit records written by a gateway or platform in front of the component: state `audit_logging: true` and name that source.'],
    properties: ['audit_logging'],
  },
  messages: {
    default: 'Security-relevant actions on {{element}} ({{what}}) leave no audit trail: they cannot be investigated or proven later.',
  },
  check(ctx) {
    const reasons: [string, string][] = [['admin-interface', 'administration'], ['authenticates-users', 'sign-ins'], ['handles-payments', 'payments']];
    const seen = new Set<string>();
    for (const [cap] of reasons) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        const gap = ctx.gap(c, 'audit_logging');
        if (!gap) continue;
        const what = reasons.filter(([k]) => c.capabilities.has(k)).map(([, w]) => w).join(', ');
        ctx.report({ element: c, messageId: 'default', data: { what }, facts: [ctx.capability(c, cap), gap] });
      }
    }
    // What callers on the internet do through an API or a web application is as much worth proving later.
    for (const cap of ['api', 'web-application']) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id) || c.kind !== 'process' || c.exposure !== 'internet') continue;
        seen.add(c.id);
        const gap = ctx.gap(c, 'audit_logging');
        if (!gap) continue;
        ctx.report({ element: c, messageId: 'default', data: { what: 'requests from the internet' }, facts: [ctx.capability(c, cap), ctx.exposure(c), gap] });
      }
    }
  },
});
