import { defineRule } from '../../engine/define-rule.js';
import type { ComponentNode, FlowNode } from '../../graph/index.js';
import { isUserAgent } from '../shared.js';

const isThirdPartyApi = (c: ComponentNode | undefined): boolean => c !== undefined && c.capabilities.has('third-party') && c.capabilities.has('is-external');

export const rule = defineRule({
  id: 'unsafe-api-consumption',
  meta: {
    title: 'Third-party API responses trusted blindly',
    category: 'tampering',
    appliesTo: ['process', 'third-party'],
    description:
      'Data from partner and provider APIs tends to be trusted more than user input, so it is stored and shown without validation. A compromised, spoofed or simply buggy provider then injects into our database and pages, redirects our calls, or exhausts us with huge responses.',
    references: { cwe: [20, 345], capec: [153], owasp: ['API10:2023', 'A08:2025'], asvs: ['V1.2.1', 'V15.3.1'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Validate third-party responses like user input: schema, size, types and encoding, over TLS, without following redirects blindly',
        acceptance: 'Every integration parses responses against a declared schema with size limits, rejects unexpected redirects, and stores or renders the result through the same encoding as user input.',
        verification: 'A test with a stubbed provider returns an oversized body, a script in a string field and a redirect to an internal address, and expects each to be refused or neutralised.',
      },
    ],
    falsePositives: ['Providers whose responses are only logged or passed through unchanged to the same user: state `validates_third_party_responses: true`.'],
    properties: ['validates_third_party_responses'],
  },
  messages: {
    default: '{{element}} takes data from {{provider}} into {{sink}} without treating it as untrusted input.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('executes-code')) {
      if (c.capabilities.has('is-external')) continue;
      // Data comes back from a third-party API: a flow from it, or a two-way call to it.
      let feed: FlowNode | undefined = c.in.find((f) => isThirdPartyApi(f.source));
      feed ??= c.out.find((f) => isThirdPartyApi(f.target) && f.flow.bidirectional === true);
      if (!feed) continue;
      const sink = c.out.find((f) => (f.target?.capabilities.has('holds-data') === true && !f.target.capabilities.has('is-external')) || isUserAgent(f.target));
      if (!sink?.target) continue;
      const gap = ctx.gap(c, 'validates_third_party_responses');
      if (!gap) continue;
      const provider = feed.source === c ? feed.target : feed.source;
      ctx.report({
        element: c,
        messageId: 'default',
        data: { provider: provider?.component.name ?? 'a third party', sink: sink.target.component.name },
        facts: [ctx.route(feed), provider ? ctx.capability(provider, 'third-party') : undefined, ctx.route(sink), gap],
      });
    }
  },
});
