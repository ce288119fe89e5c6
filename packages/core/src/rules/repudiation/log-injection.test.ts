import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './log-injection.js';

const m = (props: Record<string, boolean> = {}, exposed = true) => {
  const b = build().process('W', { type: 'api', properties: props }).store('L', { type: 'log-store' }).flow('W', 'L');
  if (exposed) b.external('U', { type: 'browser' }).flow('U', 'W', { protocol: 'https' });
  return b.model();
};

new RuleTester().run(rule, {
  valid: [
    { name: 'structured logging', model: m({ log_sanitization: true }) },
    { name: 'only internal input', model: m({}, false) },
  ],
  invalid: [
    { name: 'stated raw', model: m({ log_sanitization: false }), findings: [{ messageId: 'default', elements: ['W', 'L'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['W', 'L'], unstated: ['W.log_sanitization'] }] },
  ],
});
