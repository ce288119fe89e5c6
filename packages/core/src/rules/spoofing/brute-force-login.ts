import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'brute-force-login',
  meta: {
    title: 'Password guessing against one account',
    category: 'spoofing',
    appliesTo: ['process', 'authenticates-users'],
    description:
      'When nothing slows down repeated failed sign-ins for the same account, an attacker can guess the password of a chosen account (an administrator, a known customer) with common-password lists for as long as they like.',
    references: { cwe: [307], capec: [49, 112], owasp: ['A07:2025', 'API2:2023'], asvs: ['V6'] },
    defaults: { likelihood: 3, impact: 4 },
    mitigations: [
      {
        title: 'Slow down or lock an account after repeated failed sign-ins',
        acceptance: 'After 10 failures in an hour the account requires a challenge or waits with exponential back-off; the owner is notified.',
        verification: 'A test sends 11 failed sign-ins for one account from different IPs and expects the 11th to be challenged.',
      },
    ],
    falsePositives: ['Lockout and throttling implemented by a gateway in front of the sign-in: state `account_lockout: true` on the component and name the gateway in its description.'],
    properties: ['account_lockout', 'rate_limiting'],
  },
  messages: {
    default: 'Nothing stops an attacker from guessing the password of one chosen account on {{element}}, one attempt after another.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('authenticates-users')) {
      if (!c.reachable) continue;
      // Only when both safeguards are stated missing: unstated ones are already asked about by credential-stuffing.
      const lockout = ctx.property(c, 'account_lockout');
      const throttle = ctx.property(c, 'rate_limiting');
      if (lockout?.value !== false || throttle?.value !== false) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'authenticates-users'), ctx.reach(c), lockout, throttle] });
    }
  },
});
