import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'certificate-expiry',
  meta: {
    title: 'Outage when a TLS certificate expires',
    category: 'denial-of-service',
    appliesTo: ['process', 'traffic-forwarder'],
    description:
      'An internet-facing endpoint terminates HTTPS with a certificate that is renewed by hand. Sooner or later a renewal is missed: browsers and API clients refuse the connection and the service is down for everyone until someone notices and replaces it — a leading cause of self-inflicted outages, and certificate lifetimes keep shrinking.',
    references: { cwe: [324], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Automate issuance and renewal, and monitor expiry',
        acceptance: 'Certificates are issued and renewed automatically (ACME or the cloud provider\'s managed certificates) well before expiry, and an external monitor alerts when any served certificate has less than 14 days left.',
        verification: 'The expiry monitor lists every public host name; a test environment with a short-lived certificate renews it automatically without intervention.',
      },
    ],
    falsePositives: ['TLS is terminated by a CDN or load balancer in front that manages certificates: state `cert_automation: true` on it. Only edge forwarders are asked; state `cert_automation: false` on other components to have them flagged.'],
    properties: ['cert_automation'],
  },
  messages: {
    default: '{{element}} serves HTTPS to the internet on {{flow}} with certificates that are not renewed automatically.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || c.exposure !== 'internet') continue;
      const stated = ctx.prop(c, 'cert_automation');
      if (stated === true) continue;
      // Ask only where TLS usually terminates (edge forwarders); elsewhere require the stated unsafe value.
      if (stated === undefined && !c.capabilities.has('traffic-forwarder')) continue;
      const https = c.in.find((f) => f.encrypted === true && f.capabilities.has('http-based') && (f.source?.trust ?? 0) < c.trust);
      if (!https) continue;
      const gap = ctx.gap(c, 'cert_automation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { flow: https.id }, facts: [ctx.exposure(c), ctx.route(https), ctx.capability(c, 'traffic-forwarder'), gap] });
    }
  },
});
