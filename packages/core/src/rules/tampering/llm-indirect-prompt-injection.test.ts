import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-indirect-prompt-injection.js';

const rag = (props: Record<string, boolean> = {}) =>
  build().process('A', { type: 'llm-app', properties: props }).store('V', { type: 'vector-store' }).flow('V', 'A', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'content isolated', model: rag({ untrusted_content_isolation: true }) },
    { name: 'no retrieved content at all', model: build().process('A', { type: 'llm-app' }).external('U', { type: 'browser' }).flow('U', 'A').model() },
  ],
  invalid: [
    { name: 'retrieval store, stated not isolated', model: rag({ untrusted_content_isolation: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'fetches URLs, not stated', model: build().process('A', { type: 'llm-app', properties: { fetches_urls: true } }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.untrusted_content_isolation'] }] },
  ],
});
