import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'card-data-stored',
  meta: {
    title: 'Card numbers stored instead of provider tokens',
    category: 'information-disclosure',
    appliesTo: ['datastore', 'payment-card'],
    description:
      'A store keeps payment card numbers. Every system that touches them falls in PCI DSS scope, and a breach exposes cards that attackers monetise at once. Payment providers can hold the card and give back a token that is useless elsewhere.',
    references: { cwe: [311, 359], owasp: ['A02:2025'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Tokenise with the payment provider',
        acceptance: 'Card details are collected by the provider\'s hosted fields or SDK and never reach our servers; the store keeps only the provider\'s token and the last four digits.',
        verification: 'A test completes a payment and scans the database and logs for 13–19-digit numbers passing the Luhn check, asserting none is found.',
      },
    ],
    properties: ['tokenization'],
  },
  messages: {
    default: '{{element}} stores payment card data ({{assets}}) rather than provider tokens.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      const cards = [...c.stored].filter((id) => ctx.graph.assets.get(id)?.asset.type === 'payment-card');
      if (cards.length === 0) continue;
      const gap = ctx.gap(c, 'tokenization');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: cards.join(', ') }, facts: [ctx.fact(c, 'stores payment card data', cards.join(', ')), gap], assets: cards });
    }
  },
});
