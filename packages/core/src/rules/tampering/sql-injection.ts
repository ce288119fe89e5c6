import { defineRule } from '../../engine/define-rule.js';
import { checkQuerySinks } from '../injection.js';

export const rule = defineRule({
  id: 'sql-injection',
  meta: {
    title: 'SQL injection',
    category: 'tampering',
    appliesTo: ['process', 'sql-queryable'],
    description:
      'A process that untrusted input reaches sends SQL to a database. If any query is built by concatenating that input, an attacker can read, change or delete any data the database account can reach, and sometimes run commands on the database host.',
    references: { cwe: [89], capec: [66], owasp: ['A05:2025', 'API8:2023'] },
    defaults: { likelihood: 3, impact: 5 },
    mitigations: [
      {
        title: 'Use parameterised queries or a query builder everywhere',
        acceptance: 'Every query passes input as bound parameters (prepared statements, ORM query builders); no string concatenation or interpolation builds SQL; the database account has only the rights the service needs.',
        verification: 'A static-analysis rule (e.g. Semgrep or CodeQL SQL-injection queries) runs in CI with zero findings, and an integration test sends classic payloads (quote, UNION, boolean and time-based) to each endpoint and asserts no error or data change.',
      },
    ],
    properties: ['parameterized_queries'],
  },
  messages: {
    default: '{{elements}}: queries built from untrusted input could be rewritten by an attacker.',
  },
  check(ctx) {
    checkQuerySinks(ctx, { capability: 'sql-queryable', safeguard: 'parameterized_queries' }, 'default');
  },
});
