import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'data-store-exposed-to-internet',
  meta: {
    title: 'A data store is reachable directly from the internet',
    category: 'information-disclosure',
    appliesTo: ['datastore'],
    description:
      'Untrusted parties talk to a data store directly rather than through an application that enforces who may read what. Databases, caches and search clusters exposed this way are found by scanners within hours and emptied through default accounts, weak passwords or unpatched services.',
    references: { cwe: [284, 668], owasp: ['A01:2025', 'A02:2025'] },
    defaults: { likelihood: 4, impact: 4 },
    mitigations: [
      {
        title: 'Put the store behind an application or a private network',
        acceptance: 'The store listens only on a private network; clients reach data through an API that authenticates and authorises each request; administrative access goes through a bastion or VPN with MFA.',
        verification: 'An external scan of the public addresses asserts the store\'s ports are closed.',
      },
    ],
    falsePositives: ['Managed stores designed for direct client access with per-user rules (e.g. Firestore with security rules) should state `network_segmentation: true` and be covered by the authorization rules.'],
    properties: ['network_segmentation'],
  },
  messages: {
    default: 'Untrusted parties reach {{element}} directly.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      if (c.exposure !== 'internet' || c.capabilities.has('object-store')) continue;
      const gap = ctx.gap(c, 'network_segmentation');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', facts: [ctx.exposure(c), ctx.sensitiveData(c, 1), gap] });
    }
  },
});
