import { defineRule } from '../../engine/define-rule.js';
import { checkQuerySinks } from '../injection.js';

export const rule = defineRule({
  id: 'nosql-injection',
  meta: {
    title: 'NoSQL injection',
    category: 'tampering',
    appliesTo: ['process', 'nosql-queryable'],
    description:
      'A process that untrusted input reaches queries a document or key-value store. When request JSON goes into a query as-is, operators such as $ne or $where change its meaning: logins without a password, reads across tenants, or server-side JavaScript.',
    references: { cwe: [943], capec: [676], owasp: ['A05:2025', 'API8:2023'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Type-check input and build queries from known fields',
        acceptance: 'Request bodies are validated against a schema with primitive types before use; query objects are built field by field, never from raw request objects; server-side JavaScript ($where, mapReduce) is disabled.',
        verification: 'A test sends {"$ne": null} and {"$gt": ""} in place of scalar fields to each endpoint and asserts a validation error.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{elements}}: request data placed in queries could inject query operators.',
  },
  check(ctx) {
    checkQuerySinks(ctx, { capability: 'nosql-queryable', safeguard: 'input_validation' }, 'default');
  },
});
