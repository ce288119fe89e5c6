import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-privacy-notice.js';

const m = (props: Record<string, boolean> = {}, personal = true, from = 'browser') =>
  build()
    .external('U', { type: from })
    .process('W', { type: 'web-app', properties: props })
    .asset('A1', { name: 'Contact details', personal_data: personal })
    .flow('U', 'W', { protocol: 'https', data: ['A1'] })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'notice shown', model: m({ privacy_notice: true }) },
    { name: 'no personal data collected', model: m({}, false) },
    { name: 'collected from another system, not from people', model: m({}, true, 'saas') },
    {
      name: 'an API behind a client app (the app shows the notice)',
      model: build().external('U', { type: 'mobile-app' }).process('W', { type: 'api' }).asset('A1', { personal_data: true }).flow('U', 'W', { protocol: 'https', data: ['A1'] }).model(),
    },
  ],
  invalid: [
    { name: 'stated: no notice', model: m({ privacy_notice: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.privacy_notice'] }] },
  ],
});
