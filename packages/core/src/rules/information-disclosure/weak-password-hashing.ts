import { defineRule } from '../../engine/define-rule.js';
import { labelOf } from '../../engine/run.js';
import { questionFor } from '../../engine/evidence.js';
import type { Unstated } from '../../engine/types.js';

const STRONG = new Set(['argon2', 'argon2id', 'bcrypt', 'scrypt', 'pbkdf2']);
/** Asset types that are users' passwords (not keys or tokens, which are not hashed but kept secret). */
const PASSWORD_TYPES = new Set(['password']);

export const rule = defineRule({
  id: 'weak-password-hashing',
  meta: {
    title: 'Passwords stored with a weak or no hash',
    category: 'information-disclosure',
    appliesTo: ['process', 'datastore'],
    description:
      'Passwords stored in plain text, encrypted reversibly, or hashed with a fast hash (SHA-256, SHA-1, MD5) are recovered at billions of guesses per second once the table leaks, and then work on the users\' other accounts too.',
    references: { cwe: [916, 256, 759], capec: [55], owasp: ['A04:2025', 'A07:2025'], asvs: ['V11', 'V6'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Hash passwords with Argon2id (or scrypt/bcrypt) with a per-user salt, and rehash on next sign-in',
        acceptance: 'New and changed passwords are stored as Argon2id with parameters from the OWASP cheat sheet; legacy hashes are upgraded at sign-in and expired after 90 days.',
        verification: 'A test reads a freshly created user\'s hash and checks its Argon2id prefix and parameters.',
      },
    ],
    properties: ['password_hashing'],
  },
  messages: {
    default: 'Passwords kept by {{element}} ({{hashing}}) are recovered quickly once the table leaks.',
    unstated: '{{element}} keeps passwords ({{asset}}), and how they are hashed is not stated: a stolen copy may give every one of them away.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      const f = ctx.property(c, 'password_hashing');
      if (f === undefined) {
        // A data store that keeps passwords, and says nothing about how: ask.
        const kept = c.kind === 'datastore' ? [...c.stored].find((id) => PASSWORD_TYPES.has(ctx.graph.assets.get(id)?.asset.type ?? '')) : undefined;
        if (kept === undefined) continue;
        const unstated: Unstated = { kind: 'unstated', subject: c.id, key: 'password_hashing', safe: 'argon2', question: questionFor('password_hashing', labelOf(c)) };
        ctx.report({ element: c, messageId: 'unstated', data: { asset: kept }, facts: [ctx.sensitiveData(c, 2)], unstated: [unstated] });
        continue;
      }
      if (typeof f.value !== 'string' || STRONG.has(f.value.toLowerCase())) continue;
      ctx.report({ element: c, messageId: 'default', data: { hashing: f.value }, facts: [f] });
    }
  },
});
