import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'precise-location-shared',
  meta: {
    title: 'Precise location shared with a third party',
    category: 'detecting',
    appliesTo: ['flow', 'third-party'],
    description:
      'Exact location (GPS coordinates, precise addresses, Wi-Fi or cell positions) goes to a third party. A few points a day reveal where a person lives, works, worships or seeks care, and the recipient can track and re-identify them even when no name is attached.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Coarsen location before it leaves',
        acceptance: 'Location sent to third parties is reduced to the precision the purpose needs (e.g. city, or coordinates rounded to 2 decimal places) and never carries a persistent identifier with it.',
        verification: 'A test captures the outgoing request to the recipient and asserts coordinates have at most the agreed precision.',
      },
    ],
    falsePositives: ['Sharing the exact location is the service the person asked for (a delivery address given to the courier): state `location_precision_reduced: true` on the flow with the reason, or mark it out of scope.'],
    properties: ['location_precision_reduced'],
  },
  messages: {
    default: 'Precise location ({{assets}}) goes to the third party {{target}} on {{flow}}.',
  },
  check(ctx) {
    for (const f of ctx.flows) {
      if (!isThirdParty(f.target) || !f.source?.capabilities.has('executes-code')) continue;
      const location: string[] = [];
      for (const id of f.assets) if (ctx.graph.assets.get(id)?.asset.type === 'location') location.push(id);
      if (location.length === 0) continue;
      // Coarsened by the sender before anything leaves it.
      if (ctx.prop(f.source, 'location_precision_reduced') === true) continue;
      const gap = ctx.gap(f, 'location_precision_reduced');
      if (!gap) continue;
      ctx.report({ element: f, messageId: 'default', data: { flow: f.id, assets: location.join(', ') }, facts: [ctx.route(f), personalDataFact(ctx, f, location, 'carries location'), gap], assets: location });
    }
  },
});
