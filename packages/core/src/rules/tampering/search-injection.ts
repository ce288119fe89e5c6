import { defineRule } from '../../engine/define-rule.js';
import { checkQuerySinks } from '../injection.js';

export const rule = defineRule({
  id: 'search-injection',
  meta: {
    title: 'Search query injection',
    category: 'tampering',
    appliesTo: ['process', 'search-queryable'],
    description:
      'A process that untrusted input reaches passes it into full-text search queries. Query-string syntax and raw query DSL let users search fields and indexes they should not see, or run scripts and expensive queries that take the cluster down.',
    references: { cwe: [943], capec: [676], owasp: ['A05:2025'] },
    defaults: { likelihood: 2, impact: 3 },
    mitigations: [
      {
        title: 'Use structured queries with input only as terms',
        acceptance: 'User input is used only as match terms in structured queries (never as query_string syntax or raw DSL); searches are restricted to the caller\'s documents by a filter the user cannot change; scripting is disabled.',
        verification: 'A test searches with field syntax (e.g. owner:*), wildcards and script payloads and asserts only the caller\'s documents are returned and no script runs.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{elements}}: search syntax in input could reach other fields, indexes or scripts.',
  },
  check(ctx) {
    checkQuerySinks(ctx, { capability: 'search-queryable', safeguard: 'input_validation' }, 'default');
  },
});
