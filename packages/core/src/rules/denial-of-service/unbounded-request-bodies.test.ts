import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unbounded-request-bodies.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('A', { type: 'api', properties: props });
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'A', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'limits stated', model: m({ request_size_limit: true }) },
    { name: 'not reachable', model: m({}, false) },
    {
      name: 'a gateway in front limits bodies',
      model: build().external('U', { type: 'browser' }).process('G', { type: 'reverse-proxy', properties: { request_size_limit: true } }).process('A', { type: 'api' }).flow('U', 'G', { protocol: 'https' }).flow('G', 'A').model(),
    },
  ],
  invalid: [
    { name: 'stated unlimited', model: m({ request_size_limit: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.request_size_limit'] }] },
  ],
});
