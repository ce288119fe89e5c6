import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'prototype-pollution',
  meta: {
    title: 'Prototype pollution through merged request objects',
    category: 'tampering',
    appliesTo: ['process', 'deep-merges-input'],
    description:
      'A JavaScript service deep-merges or clones objects from requests. A key such as __proto__ or constructor.prototype changes the prototype of every object in the process: flags like isAdmin appear everywhere, checks are bypassed, and some template engines turn it into remote code execution.',
    references: { cwe: [1321, 915], capec: [1], owasp: ['A05:2025', 'A08:2025'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Reject prototype keys and merge into prototype-less objects',
        acceptance: 'Input is validated against a schema that forbids __proto__, constructor and prototype keys; merges target Object.create(null) or Map; the runtime runs with --disable-proto=throw where possible.',
        verification: 'A test sends {"__proto__": {"polluted": true}} and {"constructor": {"prototype": {"polluted": true}}} to each merging endpoint and asserts ({}).polluted stays undefined.',
      },
    ],
    properties: ['prototype_pollution_safe'],
  },
  messages: {
    default: '{{element}} deep-merges objects from requests; a __proto__ key could change every object in the process.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('deep-merges-input')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'prototype_pollution_safe');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'deep-merges-input'), reach, gap] });
    }
  },
});
