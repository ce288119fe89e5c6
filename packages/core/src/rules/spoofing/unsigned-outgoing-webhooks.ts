import { defineRule } from '../../engine/define-rule.js';
import { isThirdParty } from '../privacy.js';

export const rule = defineRule({
  id: 'unsigned-outgoing-webhooks',
  meta: {
    title: 'Receivers cannot tell our webhooks from forgeries',
    category: 'spoofing',
    appliesTo: ['process', 'calls-out-to-urls'],
    description:
      'The system sends webhooks or callbacks to other parties without signing them. Receivers cannot verify that a notification came from us, so anyone who learns their endpoint can send fake events in our name (payment succeeded, account verified).',
    references: { cwe: [345, 347], capec: [148], owasp: ['A08:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Sign every webhook and document verification',
        acceptance: 'Each webhook carries an HMAC signature over the body and a timestamp with a per-receiver secret (or an asymmetric signature); receivers are told to reject old or unsigned deliveries; secrets can be rotated.',
        verification: 'A test captures a delivery and asserts the signature verifies with the receiver\'s secret and fails after changing one byte of the body.',
      },
    ],
    properties: ['request_signing'],
  },
  messages: {
    default: '{{element}} sends webhooks to {{receivers}} that they cannot verify as ours.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('calls-out-to-urls')) {
      const deliveries = c.out.filter((f) => isThirdParty(f.target));
      if (deliveries.length === 0) continue;
      const gap = ctx.gap(c, 'request_signing');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { receivers: deliveries.map((f) => f.target?.id ?? f.id).join(', ') }, facts: [ctx.capability(c, 'calls-out-to-urls'), ...deliveries.map((f) => ctx.route(f)), gap] });
    }
  },
});
