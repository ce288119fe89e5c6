import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './sensitive-data-cached.js';

const m = (props: Record<string, boolean> = {}, classification: 'confidential' | 'public' = 'confidential') =>
  build()
    .external('U', { type: 'browser' })
    .process('P', { type: 'reverse-proxy', properties: props })
    .process('W', { type: 'web-app' })
    .asset('A1', { name: 'Account page', classification })
    .flow('U', 'P', { protocol: 'https' })
    .flow('P', 'W', { protocol: 'https', data: ['A1'] })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'marked uncacheable', model: m({ cache_control: true }) },
    { name: 'only public content', model: m({}, 'public') },
  ],
  invalid: [
    { name: 'stated cacheable', model: m({ cache_control: false }), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.cache_control'] }] },
  ],
});
