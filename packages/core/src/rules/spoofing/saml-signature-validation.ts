import { defineRule } from '../../engine/define-rule.js';

const SAML = /saml/i;

export const rule = defineRule({
  id: 'saml-signature-validation',
  meta: {
    title: 'Forged or altered SAML assertions accepted',
    category: 'spoofing',
    appliesTo: ['process', 'flow'],
    description:
      'A service provider that checks a SAML response loosely (signature optional, signature over the wrong element, comments or wrapping that change which assertion is read, issuer or audience not checked) lets anyone sign in as any user by editing the assertion the browser carries.',
    references: { cwe: [347, 287], capec: [475, 196], owasp: ['A07:2025', 'A08:2025'], asvs: ['V10.6'] },
    defaults: { likelihood: 2, impact: 5 },
    mitigations: [
      {
        title: 'Require a valid signature over the assertion, pin the IdP certificate, and check issuer, audience, recipient and validity window with a maintained library',
        acceptance: 'Unsigned responses, signatures by other keys, wrapped or duplicated assertions, wrong audience or recipient and expired assertions are all refused.',
        verification: 'A test replays a captured response with the NameID changed, with the signature removed, with an XML-signature-wrapping variant and with another audience, and expects each to be refused.',
      },
    ],
    falsePositives: ['SAML handled by a well-configured, up-to-date gateway in front: state `saml_signature_validation: true` on the service.'],
    properties: ['saml_signature_validation'],
  },
  messages: {
    default: '{{element}} may accept SAML assertions that were forged or altered on their way through the browser.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const f of ctx.flows) {
      const how = f.flow.authentication;
      const sp = f.target;
      if (how === undefined || !SAML.test(how) || !sp || sp.capabilities.has('is-external') || seen.has(sp.id)) continue;
      seen.add(sp.id);
      const onFlow = ctx.prop(f, 'saml_signature_validation');
      if (onFlow === true) continue;
      const gap = onFlow === false ? ctx.property(f, 'saml_signature_validation') : ctx.gap(sp, 'saml_signature_validation');
      if (!gap) continue;
      ctx.report({ element: sp, messageId: 'default', facts: [ctx.route(f), ctx.fact(f, 'authentication', how), gap] });
    }
  },
});
