import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-denial-of-service',
  meta: {
    ...BASELINE_META,
    title: 'Baseline: an entry point not known to limit what callers can send',
    category: 'denial-of-service',
    description:
      'STRIDE per interaction, where the model says little: flows enter this element from a less trusted zone or from clients, and nothing says whether a process limits requests per caller, or whether a data store stays available when what reaches it overwhelms or breaks it. One caller could exhaust it, and everyone who depends on it would wait.',
    references: { cwe: [770, 400], capec: [125], owasp: ['API4:2023', 'A06:2025'], asvs: ['V2'] },
    mitigations: [
      {
        title: 'Limit requests per caller and per operation at the entry point; run data stores reached from outside with redundancy',
        acceptance: 'A process states `rate_limiting: true` and answers requests above the documented rate per caller with 429; a data store states `redundancy: true` and fails over without losing committed data.',
        verification: 'A load test sends twice the documented rate from one caller and expects 429 for the excess while other callers are served; a failover test stops one replica and expects the store to keep answering.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE, 'Limits enforced by a gateway, CDN or WAF in front of the element: model that element and state `rate_limiting: true` on it.'],
    properties: ['rate_limiting', 'redundancy'],
  },
  messages: {
    process: 'Nothing says whether {{element}} limits what callers send through {{flows}}: one caller could exhaust it for everyone.',
    datastore: 'Nothing says whether {{element}} stays available when what reaches it through {{flows}} overwhelms or breaks it.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      const store = c.kind === 'datastore';
      // Throttling by a process in front (a gateway) counts, as it does for the specific rule.
      if (!store && flows.every((f) => f.source !== undefined && f.source.kind === 'process' && !f.source.client && ctx.prop(f.source, 'rate_limiting') === true)) return;
      const gap = ctx.gap(c, store ? 'redundancy' : 'rate_limiting');
      if (gap) ctx.report({ element: c, via: flows, messageId: store ? 'datastore' : 'process', data: { flows: flowList(flows) }, facts: [...entryFacts(ctx, flows), gap] });
    });
  },
});
