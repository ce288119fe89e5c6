import { defineRule } from '../../engine/define-rule.js';
import { personalDataFact, personalDataToThirdParties } from '../privacy.js';

export const rule = defineRule({
  id: 'cross-context-linking',
  meta: {
    title: 'The same identifiers shared with several third parties can be linked',
    category: 'linking',
    appliesTo: ['process', 'external-entity'],
    description:
      'When one element sends the same personal identifiers to two or more third parties, each of them (or anyone who obtains their data) can join their records on those identifiers and build a profile that none of the purposes needed.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Give each third party its own pseudonymous identifier',
        acceptance: 'Identifiers sent to third parties are per-recipient pseudonyms (e.g. keyed hashes with a secret per recipient); no recipient gets an e-mail address or the internal user id unless the purpose requires it.',
        verification: 'A contract test captures outgoing payloads to each third party and fails if two recipients receive the same identifier value.',
      },
    ],
    falsePositives: ['Recipients that need the real identity (a payment provider needs the card holder) are listed, but the finding asks whether every one of them does.'],
    properties: ['pseudonymization'],
  },
  messages: {
    default: '{{element}} sends personal data to {{count}} third parties ({{recipients}}), which can link their records on the same identifiers.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const shares = personalDataToThirdParties(ctx, c);
      const recipients = new Set(shares.map((s) => s.flow.target?.id ?? ''));
      if (recipients.size < 2) continue;
      const gap = ctx.gap(c, 'pseudonymization');
      if (!gap) continue;
      const personal = [...new Set(shares.flatMap((s) => s.personal))].sort();
      ctx.report({
        element: c,
        messageId: 'default',
        data: { count: recipients.size, recipients: [...recipients].sort().join(', ') },
        facts: [...shares.map((s) => ctx.route(s.flow)), personalDataFact(ctx, c, personal, 'shares personal data'), gap],
        assets: personal,
      });
    }
  },
});
