import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'insecure-deserialization',
  meta: {
    title: 'Remote code execution through untrusted deserialization',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'deserializes-untrusted'],
    description:
      'Native deserialisers (Java serialization, .NET BinaryFormatter, Python pickle, PHP unserialize, YAML with object tags) instantiate whatever classes the input names. A crafted object graph from a cookie, message or file runs code on the server with the service\'s rights.',
    references: { cwe: [502], capec: [586], owasp: ['A08:2025'], asvs: ['V1'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Replace native deserialisation of untrusted data with a data-only format and a schema',
        acceptance: 'Untrusted input is parsed as JSON (or similar) into plain data validated by a schema; native deserialisers are removed or restricted to an allow-list of classes.',
        verification: 'A test feeds a known gadget-chain payload (e.g. from ysoserial) and asserts it is rejected without instantiating classes.',
      },
    ],
    properties: ['deserializes_untrusted'],
  },
  messages: {
    default: 'A crafted serialized object sent to {{element}} can run code on it with the service\'s rights.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('deserializes-untrusted')) {
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'deserializes-untrusted'), ctx.reach(c)] });
    }
  },
});
