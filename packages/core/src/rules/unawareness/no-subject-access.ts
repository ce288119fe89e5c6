import { defineRule } from '../../engine/define-rule.js';
import { personalAssets, personalDataFact } from '../privacy.js';

export const rule = defineRule({
  id: 'no-subject-access',
  meta: {
    title: 'People cannot get a copy of the personal data held about them',
    category: 'unawareness',
    appliesTo: ['datastore'],
    description:
      'A system of record keeps personal data but there is no way for the people it describes to see or export it (right of access, GDPR art. 15; CCPA right to know). They cannot check what is held or correct it, and requests answered by hand are slow, incomplete or sent to the wrong person.',
    references: { cwe: [359], owasp: ['A02:2025'], asvs: ['V14.3.1'] },
    defaults: { likelihood: 3, impact: 2 },
    mitigations: [
      {
        title: 'Provide a verified access and export path',
        acceptance: 'A signed-in person (or a support process that verifies identity) can obtain every record about them from this store in a machine-readable format within the legal deadline (one month under the GDPR).',
        verification: 'A test creates a user with data in the store, requests an export and asserts every record with the user\'s identifiers appears in it, and that another user\'s request does not include them.',
      },
    ],
    falsePositives: ['Stores whose records cannot be tied to a person without disproportionate effort (pseudonymous telemetry) still need an answer: state `data_access_requests: true` with the reason in the description, or mark the asset `personal_data: false` if it is not personal data.'],
    properties: ['data_access_requests'],
  },
  messages: {
    default: 'People cannot get a copy of their personal data ({{assets}}) held in {{element}}.',
  },
  check(ctx) {
    for (const c of ctx.withCapability('holds-data')) {
      // Systems of record: written by our own processes.
      if (!c.in.some((f) => f.source?.capabilities.has('executes-code'))) continue;
      const personal = personalAssets(ctx, c.stored);
      if (personal.length === 0) continue;
      const gap = ctx.gap(c, 'data_access_requests');
      if (!gap) continue;
      ctx.report({ element: c, messageId: 'default', data: { assets: personal.join(', ') }, facts: [personalDataFact(ctx, c, personal, 'stores personal data'), gap], assets: personal });
    }
  },
});
