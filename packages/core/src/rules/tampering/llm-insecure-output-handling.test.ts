import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './llm-insecure-output-handling.js';

const m = (props: Record<string, boolean> = {}, sink = 'browser') =>
  build().process('A', { type: 'llm-app', properties: props }).external('B', { type: sink }).flow('A', 'B', { protocol: 'https' }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'output validated', model: m({ model_output_validation: true }) },
    { name: 'output goes only to a queue', model: build().process('A', { type: 'llm-app' }).store('Q', { type: 'queue' }).flow('A', 'Q').model() },
  ],
  invalid: [
    { name: 'rendered in the browser, stated unvalidated', model: m({ model_output_validation: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'written into SQL, not stated', model: build().process('A', { type: 'llm-app' }).store('D', { type: 'database' }).flow('A', 'D', { protocol: 'sql' }).model(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.model_output_validation'] }] },
  ],
});
