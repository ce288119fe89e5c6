import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowGaps, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-spoofing',
  meta: {
    ...BASELINE_META,
    asksAboutFlows: true,
    title: 'Baseline: callers of an entry point not known to be authenticated',
    category: 'spoofing',
    description:
      'STRIDE per interaction, where the model says little: a flow enters this element from a less trusted zone or from a client, and nothing in the model says whether its sender is authenticated. Whoever can reach the element could then pretend to be a legitimate caller (a user, a partner system, another service) and be served as one.',
    references: { cwe: [287, 290], capec: [151], owasp: ['A07:2025'], asvs: ['V6'] },
    mitigations: [
      {
        title: 'Authenticate every caller of the entry point (users by session or token, services by mTLS or signed tokens)',
        acceptance: 'Each flow into the element states `authenticated: true` and its `authentication` method; requests without valid credentials are refused with 401 before any handler runs.',
        verification: 'An automated test calls each entry point without credentials and with expired or forged ones and expects 401 and no side effects.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE, 'A deliberately public, anonymous endpoint (a landing page, a public read API): state `authenticated: false` and record an accepted decision that says why.'],
    properties: ['authenticated', 'authentication'],
  },
  messages: {
    default: 'Nothing says whether the senders of {{flows}} into {{element}} are authenticated: a caller could pretend to be someone it is not.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      // A stated method of authentication answers the question as well as `authenticated: true`.
      const open = flowGaps(ctx, flows, 'authenticated', (f) => f.flow.authentication !== undefined);
      if (open) ctx.report({ element: c, via: open.flows, messageId: 'default', data: { flows: flowList(open.flows) }, facts: [...entryFacts(ctx, open.flows), ...open.facts] });
    });
  },
});
