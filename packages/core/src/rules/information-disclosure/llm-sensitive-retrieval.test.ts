import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-sensitive-retrieval.js';

const m = (props: Record<string, boolean> = {}, classification: 'public' | 'confidential' = 'confidential') =>
  build()
    .process('A', { type: 'llm-app', properties: props })
    .store('V', { type: 'vector-store', assets: { stored: ['A1'] } })
    .asset('A1', { name: 'Customer contracts', classification })
    .flow('V', 'A', { data: ['A1'] })
    .model();

new RuleTester().run(rule, {
  valid: [
    { name: 'retrieval filtered by permissions', model: m({ retrieval_access_control: true }) },
    { name: 'public corpus', model: m({}, 'public') },
  ],
  invalid: [
    { name: 'confidential corpus, stated unfiltered', model: m({ retrieval_access_control: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'private retrieval stated, filter not stated', model: build().process('A', { type: 'llm-app', properties: { retrieval_over_private_data: true } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.retrieval_access_control'] }] },
  ],
});
