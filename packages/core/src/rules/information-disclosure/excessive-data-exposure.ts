import { defineRule } from '../../engine/define-rule.js';
import { labelOf } from '../../engine/run.js';
import type { FlowNode } from '../../graph/index.js';
import { isUserAgent } from '../shared.js';

export const rule = defineRule({
  id: 'excessive-data-exposure',
  meta: {
    title: 'API responses expose more object properties than the client shows',
    category: 'information-disclosure',
    appliesTo: ['process', 'api'],
    description:
      'APIs that serialise whole records and leave it to the client to show only some fields hand every caller the rest: other users\' e-mail addresses, internal flags, password hashes, tokens. Anyone can read the raw response in the browser or a proxy.',
    references: { cwe: [213, 359], capec: [37], owasp: ['API3:2023', 'A01:2025'], asvs: ['V15.3.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Build every response from an explicit per-endpoint response type (allow-list of fields), never by serialising model objects',
        acceptance: 'Each endpoint declares its response schema; fields not in it never leave the service; the schema is enforced on responses in tests.',
        verification: 'A contract test calls each endpoint and fails when a response carries a property not declared in its schema, or a known sensitive field (hash, token, internal flag).',
      },
    ],
    falsePositives: ['APIs whose responses are generated from declared schemas (e.g. response models validated by the framework): state `response_filtering: true`.'],
    properties: ['response_filtering'],
  },
  messages: {
    default: '{{element}} sends {{client}} data that may include properties the client never shows but any caller can read.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('api')) {
      // Gateways pass responses through: the fix belongs on the API behind them.
      if (c.capabilities.has('is-external') || c.capabilities.has('traffic-forwarder')) continue;
      // A response to a user agent: a flow to it, or a two-way flow from it.
      let response: FlowNode | undefined = c.out.find((f) => isUserAgent(f.target) && f.sensitivity >= 2);
      response ??= c.in.find((f) => isUserAgent(f.source) && f.flow.bidirectional === true && f.sensitivity >= 2);
      if (!response) continue;
      const gap = ctx.gap(c, 'response_filtering');
      if (!gap) continue;
      const agent = response.target === c ? response.source : response.target;
      ctx.report({
        element: c,
        messageId: 'default',
        data: { client: agent ? labelOf(agent) : 'its clients' },
        facts: [ctx.capability(c, 'api'), ctx.route(response), ctx.sensitiveData(response, 2), gap],
        assets: response.assets,
      });
    }
  },
});
