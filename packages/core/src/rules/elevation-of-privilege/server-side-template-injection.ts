import { defineRule } from '../../engine/define-rule.js';
import { checkLocalSink } from '../injection.js';

export const rule = defineRule({
  id: 'server-side-template-injection',
  meta: {
    title: 'Server-side template injection',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'renders-user-templates'],
    description:
      'Users can write templates that the server renders. Template languages reach objects and functions of the host language, so a crafted template runs code on the server.',
    references: { cwe: [1336, 94], capec: [242], owasp: ['A05:2025'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Render user templates in a logic-less or sandboxed engine',
        acceptance: 'User-editable templates use a logic-less language (Mustache, Liquid in strict mode) or a sandboxed environment with no access to host objects; templates are validated before saving.',
        verification: 'A test saves templates with engine-specific payloads (arithmetic such as 7*7 in the engine\'s expression syntax, constructor lookups, import statements) and asserts they render literally or are rejected.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{element}} renders templates that users write; a template can run code on the server.',
  },
  check(ctx) {
    checkLocalSink(ctx, { capability: 'renders-user-templates', safeguard: 'input_validation' }, 'default');
  },
});
