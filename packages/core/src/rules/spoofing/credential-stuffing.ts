import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'credential-stuffing',
  meta: {
    title: 'Account takeover by credential stuffing',
    category: 'spoofing',
    appliesTo: ['process', 'authenticates-users'],
    description:
      'Attackers replay username and password pairs leaked from other sites against the sign-in, at scale and from many IP addresses. Every customer who reused a password is taken over: without a second factor or throttling per account and per client, nothing tells the stolen pairs from real sign-ins.',
    references: { cwe: [307, 1391], capec: [600], owasp: ['A07:2025', 'API2:2023'], asvs: ['V6'] },
    defaults: { likelihood: 4, impact: 4 },
    mitigations: [
      {
        title: 'Offer (or require, by risk) a second factor or passkeys',
        acceptance: 'Sign-ins from a new device or after failures ask for a second factor; accounts can enrol passkeys.',
        verification: 'An end-to-end test signs in with a correct password from a new device and expects a second-factor challenge.',
      },
      {
        title: 'Throttle failed sign-ins per account and per client, and check new passwords against breach corpuses',
        acceptance: 'At most 5 failures per minute per IP and 10 per hour per account before a challenge; breached passwords are refused at sign-up and reset.',
        verification: 'A test sends 6 failed sign-ins in a minute from one IP and expects 429; a test sets a password from a breach list and expects refusal.',
      },
    ],
    falsePositives: ['Sign-in is delegated to an identity provider that enforces MFA and throttling: model that provider as the component that authenticates users instead.'],
    properties: ['mfa', 'rate_limiting', 'breached_password_check'],
  },
  messages: {
    default: 'Attackers can replay leaked username/password pairs against the sign-in of {{element}} and take over every account whose password was reused elsewhere.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('authenticates-users')) {
      if (!c.reachable) continue;
      const mfa = ctx.gap(c, 'mfa');
      if (!mfa) continue;
      const throttle = ctx.gap(c, 'rate_limiting');
      if (!throttle) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'authenticates-users'), ctx.reach(c), mfa, throttle, ctx.gap(c, 'breached_password_check')] });
    }
  },
});
