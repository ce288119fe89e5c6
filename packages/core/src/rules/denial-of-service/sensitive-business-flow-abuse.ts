import { defineRule } from '../../engine/define-rule.js';
import { isUserAgent } from '../shared.js';

const BUSINESS_FLOWS = ['handles-payments', 'self-signup'] as const;

export const rule = defineRule({
  id: 'sensitive-business-flow-abuse',
  meta: {
    title: 'Automated abuse of sign-up, checkout or payment flows',
    category: 'denial-of-service',
    appliesTo: ['process', 'handles-payments', 'self-signup'],
    description:
      'Flows that are harmless one at a time hurt the business when scripted: bots buy up limited stock, create thousands of fake accounts for spam or promotions, test stolen cards through the payment form, or hold reservations until real customers give up. Rate limits per IP do not stop them; they rotate addresses.',
    references: { cwe: [799, 837], capec: [212], owasp: ['API6:2023'], asvs: ['V2.4.1'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Detect and limit automation on business flows: per-account and per-card velocity limits, device signals, and a challenge when they trip',
        acceptance: 'Sign-up, checkout and payment have documented per-account, per-card and per-device limits; exceeding one triggers a challenge or a hold, and the events are monitored.',
        verification: 'A test scripts 50 sign-ups (or card attempts) from rotating addresses and expects challenges or refusals after the documented limit.',
      },
    ],
    falsePositives: ['Flows behind a bot-management service or only for vetted business customers: state `bot_protection: true`.'],
    properties: ['bot_protection'],
  },
  messages: {
    default: 'Scripts can drive the {{flow}} of {{element}} at scale: fake accounts, stock hoarding or card testing.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const cap of BUSINESS_FLOWS) {
      for (const c of ctx.withCapability(cap)) {
        if (seen.has(c.id) || c.capabilities.has('is-external')) continue;
        seen.add(c.id);
        const from = c.in.find((f) => isUserAgent(f.source));
        const exposure = ctx.exposure(c);
        if (!from && !exposure) continue;
        const gap = ctx.gap(c, 'bot_protection');
        if (!gap) continue;
        const flow = cap === 'handles-payments' ? 'payment flow' : 'sign-up';
        ctx.report({ element: c, messageId: 'default', data: { flow }, facts: [ctx.capability(c, cap), from ? ctx.route(from) : exposure, gap] });
      }
    }
  },
});
