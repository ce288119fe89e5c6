import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty, personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'identifiers-in-urls',
  meta: {
    title: 'Personal identifiers in URLs',
    category: 'identifying',
    appliesTo: ['flow', 'http-based'],
    description:
      'Identifiers placed in URLs (e-mail addresses, user ids, reset or session tokens) end up in server and proxy logs, browser history, analytics and the Referer header sent to other sites, where they identify people to parties that were never meant to know them.',
    references: { cwe: [598, 359], owasp: ['A02:2025'], asvs: ['V14.2.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Keep identifiers out of URLs',
        acceptance: 'Personal identifiers and tokens travel in request bodies or headers; pages set Referrer-Policy: strict-origin-when-cross-origin or stricter.',
        verification: 'A test crawls the application and fails if any request URL contains an e-mail address, user id pattern or token, and checks the Referrer-Policy header.',
      },
    ],
    falsePositives: ['Opaque, per-recipient identifiers that cannot be linked back to a person are not personal identifiers: state `identifiers_in_urls: false`.'],
    properties: ['identifiers_in_urls'],
  },
  messages: {
    default: 'URLs on {{flow}} from {{source}} to {{target}} may carry personal identifiers that logs, caches and referrers keep.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!ctx.has(f, 'http-based')) continue;
      // Only where URLs leave our control: third parties (analytics, CDNs, SaaS) log them beyond our retention.
      const t = f.target;
      if (!isThirdParty(t)) continue;
      const personal = personalAssets(ctx, f.assets);
      if (personal.length === 0) continue;
      const gap = ctx.gap(f, 'identifiers_in_urls');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id }, facts: [ctx.route(f), personalDataFact(ctx, f, personal), gap], assets: personal });
    }
  },
});
