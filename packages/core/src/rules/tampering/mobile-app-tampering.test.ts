import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './mobile-app-tampering.js';

type Props = Record<string, boolean>;
const pay = (appProps: Props = {}, serverProps: Props = {}, target = 'payment-service') =>
  build().external('M', { type: 'mobile-app', properties: appProps }).process('P', { type: target, properties: serverProps }).flow('M', 'P', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'attestation stated on the app', model: pay({ app_attestation: true }) },
    { name: 'attestation stated on the server that verifies it', model: pay({}, { app_attestation: true }) },
    { name: 'app only reads a catalogue', model: pay({}, {}, 'api') },
    { name: 'a browser is not a client app', model: build().external('B', { type: 'browser' }).process('P', { type: 'payment-service' }).flow('B', 'P').model() },
  ],
  invalid: [
    { name: 'payments, stated: no attestation', model: pay({ app_attestation: false }), findings: [{ messageId: 'default', elements: ['M'], unstated: [] }] },
    { name: 'payments, not stated asks', model: pay(), findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.app_attestation'] }] },
    {
      name: 'high-integrity data sent to a plain API',
      model: build().external('M', { type: 'mobile-app' }).process('P', { type: 'api' }).asset('A1', { name: 'Transfer order', integrity: 'high' }).flow('M', 'P', { protocol: 'https', data: ['A1'] }).model(),
      findings: [{ messageId: 'default', elements: ['M'], unstated: ['M.app_attestation'] }],
    },
  ],
});
