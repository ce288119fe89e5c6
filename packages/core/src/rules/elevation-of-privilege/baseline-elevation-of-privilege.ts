import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowGaps, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-elevation-of-privilege',
  meta: {
    ...BASELINE_META,
    asksAboutFlows: true,
    title: 'Baseline: requests into an entry point not known to be authorised',
    category: 'elevation-of-privilege',
    description:
      'STRIDE per interaction, where the model says little: a flow enters this element from a less trusted zone or from a client, and nothing says whether each request on it is authorised per action and per object. A caller could then do more than its role allows, or act on objects that belong to someone else.',
    references: { cwe: [285, 862, 639], capec: [122], owasp: ['A01:2025', 'API1:2023', 'API5:2023'], asvs: ['V8'] },
    mitigations: [
      {
        title: 'Authorise every request per action and per object, in one place, denying by default',
        acceptance: 'Each flow into the element states `authorized: true`; every handler checks the caller\'s role for the action and ownership or permission for each object id, and anything not allowed is refused.',
        verification: 'An automated test runs every operation as a lower-privileged caller and with another user\'s object ids and expects 403/404 with no side effects.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE],
    properties: ['authorized'],
  },
  messages: {
    default: 'Nothing says whether every request on {{flows}} into {{element}} is authorised per action and object: a caller could act beyond its rights.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      const open = flowGaps(ctx, flows, 'authorized');
      if (open) ctx.report({ element: c, via: open.flows, messageId: 'default', data: { flows: flowList(open.flows) }, facts: [...entryFacts(ctx, open.flows), ...open.facts] });
    });
  },
});
