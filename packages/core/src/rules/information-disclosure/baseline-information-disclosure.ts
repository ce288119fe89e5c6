import { defineRule } from '../../engine/define-rule.js';
import { BASELINE_FALSE_POSITIVE, BASELINE_META, entryFacts, flowGaps, flowList, forEachEntryPoint } from '../baseline.js';

export const rule = defineRule({
  id: 'baseline-information-disclosure',
  meta: {
    ...BASELINE_META,
    asksAboutFlows: true,
    title: 'Baseline: flows into an entry point not known to be encrypted',
    category: 'information-disclosure',
    description:
      'STRIDE per interaction, where the model says little: a flow enters this element from a less trusted zone or from a client, and neither the flow nor its protocol says whether it is encrypted in transit. Anyone on the network path could read what it carries (credentials, tokens, personal data) and alter it.',
    references: { cwe: [319], capec: [157], owasp: ['A04:2025'], asvs: ['V12'] },
    mitigations: [
      {
        title: 'Encrypt every flow that crosses into the element (TLS 1.2+, mTLS between services)',
        acceptance: 'Each flow into the element states `encrypted: true` or an encrypting protocol (https, tls, grpcs, …); clear-text connections are refused.',
        verification: 'A deployment test connects over clear text and expects a refusal or a redirect with HSTS; a TLS scan shows no protocol below 1.2.',
      },
    ],
    falsePositives: [BASELINE_FALSE_POSITIVE, 'Traffic inside an encrypted tunnel (VPN, service mesh) is encrypted even if the application protocol is not: state `encrypted: true`.'],
    properties: ['encrypted', 'protocol'],
  },
  messages: {
    default: 'Nothing says whether {{flows}} into {{element}} {{verb}} encrypted in transit: anyone on the path could read or alter {{pronoun}}.',
  },
  check(ctx) {
    forEachEntryPoint(ctx, (c, flows) => {
      const open = flowGaps(ctx, flows, 'encrypted');
      if (!open) return;
      const many = open.flows.length > 1;
      ctx.report({ element: c, via: open.flows, messageId: 'default', data: { flows: flowList(open.flows), verb: many ? 'are' : 'is', pronoun: many ? 'them' : 'it' }, facts: [...entryFacts(ctx, open.flows), ...open.facts] });
    });
  },
});
