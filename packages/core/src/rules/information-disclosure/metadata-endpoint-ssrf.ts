import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'metadata-endpoint-ssrf',
  meta: {
    title: 'Cloud credentials stolen through the instance metadata endpoint',
    category: 'information-disclosure',
    appliesTo: ['process', 'cloud-compute', 'calls-out-to-urls'],
    description:
      'A workload on cloud compute fetches URLs that users influence. A request to the metadata address (169.254.169.254 and equivalents) returns the workload\'s temporary cloud credentials, as in several large breaches; with the v1 metadata service a single GET suffices.',
    references: { cwe: [918, 522], capec: [664], owasp: ['A01:2025', 'API7:2023'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Require session-bound metadata access and block link-local addresses from fetchers',
        acceptance: 'The metadata service requires tokens (IMDSv2, hop limit 1, or the provider\'s equivalent); the URL fetcher refuses link-local, loopback and private addresses after DNS resolution.',
        verification: 'A test asks the fetcher for http://169.254.169.254/latest/meta-data/ (and a DNS name resolving to it) and asserts the request is refused.',
      },
    ],
    properties: ['metadata_endpoint_protected', 'url_allowlist'],
  },
  messages: {
    default: '{{element}} fetches URLs users influence and runs where a metadata endpoint hands out cloud credentials.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('calls-out-to-urls')) {
      const cloud = ctx.capability(c, 'cloud-compute');
      if (!cloud) continue;
      if (ctx.prop(c, 'url_allowlist') === true) continue;
      const gap = ctx.gap(c, 'metadata_endpoint_protected');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'calls-out-to-urls'), cloud, gap] });
    }
  },
});
