import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-tampering',
  meta: {
    ...BASELINE_META,
    title: 'Baseline: an entry point not known to validate input or restrict writes',
    category: 'tampering',
    description:
      'STRIDE per interaction, where the model says little: flows enter this element from a less trusted zone or from clients, and nothing says whether a process validates what arrives, or who may write to a data store and with which rights. A caller could send data that changes the element\'s behaviour or alters the records it keeps.',
    references: { cwe: [20, 345, 732], capec: [153, 75], owasp: ['A05:2025', 'A01:2025'], asvs: ['V2', 'V8'] },
    mitigations: [
      {
        title: 'Validate every request against an allow-list schema at the entry point; give writers of a data store only the rights they need',
        acceptance: 'A process states `input_validation: true` and refuses schema-violating requests with 400 before any handler runs; a data store states `least_privilege: true`, and each account that writes to it may change only what it owns.',
        verification: 'A contract-fuzzing test sends schema-violating requests to every entry point and expects 400 without side effects; a test writes with each account to data it does not own and expects a refusal.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE],
    properties: ['input_validation', 'least_privilege'],
  },
  messages: {
    process: 'Nothing says whether {{element}} validates what arrives through {{flows}}: a caller could send input that changes its behaviour.',
    datastore: 'Nothing says who may write to {{element}} through {{flows}}, and with which rights: whoever reaches it could alter its data.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      const store = c.kind === 'datastore';
      const gap = ctx.gap(c, store ? 'least_privilege' : 'input_validation');
      if (gap) ctx.report({ element: c, via: flows, messageId: store ? 'datastore' : 'process', data: { flows: flowList(flows) }, facts: [...entryFacts(ctx, flows), gap] });
    });
  },
});
