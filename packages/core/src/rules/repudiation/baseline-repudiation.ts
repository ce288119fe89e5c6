import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-repudiation',
  meta: {
    ...BASELINE_META,
    title: 'Baseline: an entry point not known to keep an audit trail',
    category: 'repudiation',
    description:
      'STRIDE per interaction, where the model says little: flows enter this element from a less trusted zone or from clients, and nothing says whether it records who did what. Actions taken through it could later be denied, and misuse could not be investigated.',
    references: { cwe: [778, 223], capec: [268], owasp: ['A09:2025'], asvs: ['V16'] },
    mitigations: [
      {
        title: 'Record security-relevant actions with who, what, when, from where and the outcome, where the actor cannot alter them',
        acceptance: 'The element states `audit_logging: true`; state-changing and security-relevant requests each write an audit record with actor, action, target, time, source and outcome to a store the element cannot rewrite.',
        verification: 'A test performs each audited action and asserts the matching record exists with every field.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE, 'Audit records written by a gateway or platform in front of the element: state `audit_logging: true` on the element and name the source in its description.'],
    properties: ['audit_logging'],
  },
  messages: {
    default: 'Nothing says whether {{element}} records who did what through {{flows}}: actions taken through {{pronoun}} could later be denied.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      const gap = ctx.gap(c, 'audit_logging');
      if (gap) ctx.report({ element: c, via: flows, messageId: 'default', data: { flows: flowList(flows), pronoun: flows.length > 1 ? 'them' : 'it' }, facts: [...entryFacts(ctx, flows), gap] });
    });
  },
});
