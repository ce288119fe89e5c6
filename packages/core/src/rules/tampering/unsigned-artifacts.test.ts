import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unsigned-artifacts.js';

const m = (props: Record<string, boolean> = {}) => build().store('R', { type: 'container-registry', properties: props }).process('K', { type: 'kubernetes' }).flow('R', 'K').model();

new RuleTester().run(rule, {
  valid: [
    { name: 'signed and verified', model: m({ signed_artifacts: true }) },
    { name: 'nothing runs from it', model: build().store('R', { type: 'container-registry' }).model() },
  ],
  invalid: [
    { name: 'stated: unsigned', model: m({ signed_artifacts: false }), findings: [{ messageId: 'default', elements: ['R'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['R'], unstated: ['R.signed_artifacts'] }] },
  ],
});
