import { defineRule } from '../../engine/define-rule.js';
import { checkLocalSink } from '../injection.js';

export const rule = defineRule({
  id: 'xpath-injection',
  meta: {
    title: 'XPath injection',
    category: 'tampering',
    appliesTo: ['process', 'xpath-queryable'],
    description:
      'A process that untrusted input reaches evaluates XPath expressions built from it. Quotes and predicates in the input change the expression: bypass checks against an XML user store or read any node of the document.',
    references: { cwe: [643], capec: [83], owasp: ['A05:2025'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Use parameterised XPath or escape input',
        acceptance: 'XPath is evaluated with variables bound through the API (XPathVariableResolver or equivalent), not by concatenating input; input is validated against an allow-list.',
        verification: 'A test sends \' or \'1\'=\'1 and similar payloads and asserts the result matches only the intended node.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{element}} evaluates XPath built from untrusted input.',
  },
  check(ctx) {
    checkLocalSink(ctx, { capability: 'xpath-queryable', safeguard: 'input_validation' }, 'default');
  },
});
