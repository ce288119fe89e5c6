import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'llm-sensitive-retrieval',
  meta: {
    title: 'Retrieval hands users documents they may not read',
    category: 'information-disclosure',
    appliesTo: ['process', 'retrieval-over-private-data', 'retrieval-store'],
    description:
      'A retrieval-augmented application searches a corpus of private or per-user documents and puts the matches into the model\'s context. Unless retrieval applies the calling user\'s permissions, anyone can ask the right question and read other people\'s documents in the answer.',
    references: { cwe: [639, 200], owasp: ['LLM02:2025', 'LLM08:2025', 'A01:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Filter retrieval by the caller\'s permissions',
        acceptance: 'Every indexed chunk carries the access-control list of its source; queries filter on the calling user\'s identity and groups before ranking; answers cite only documents the user can open.',
        verification: 'A test indexes documents for two users and asserts that user A\'s questions never return or quote user B\'s documents.',
      },
    ],
    properties: ['retrieval_access_control'],
  },
  messages: {
    default: '{{element}} retrieves private documents into answers without checking that the asking user may read them.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-model-output')) {
      const fromStore = c.in.find((f) => (f.source?.capabilities.has('retrieval-store') ?? false) && (f.source?.sensitivity ?? -1) >= 2);
      const privateData = ctx.capability(c, 'retrieval-over-private-data');
      if (!fromStore && !privateData) continue;
      const gap = ctx.gap(c, 'retrieval_access_control');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [privateData, fromStore ? ctx.route(fromStore) : undefined, fromStore?.source ? ctx.sensitiveData(fromStore.source, 2) : undefined, gap] });
    }
  },
});
