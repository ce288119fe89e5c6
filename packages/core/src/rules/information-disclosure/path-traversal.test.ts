import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './path-traversal.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: props }).store('F', { type: 'file-system' }).flow('W', 'F');
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'input validated', model: m({ input_validation: true }) },
    { name: 'nothing outside reaches it', model: m({}, false) },
    { name: 'no file access at all', model: build().external('U', { type: 'browser' }).process('W', { type: 'api' }).flow('U', 'W').model() },
  ],
  invalid: [
    { name: 'writes to a file store, stated unvalidated', model: m({ input_validation: false }), findings: [{ messageId: 'default', elements: ['W'], unstated: [] }] },
    {
      name: 'builds paths, not stated',
      model: build().external('U', { type: 'browser' }).process('W', { type: 'api', properties: { builds_file_paths: true } }).flow('U', 'W').model(),
      findings: [{ messageId: 'default', elements: ['W'], unstated: ['W.input_validation'] }],
    },
  ],
});
