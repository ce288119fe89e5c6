import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'third-party-script-leakage',
  meta: {
    title: 'Data leakage through third-party scripts',
    category: 'information-disclosure',
    appliesTo: ['process', 'loads-third-party-scripts'],
    description:
      'Scripts loaded from analytics, ads, maps or CDNs run inside the page with the same rights as the site\'s own code: they can read what users type and see, including on account and admin pages, and send it anywhere. A compromised or malicious provider (or a change to the script) turns every page view into a leak.',
    references: { cwe: [829, 359], capec: [175], owasp: ['A08:2025', 'A03:2025'], asvs: ['V3'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Pin third-party scripts with Subresource Integrity and restrict them with a Content-Security-Policy',
        acceptance: 'Every third-party script tag has an integrity hash; script-src and connect-src list only the providers needed; account and admin pages load no third-party scripts.',
        verification: 'A test loads each page and fails if a script lacks an integrity attribute or if account/admin pages request any third-party origin.',
      },
    ],
    falsePositives: ['Scripts served from the site\'s own origin after review (self-hosted copies) are first-party: state `third_party_scripts: false`.'],
    properties: ['subresource_integrity', 'content_security_policy'],
  },
  messages: {
    default: 'Third-party scripts in the pages of {{element}} can read what users type and see and send it elsewhere.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('loads-third-party-scripts')) {
      const sri = ctx.gap(c, 'subresource_integrity');
      const csp = ctx.gap(c, 'content_security_policy');
      if (!sri && !csp) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'loads-third-party-scripts'), sri, csp, ctx.sensitiveData(c, 2)] });
    }
  },
});
