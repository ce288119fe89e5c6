import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'dom-xss',
  meta: {
    title: 'DOM-based cross-site scripting in a single-page application',
    category: 'tampering',
    appliesTo: ['process', 'client-side-rendering'],
    description:
      'A single-page application builds the page in the browser from URL fragments, API data and user content. Writing any of it through innerHTML, document.write, framework escape hatches (dangerouslySetInnerHTML, v-html) or javascript: URLs runs an attacker\'s script in the user\'s session without the server ever seeing the payload.',
    references: { cwe: [79], capec: [588], owasp: ['A05:2025'], asvs: ['V3.2.2'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Enforce Trusted Types and sanitise the few HTML sinks',
        acceptance: 'The CSP sets require-trusted-types-for \'script\' with a single sanitising policy (e.g. DOMPurify); lint rules forbid raw HTML sinks outside that policy; URLs are validated to http(s) before use in links.',
        verification: 'An end-to-end test loads routes with payloads in the fragment, query and API data (e.g. an img tag with an onerror handler) and asserts no script runs and the console reports no Trusted Types violation.',
      },
    ],
    properties: ['trusted_types'],
  },
  messages: {
    default: '{{element}} builds pages in the browser; data written into the DOM could run an attacker\'s script.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('client-side-rendering')) {
      const reach = ctx.reach(c);
      if (!reach) continue;
      const gap = ctx.gap(c, 'trusted_types');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'client-side-rendering'), reach, gap, ctx.property(c, 'content_security_policy')] });
    }
  },
});
