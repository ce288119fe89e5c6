import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'llm-retrieval-poisoning',
  meta: {
    title: 'Poisoned content in a retrieval corpus',
    category: 'tampering',
    appliesTo: ['datastore', 'retrieval-store'],
    description:
      'Content that outsiders can submit (uploads, tickets, web pages, user profiles) is indexed into the retrieval corpus without review. An attacker plants documents that rank well for common questions and carry false answers or hidden instructions for every later user.',
    references: { cwe: [20, 1427], owasp: ['LLM04:2025', 'LLM08:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Review or restrict what enters the corpus, and keep its provenance',
        acceptance: 'Only content from vetted sources is indexed automatically; user-submitted content is reviewed or kept in a per-user scope; every chunk records its source and author so poisoned entries can be traced and removed.',
        verification: 'A test submits a document through each public path and asserts it is not retrievable by other users until approved.',
      },
    ],
    properties: ['ingestion_review'],
  },
  messages: {
    default: 'Outsiders can add content to {{element}}, which answers everyone\'s questions.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('retrieval-store')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'ingestion_review');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'retrieval-store'), reach, gap] });
    }
  },
});
