import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './xxe.js';

const m = (props: Record<string, boolean> = {}, protocol = 'https', type = 'soap-service') =>
  build().external('U', { type: 'third-party-api' }).process('W', { type, properties: props }).flow('U', 'W', { protocol }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'entities disabled', model: m({ xml_entities_disabled: true }) },
    { name: 'does not parse XML', model: m({}, 'https', 'api') },
  ],
  invalid: [
    { name: 'a SOAP service, stated enabled', model: m({ xml_entities_disabled: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'XML arrives over SOAP, not stated', model: m({}, 'soap', 'api'), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.xml_entities_disabled'] }] },
  ],
});
