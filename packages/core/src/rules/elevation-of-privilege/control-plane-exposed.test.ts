import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './control-plane-exposed.js';

const m = (props: Record<string, boolean> = {}, fromInternet = true) => {
  const b = build().process('K', { type: 'kubernetes', properties: props }).process('S', { type: 'service' }).flow('S', 'K');
  if (fromInternet) b.external('U', { type: 'browser' }).flow('U', 'K', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'control plane stated private', model: m({ control_plane_private: true }) },
    { name: 'platform not reachable from the internet', model: m({}, false) },
    { name: 'a plain container (no orchestrator) is not asked', model: build().external('U', { type: 'browser' }).process('C', { type: 'container' }).flow('U', 'C').model() },
  ],
  invalid: [
    { name: 'stated public', model: m({ control_plane_private: false }), findings: [{ messageId: 'default', elements: ['K'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['K'], unstated: ['K.control_plane_private'] }] },
  ],
});
