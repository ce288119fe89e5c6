import { defineRule } from '../../engine/define-rule.js';
import { highIntegrityAssets } from '../shared.js';

export const rule = defineRule({
  id: 'payment-tampering',
  meta: {
    title: 'Payment amount or beneficiary tampering',
    category: 'tampering',
    appliesTo: ['process', 'handles-payments'],
    description:
      'A service that moves money acts on the amount, currency and beneficiary it receives. If nothing binds those fields to what the payer approved (a signature or a server-side record of the approved instruction), a tampered client, a compromised intermediary or a replay can change them: the payer loses money or pays someone else.',
    references: { cwe: [345, 472, 602], capec: [39, 153], owasp: ['A08:2025', 'API6:2023'], asvs: ['V2'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Bind the instruction to what the payer approved',
        acceptance: 'Amount, currency and beneficiary are signed by the caller (or confirmed by strong customer authentication over exactly those values) and re-checked before submission; prices and fees come from the server, never the client.',
        verification: 'A test changes the amount of a signed or confirmed instruction in flight and expects the payment to be refused and an alert logged.',
      },
    ],
    falsePositives: ['Payments whose amount is computed entirely on the server (from an order it stores) cannot be altered by the caller: state `request_signing: true` with that justification in the description.'],
    properties: ['request_signing', 'idempotency_keys'],
  },
  messages: {
    default: 'The amount or beneficiary of a payment that {{element}} accepts can be altered between what the payer approved and what is paid.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('handles-payments')) {
      if (!c.reachable) continue;
      const inbound = c.in.find((f) => highIntegrityAssets(f, ctx.graph.assets).length > 0);
      if (!inbound) continue;
      const signing = ctx.gap(c, 'request_signing');
      if (!signing) continue;
      ctx.report({
        element: c,
        messageId: 'default',
        facts: [ctx.capability(c, 'handles-payments'), ctx.fact(inbound, 'high-integrity data', highIntegrityAssets(inbound, ctx.graph.assets).join(', ')), ctx.reach(c), signing, ctx.gap(c, 'idempotency_keys')],
      });
    }
  },
});
