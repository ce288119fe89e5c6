import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'personal-data-to-analytics',
  meta: {
    title: 'Personal data sent to analytics or advertising without consent',
    category: 'unawareness',
    appliesTo: ['flow', 'analytics'],
    description:
      'Usage data sent to an analytics or advertising service carries personal data (identifiers, full URLs, profile fields). Unless people agreed first, they do not know who learns what they do, the provider may combine it with other sources, and the processing lacks a lawful basis.',
    references: { cwe: [359], owasp: ['A02:2025'], asvs: ['V14.3.2'] },
    defaults: { likelihood: 3, impact: 3 },
    // Whether consent is asked does not depend on how exposed the page is.
    adjust: { exposure: false },
    mitigations: [
      {
        title: 'Ask for consent before analytics loads, and send only what the purpose needs',
        acceptance: 'No analytics request leaves the browser before the visitor opts in; requests carry a page path, not full URLs, e-mail addresses or user ids.',
        verification: 'An end-to-end test loads pages in a fresh browser, records network requests and fails on any analytics request before consent or any request containing personal fields.',
      },
    ],
    falsePositives: ['Self-hosted analytics that keeps no identifiers is not third-party sharing: state `personal_data: false` on the assets sent, or `consent: true` when consent is collected.'],
    properties: ['consent', 'data_minimization'],
  },
  messages: {
    default: '{{source}} sends personal data to the analytics service {{target}} on {{flow}}; people are not asked first.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!f.target?.capabilities.has('analytics')) continue;
      const personal = personalAssets(ctx, f.assets);
      if (personal.length === 0) continue;
      const consent = ctx.gap(f, 'consent');
      if (!consent) continue;
      ctx.report({
        element: f,
        messageId: 'default',
        data: { flow: f.id },
        facts: [ctx.route(f), ctx.capability(f.target, 'analytics'), personalDataFact(ctx, f, personal), consent, ctx.property(f, 'data_minimization')],
        assets: personal,
      });
    }
  },
});
