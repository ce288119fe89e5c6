import { defineRule } from '../../engine/define-rule.js';
import { securityEventFeed } from '../shared.js';

export const rule = defineRule({
  id: 'short-log-retention',
  meta: {
    title: 'Logs gone before the incident is found',
    category: 'repudiation',
    appliesTo: ['datastore', 'log-store'],
    description:
      'Breaches are typically discovered weeks or months after they start. Logs kept for a few days (a default index lifecycle, a rotating file, a cheap log tier) are gone by then, so nobody can tell what was accessed, by whom, or prove what did not happen.',
    references: { cwe: [779, 778], owasp: ['A09:2025'], asvs: ['V16.4.2'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Keep security-relevant logs long enough to investigate: e.g. 90 days searchable and a year in archive',
        acceptance: 'The retention of each log stream is configured and documented (e.g. ≥ 90 days hot, ≥ 1 year archived, or what regulation requires), and archived logs can be restored for search.',
        verification: 'A scheduled check reads the lifecycle configuration and fails below the documented retention; a yearly drill restores and searches an archived day.',
      },
    ],
    falsePositives: ['Debug or metrics logs with no security value: state `log_retention: true` if retention matches their purpose.'],
    properties: ['log_retention'],
  },
  messages: {
    default: 'Logs in {{element}} may be deleted before an incident is discovered, leaving nothing to investigate.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('log-store')) {
      const gap = ctx.gap(c, 'log_retention');
      if (!gap) continue;
      const feed = securityEventFeed(c);
      if (!feed && gap.kind === 'unstated') continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'log-store'), feed ? ctx.route(feed) : undefined, gap] });
    }
  },
});
