import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-key-rotation.js';

const m = (props: Record<string, boolean> = {}) => build().store('V', { type: 'vault', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'rotated', model: m({ key_rotation: true }) },
    { name: 'no secrets store', model: build().store('D', { type: 'database' }).model() },
  ],
  invalid: [
    { name: 'stated never', model: m({ key_rotation: false }), findings: [{ messageId: 'default', elements: ['V'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['V'], unstated: ['V.key_rotation'] }] },
  ],
});
