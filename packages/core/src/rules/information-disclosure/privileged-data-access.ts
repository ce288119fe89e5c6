import { defineRule } from '../../engine/define-rule.js';

const RESTRICTED = 3;

export const rule = defineRule({
  id: 'privileged-data-access',
  meta: {
    title: 'Standing human access to restricted data',
    category: 'information-disclosure',
    appliesTo: ['flow', 'is-human', 'datastore'],
    description:
      'A person (administrator, operator, analyst) reaches a store of restricted or secret data directly, around the application and its checks. Standing, unreviewed access lets an insider, or an attacker holding their credentials, read or export everything, and nobody approves or sees it.',
    references: { cwe: [269, 284], capec: [122], owasp: ['A01:2025'], asvs: ['V8'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Make direct access just-in-time, approved and recorded',
        acceptance: 'Nobody holds standing access to the store; access is requested for a ticket, approved by a second person, granted for hours, goes through a recorded session (PAM or bastion with session recording) and is reviewed.',
        verification: 'An access review lists no permanent human grants on the store; a drill requests access, checks the approval gate, and finds the session recording and audit events afterwards.',
      },
    ],
    falsePositives: ['Break-glass access that is already sealed, alarmed and reviewed: state `privileged_access_management: true` on the flow or the store.'],
    properties: ['privileged_access_management'],
  },
  messages: {
    default: '{{source}} reaches {{target}}, which holds restricted data, directly on {{flow}} without just-in-time, approved and recorded access.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      const { source, target } = f;
      if (!source?.capabilities.has('is-human') || target?.kind !== 'datastore') continue;
      const sensitive = ctx.dataAtLeast(target, RESTRICTED);
      if (!sensitive) continue;
      if (ctx.prop(target, 'privileged_access_management') === true) continue;
      const gap = ctx.gap(f, 'privileged_access_management');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.capability(source, 'is-human'), ctx.route(f), sensitive, gap] });
    }
  },
});
