import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unencrypted-flow.js';

const zones = () => build().boundary('NET', { trust: 'untrusted' }).boundary('DC', { trust: 'high' }).external('U', { type: 'browser', boundary: 'NET' }).process('W', { type: 'web-app', boundary: 'DC' });

new RuleTester().run(rule, {
  valid: [
    { name: 'https across the boundary', model: zones().flow('U', 'W', { protocol: 'https' }).model() },
    { name: 'stated encrypted', model: zones().flow('U', 'W', { protocol: 'custom', encrypted: true }).model() },
    { name: 'clear text inside one zone', model: zones().process('X', { boundary: 'DC' }).flow('W', 'X', { protocol: 'http' }).model() },
  ],
  invalid: [
    { name: 'http across the boundary', model: zones().flow('U', 'W', { protocol: 'http' }).model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: [] }] },
    { name: 'unknown protocol asks whether it is encrypted', model: zones().flow('U', 'W').model(), findings: [{ messageId: 'default', elements: ['F1'], unstated: ['F1.encrypted'] }] },
    { name: 'stated unencrypted although the protocol is https', model: zones().flow('U', 'W', { protocol: 'https', encrypted: false }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] },
  ],
});
