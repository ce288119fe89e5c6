import { defineRule } from '../../engine/define-rule.js';
import { checkQuerySinks } from '../injection.js';

export const rule = defineRule({
  id: 'ldap-injection',
  meta: {
    title: 'LDAP injection',
    category: 'tampering',
    appliesTo: ['process', 'ldap-queryable'],
    description:
      'A process that untrusted input reaches searches a directory with filters built from it. Unescaped characters such as *, ( and ) change the filter: sign in as someone else, enumerate users and groups, or read attributes meant to stay private.',
    references: { cwe: [90], capec: [136], owasp: ['A05:2025'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Escape input in LDAP filters and distinguished names',
        acceptance: 'All values placed in LDAP filters are escaped per RFC 4515 (and DNs per RFC 4514) by the library; filters are built with the library API, not string concatenation.',
        verification: 'A test sends *)(uid=*))(|(uid=* and similar payloads as user names and asserts the search matches no other entries.',
      },
    ],
    properties: ['input_validation'],
  },
  messages: {
    default: '{{elements}}: directory filters built from input could be rewritten.',
  },
  check(ctx) {
    checkQuerySinks(ctx, { capability: 'ldap-queryable', safeguard: 'input_validation' }, 'default');
  },
});
