import { defineRule } from '../../engine/define-rule.js';
import { isUserAgent } from '../shared.js';

export const rule = defineRule({
  id: 'sensitive-change-without-reauth',
  meta: {
    title: 'Account settings change without re-authentication',
    category: 'spoofing',
    appliesTo: ['process', 'authenticates-users'],
    description:
      'If a signed-in session alone is enough to change the e-mail address, password, second factor or recovery settings, then anyone holding that session for a moment (a stolen cookie, an XSS payload, an unlocked laptop) turns it into a permanent account takeover by redirecting recovery to themselves.',
    references: { cwe: [620, 306], capec: [560], owasp: ['A07:2025'], asvs: ['V6.2.3', 'V7.5.1'] },
    defaults: { likelihood: 2, impact: 4 },
    mitigations: [
      {
        title: 'Ask for the current password or a second factor before changing e-mail, password, MFA or recovery settings, and notify the old address',
        acceptance: 'Each of these changes requires a fresh authentication (within the last few minutes); the previous e-mail address receives a notice with a way to undo.',
        verification: 'An integration test with a valid session but no fresh authentication tries each change and expects a re-authentication challenge; another checks the notice is sent.',
      },
    ],
    falsePositives: ['Accounts without self-service settings (changes only through support with identity checks): state `reauthentication: true`.'],
    properties: ['reauthentication'],
  },
  messages: {
    default: 'A session on {{element}} alone can change the e-mail, password or second factor, turning a stolen session into a lasting account takeover.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('authenticates-users')) {
      if (c.capabilities.has('is-external')) continue;
      const from = c.in.find((f) => isUserAgent(f.source));
      if (!from) continue;
      const gap = ctx.gap(c, 'reauthentication');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'authenticates-users'), ctx.route(from), gap] });
    }
  },
});
