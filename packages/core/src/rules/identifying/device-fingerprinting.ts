import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'device-fingerprinting',
  meta: {
    title: 'Devices fingerprinted without consent',
    category: 'identifying',
    appliesTo: ['fingerprints-devices', 'analytics', 'third-party'],
    description:
      'Browsers or devices are recognised from their characteristics (canvas and font rendering, headers, screen, installed features) instead of cookies. People cannot see or clear the identifier, so they are tracked across sites and sessions after deleting cookies or declining them, and the ePrivacy rules on accessing terminal information (and the GDPR) require consent for it.',
    references: { cwe: [359], owasp: ['A02:2025'] },
    defaults: { likelihood: 3, impact: 3 },
    mitigations: [
      {
        title: 'Fingerprint only with consent, or not at all',
        acceptance: 'Fingerprinting scripts load only after the person has consented to tracking; where it serves fraud prevention, the data is used for that purpose alone, kept briefly and disclosed in the privacy notice.',
        verification: 'An end-to-end test loads the pages without consent and asserts no request goes to the fingerprinting script or endpoint.',
      },
    ],
    falsePositives: ['Fingerprinting used strictly for fraud or bot detection on sign-in may rest on legitimate interest: state `consent: true` once that basis is documented, or mark the element out of scope with the reason.'],
    properties: ['fingerprinting', 'consent'],
  },
  messages: {
    default: '{{element}} fingerprints devices to recognise people, without their consent.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('fingerprints-devices')) {
      const gap = ctx.gap(c, 'consent');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.property(c, 'fingerprinting') ?? ctx.capability(c, 'fingerprints-devices'), gap] });
    }
  },
});
