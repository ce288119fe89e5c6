import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'xxe',
  meta: {
    title: 'XML external entities',
    category: 'information-disclosure',
    appliesTo: ['process', 'parses-xml'],
    description:
      'A process parses XML that outsiders send (SOAP, SAML, uploads of office documents or SVG). With DTDs and external entities enabled, a document can read local files, make the server fetch internal URLs, or exhaust memory with nested entities (billion laughs).',
    references: { cwe: [611, 776], capec: [221], owasp: ['A02:2025', 'A05:2025'], asvs: ['V1.5.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Disable DTDs and external entities in every XML parser',
        acceptance: 'Every parser that handles outside XML is configured with DTD processing and external entity resolution off (e.g. disallow-doctype-decl); libraries that parse XML internally (SAML, document converters) are configured the same.',
        verification: 'A test posts a document with an external entity referencing a local file and a billion-laughs payload and asserts both are rejected without the file content or memory growth.',
      },
    ],
    properties: ['xml_entities_disabled'],
  },
  messages: {
    default: '{{element}} parses XML from outside; external entities could read files or reach internal services.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (!c.capabilities.has('executes-code')) continue;
      const parses = ctx.capability(c, 'parses-xml') ?? (c.in.some((f) => f.capabilities.has('carries-xml')) ? ctx.fact(c, 'receives', 'XML payloads') : undefined);
      if (!parses) continue;
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'xml_entities_disabled');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [parses, reach, gap] });
    }
  },
});
