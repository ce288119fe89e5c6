import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './csrf.js';

const app = (properties: Record<string, boolean> = {}) =>
  build().external('U', { type: 'browser' }).process('W', { type: 'web-app', properties }).flow('U', 'W', { protocol: 'https' });

new RuleTester().run(rule, {
  valid: [
    { name: 'CSRF protection is stated', model: app({ csrf_protection: true }).model() },
    { name: 'an API reached only by other services', model: build().process('S').process('A', { type: 'api' }).flow('S', 'A').model() },
    { name: 'a web app no browser reaches', model: build().process('S').process('W', { type: 'web-app' }).flow('S', 'W').model() },
    { name: 'an out-of-scope web app', model: build().external('U', { type: 'browser' }).process('W', { type: 'web-app', out_of_scope: true }).flow('U', 'W').model() },
  ],
  invalid: [
    { name: 'CSRF protection stated false', model: app({ csrf_protection: false }).model(), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'CSRF protection not stated asks a question', model: app().model(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.csrf_protection'] }] },
    {
      name: 'a custom type that declares web-application',
      model: build()
        .external('U', { type: 'browser' })
        .process('W', { type: 'portal' })
        .flow('U', 'W')
        .with('taxonomy', { types: { portal: { capabilities: ['web-application'] } } })
        .model(),
      findings: [{ messageId: 'default', elements: ['W'] }],
    },
  ],
});
