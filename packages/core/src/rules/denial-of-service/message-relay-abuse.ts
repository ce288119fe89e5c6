import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'message-relay-abuse',
  meta: {
    title: 'Spam and abuse relayed through a public form',
    category: 'denial-of-service',
    appliesTo: ['process', 'sends-email'],
    description:
      'A public endpoint that makes the system send e-mail or messages (contact forms, invitations, "share this") can be scripted to send spam or phishing in the site\'s name, flood the recipient, exhaust the provider quota and get the sending domain blocked.',
    references: { cwe: [799, 770], capec: [125], owasp: ['API6:2023'], asvs: ['V2'] },
    defaults: { likelihood: 4, impact: 2 },
    mitigations: [
      {
        title: 'Throttle per client and challenge automated submissions; never let the sender choose recipients or free-form HTML',
        acceptance: 'The form is limited per IP and per session, shows a challenge after a threshold, sends only to fixed recipients and escapes the text.',
        verification: 'A test submits the form 20 times in a minute from one client and expects a challenge or 429 after the threshold.',
      },
    ],
    properties: ['rate_limiting', 'captcha'],
  },
  messages: {
    default: 'Scripts can make {{element}} send messages through {{target}} without limit: spam in your name and a blocked sending domain.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || c.exposure !== 'internet') continue;
      const relay = c.out.find((f) => f.target?.capabilities.has('sends-email'));
      if (!relay?.target) continue;
      const throttle = ctx.property(c, 'rate_limiting');
      const captcha = ctx.property(c, 'captcha');
      if (throttle?.value !== false || captcha?.value === true) continue;
      ctx.report({ element: c, messageId: 'default', data: { target: relay.target.component.name }, facts: [ctx.exposure(c), ctx.route(relay), throttle, captcha] });
    }
  },
});
