import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'reset-flooding',
  meta: {
    title: 'Password-reset and notification flooding',
    category: 'denial-of-service',
    appliesTo: ['process', 'password-reset'],
    description:
      'An unthrottled "send me a reset link" lets anyone bomb a victim\'s inbox, burn the e-mail or SMS budget, get the sending domain blocked as spam, and probe which addresses have accounts.',
    references: { cwe: [799, 770], capec: [125], owasp: ['API6:2023', 'A07:2025'], asvs: ['V6', 'V2'] },
    defaults: { likelihood: 3, impact: 2 },
    mitigations: [
      {
        title: 'Limit reset requests per address and per client, and answer the same whether or not the account exists',
        acceptance: 'At most 3 reset e-mails per address per hour and 10 requests per client per hour; the response and its timing do not reveal whether the address is registered.',
        verification: 'A test requests 4 resets for one address within an hour and checks only 3 e-mails are queued and all responses are identical.',
      },
    ],
    properties: ['rate_limiting'],
  },
  messages: {
    default: 'Anyone can make {{element}} send reset messages without limit: inbox bombing, spent e-mail budget, a blocked sending domain.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('password-reset')) {
      const f = ctx.property(c, 'rate_limiting');
      if (f?.value !== false || !c.reachable) continue;
      const mail = c.out.find((x) => x.target?.capabilities.has('sends-email'));
      ctx.report({ element: c, messageId: 'default', facts: [ctx.capability(c, 'password-reset'), f, mail ? ctx.route(mail) : undefined, ctx.reach(c)] });
    }
  },
});
