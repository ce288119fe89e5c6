import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './limit-overrun-race.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('P', { type: 'payment-service', properties: props });
  if (exposed) b.external('U', { type: 'mobile-app' }).flow('U', 'P', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'atomic', model: m({ atomic_updates: true }) },
    { name: 'not reachable', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated check-then-update', model: m({ atomic_updates: false }), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.atomic_updates'] }] },
  ],
});
