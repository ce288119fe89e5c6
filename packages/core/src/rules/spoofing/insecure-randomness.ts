import { defineRule } from '../../engine/define-rule.js';

const ISSUERS = ['password-reset', 'authenticates-users'] as const;

export const rule = defineRule({
  id: 'insecure-randomness',
  meta: {
    title: 'Guessable session, reset or verification tokens',
    category: 'spoofing',
    appliesTo: ['process', 'authenticates-users', 'password-reset'],
    description:
      'Tokens made with a general-purpose random generator (Math.random, java.util.Random, rand()), from timestamps or user ids, or too short, can be predicted from a few samples or brute-forced. Whoever predicts a reset link or session id takes over the account without any password.',
    references: { cwe: [330, 338, 340], capec: [59, 112], owasp: ['A04:2025', 'A07:2025'], asvs: ['V11.5.1', 'V7.2.3'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Generate every security token with a cryptographically secure generator, with at least 128 bits of entropy',
        acceptance: 'Session ids, reset, invitation and verification tokens come from the platform CSPRNG (crypto.randomBytes, SecureRandom, secrets) with at least 128 bits; none is derived from time, counters or user data.',
        verification: 'A code search (lint rule) forbids non-cryptographic generators in token code; a test collects 10 000 tokens and checks length, uniqueness and alphabet.',
      },
    ],
    falsePositives: ['Tokens issued by a maintained framework or identity provider: state `csprng_tokens: true`.'],
    properties: ['csprng_tokens'],
  },
  messages: {
    default: 'Tokens issued by {{element}} may be predictable, so an attacker could guess a reset link or session id.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const cap of ISSUERS) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id) || c.capabilities.has('is-external')) continue;
        seen.add(c.id);
        const gap = ctx.gap(c, 'csprng_tokens');
        if (!gap) continue;
        // Unstated: ask only where tokens travel by e-mail or link (reset), the classic guessable token.
        if (gap.kind === 'unstated' && !c.capabilities.has('password-reset')) continue;
        ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, cap), gap] });
      }
    }
  },
});
