import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'sensitive-data-cached',
  meta: {
    title: 'Sensitive responses kept by shared caches',
    category: 'information-disclosure',
    appliesTo: ['process', 'traffic-forwarder'],
    description:
      'Responses carrying personal or secret data pass through a shared cache (CDN, reverse proxy). Without Cache-Control: no-store or private, one user\'s page or API answer can be stored and served to others, or coaxed into the cache by web-cache deception (/account/profile.css).',
    references: { cwe: [524, 525], capec: [141], owasp: ['A02:2025', 'A06:2025'], asvs: ['V14.3.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Mark sensitive responses uncacheable and cache only static paths',
        acceptance: 'Authenticated and personal responses carry Cache-Control: no-store (or private); the cache stores only explicitly listed static paths and keys on the full URL; path confusion (extra suffixes) does not change caching.',
        verification: 'A test requests an authenticated page, then the same URL with a static-looking suffix, from a second client and asserts neither is served from cache.',
      },
    ],
    properties: ['cache_control'],
  },
  messages: {
    default: 'Sensitive answers pass through the cache {{element}} and could be served to other users.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('traffic-forwarder')) {
      if (c.capabilities.has('api') && !c.capabilities.has('serves-scripts')) continue; // gateways route, they do not cache by default
      const sensitive = c.in.find((f) => f.sensitivity >= 2 && (f.target === c) && f.source !== undefined && !f.source.capabilities.has('is-external')) ?? c.out.find((f) => f.sensitivity >= 2);
      if (!sensitive) continue;
      const gap = ctx.gap(c, 'cache_control');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'traffic-forwarder'), ctx.route(sensitive), ctx.sensitiveData(sensitive, 2), gap] });
    }
  },
});
