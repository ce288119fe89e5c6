import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unvalidated-input.js';

const zones = (props: Record<string, boolean>) =>
  build().boundary('NET', { trust: 'untrusted' }).boundary('DC', { trust: 'high' }).external('U', { type: 'browser', boundary: 'NET' }).process('A', { type: 'api', boundary: 'DC', properties: props }).flow('U', 'A');

new RuleTester().run(rule, {
  valid: [
    { name: 'validated', model: zones({ input_validation: true }).model() },
    { name: 'not stated', model: zones({}).model() },
    { name: 'only called from its own zone', model: build().process('S').process('A', { properties: { input_validation: false } }).flow('S', 'A').model() },
  ],
  invalid: [{ name: 'unvalidated requests from the internet', model: zones({ input_validation: false }).model(), findings: [{ messageId: 'default', elements: ['A'] }] }],
});
