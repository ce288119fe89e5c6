import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './certificate-expiry.js';

type Props = Record<string, boolean>;
const edge = (props: Props = {}, type = 'load-balancer', protocol = 'https') =>
  build().external('U', { type: 'browser' }).process('E', { type, properties: props }).flow('U', 'E', { protocol }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'renewal automated', model: edge({ cert_automation: true }) },
    { name: 'plain service not stated: no question (only edge forwarders are asked)', model: edge({}, 'service') },
    { name: 'no HTTPS received', model: edge({ cert_automation: false }, 'load-balancer', 'http') },
  ],
  invalid: [
    { name: 'edge forwarder, not stated, asks', model: edge(), findings: [{ messageId: 'default', elements: ['E'], unstated: ['E.cert_automation'] }] },
    { name: 'edge forwarder stated manual', model: edge({ cert_automation: false }), findings: [{ messageId: 'default', elements: ['E'], unstated: [] }] },
    { name: 'any internet-facing service stated manual', model: edge({ cert_automation: false }, 'service'), findings: [{ messageId: 'default', elements: ['E'], unstated: [] }] },
  ],
});
