import { defineRule } from '../../engine/define-rule.js';
import { securityEventFeed } from '../shared.js';

export const rule = defineRule({
  id: 'no-security-alerting',
  meta: {
    title: 'Security events are logged but nobody is alerted',
    category: 'repudiation',
    appliesTo: ['datastore', 'log-store'],
    description:
      'Logs that nobody watches record an attack only for the post-mortem. Without alerts on the events that matter (bursts of failed sign-ins, new admins, MFA disabled, access from new places), attackers have weeks before anyone notices, and by then logs may have rolled over.',
    references: { cwe: [778, 223], capec: [268], owasp: ['A09:2025'], asvs: ['V16.4.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Define alerts for the security events that matter and route them to someone on call',
        acceptance: 'Alerts exist for failed sign-in bursts, privilege grants, MFA and recovery changes, admin actions outside hours and log pipeline gaps; each has an owner and a runbook, and fires within minutes.',
        verification: 'A scheduled drill generates each event in staging and checks that the alert reaches the on-call channel within the target time.',
      },
    ],
    falsePositives: ['Logs forwarded to a monitored SIEM that alerts on them: state `alerting: true` on the log store.'],
    properties: ['alerting'],
  },
  messages: {
    default: 'Security events from {{source}} land in {{element}}, but nothing alerts anyone when they show an attack.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('log-store')) {
      const gap = ctx.gap(c, 'alerting');
      if (!gap) continue;
      const feed = securityEventFeed(c);
      // Unstated: ask only for logs that receive security events; a stated "no alerting" is reported anyway.
      if (!feed && gap.kind === 'unstated') continue;
      ctx.report({ element: c, messageId: 'default', data: { source: feed?.source?.component.name ?? 'the system' }, facts: [ctx.capability(c, 'log-store'), feed ? ctx.route(feed) : undefined, gap] });
    }
  },
});
