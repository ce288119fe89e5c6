import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-certificate-pinning.js';

const m = (flowProps: Record<string, boolean> = {}, appProps: Record<string, boolean> = {}, classification: 'restricted' | 'public' = 'restricted') =>
  build()
    .external('M', { type: 'mobile-app', properties: appProps })
    .process('S', { type: 'api' })
    .asset('A1', { name: 'Password', type: 'credentials', classification })
    .flow('M', 'S', { protocol: 'https', data: ['A1'], properties: flowProps })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'pinned on the flow', model: m({ certificate_pinning: true }) },
    { name: 'pinned by the app', model: m({}, { certificate_pinning: true }) },
    { name: 'nothing sensitive', model: m({}, {}, 'public') },
  ],
  invalid: [
    { name: 'stated unpinned', model: m({ certificate_pinning: false }), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.certificate_pinning'] }] },
  ],
});
