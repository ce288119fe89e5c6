import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './identifiers-in-urls.js';

const m = (to: string, props: Record<string, boolean> = {}, protocol = 'https') =>
  build()
    .external('B', { type: 'browser' })
    .external('T', { type: to })
    .asset('A1', { name: 'E-mail address', personal_data: true })
    .flow('B', 'T', { protocol, data: ['A1'], properties: props })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'stated: no identifiers in URLs', model: m('analytics', { identifiers_in_urls: false }) },
    { name: 'not an HTTP flow', model: m('analytics', {}, 'smtp') },
    {
      name: 'our own gateway',
      model: build().external('B', { type: 'browser' }).process('G', { type: 'api-gateway' }).asset('A1', { personal_data: true }).flow('B', 'G', { protocol: 'https', data: ['A1'] }).model(),
    },
    { name: 'a first-party API keeps its own logs', model: build().external('B', { type: 'browser' }).process('W', { type: 'api' }).asset('A1', { personal_data: true }).flow('B', 'W', { protocol: 'https', data: ['A1'] }).model() },
  ],
  invalid: [
    { name: 'to a third party, stated', model: m('analytics', { identifiers_in_urls: true }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'through a CDN, not stated', model: m('cdn'), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.identifiers_in_urls'] }] },
  ],
});
