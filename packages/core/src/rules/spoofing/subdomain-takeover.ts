import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'subdomain-takeover',
  meta: {
    title: 'Sub-domain takeover through dangling DNS records',
    category: 'spoofing',
    appliesTo: ['process', 'datastore', 'external-entity', 'custom-domain'],
    description:
      'A CNAME from one of our host names to a CDN distribution, SaaS page or object-store website outlives the resource it points to. Anyone can then claim the same bucket or app name at the provider and serve content under our domain: phishing pages, scripts that read cookies scoped to the parent domain, or OAuth redirect targets.',
    references: { cwe: [350, 672], capec: [89], owasp: ['A02:2025'], asvs: ['V13.4.1'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Manage DNS records together with the resources they point to, and monitor for dangling records',
        acceptance: 'DNS records for third-party hosting are created and deleted by the same infrastructure code as the resource; a scheduled scan resolves every CNAME and alerts on targets that no longer exist.',
        verification: 'The scan runs daily and its last run lists zero dangling records; a test in the infrastructure pipeline fails when a resource is deleted while a record still points at it.',
      },
    ],
    falsePositives: ['Providers that verify domain ownership before serving a custom domain: state `dangling_dns_monitoring: true` with that justification.'],
    properties: ['dangling_dns_monitoring'],
  },
  messages: {
    default: 'If {{element}} is removed while our DNS still points at it, anyone could claim it and serve content under our domain.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('custom-domain')) {
      const gap = ctx.gap(c, 'dangling_dns_monitoring');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'custom-domain'), gap] });
    }
  },
});
