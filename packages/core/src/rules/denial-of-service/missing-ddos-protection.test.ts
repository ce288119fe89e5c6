import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-ddos-protection.js';

type Props = Record<string, boolean>;
const edge = (props: Props = {}, type = 'load-balancer') => build().external('U', { type: 'browser' }).process('E', { type, properties: props }).flow('U', 'E', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'protected', model: edge({ ddos_protection: true }).model() },
    { name: 'plain service without availability-critical data', model: edge({}, 'service').model() },
    { name: 'forwarder not reachable from the internet', model: build().process('S').process('E', { type: 'load-balancer' }).flow('S', 'E').model() },
    {
      name: 'protected by the CDN in front',
      model: build().external('U', { type: 'browser' }).external('C', { type: 'cdn', properties: { ddos_protection: true } }).process('E', { type: 'load-balancer', properties: { internet_facing: true } }).flow('U', 'C').flow('C', 'E').model(),
    },
  ],
  invalid: [
    { name: 'edge forwarder stated unprotected', model: edge({ ddos_protection: false }).model(), findings: [{ messageId: 'default', elements: ['E'], unstated: [] }] },
    { name: 'edge forwarder, not stated, asks', model: edge().model(), findings: [{ messageId: 'default', elements: ['E'], unstated: ['E.ddos_protection'] }] },
    {
      name: 'service handling availability-critical data',
      model: build().external('U', { type: 'browser' }).process('E', { type: 'service' }).asset('A1', { name: 'Orders', availability: 'high' }).flow('U', 'E', { protocol: 'https', data: ['A1'] }).model(),
      findings: [{ messageId: 'default', elements: ['E'], unstated: ['E.ddos_protection'] }],
    },
  ],
});
