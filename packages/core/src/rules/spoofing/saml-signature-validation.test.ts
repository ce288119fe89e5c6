import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './saml-signature-validation.js';

const sso = (props: Record<string, boolean>, flowProps: Record<string, boolean> = {}) =>
  build().external('U', { type: 'browser' }).process('S', { type: 'web-app', properties: props }).flow('U', 'S', { protocol: 'https', authentication: 'saml', properties: flowProps });

new RuleTester().run(rule, {
  valid: [
    { name: 'the service validates assertions', model: sso({ saml_signature_validation: true }).model() },
    { name: 'stated on the flow', model: sso({}, { saml_signature_validation: true }).model() },
    { name: 'no SAML in use', model: build().external('U', { type: 'browser' }).process('S', { type: 'web-app' }).flow('U', 'S', { authentication: 'oidc' }).model() },
  ],
  invalid: [
    { name: 'stated unvalidated on the service', model: sso({ saml_signature_validation: false }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'stated unvalidated on the flow', model: sso({}, { saml_signature_validation: false }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    {
      name: 'two SAML flows into one service give one finding',
      model: sso({}).external('I', { type: 'identity-provider' }).flow('I', 'S', { authentication: 'SAML 2.0' }).model(),
      findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.saml_signature_validation'] }],
    },
  ],
});
