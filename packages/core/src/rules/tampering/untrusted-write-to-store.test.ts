import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './untrusted-write-to-store.js';

const zones = () => build().boundary('NET', { trust: 'untrusted' }).boundary('DATA', { trust: 'trusted' }).external('P', { boundary: 'NET' }).store('S', { type: 'object-store', boundary: 'DATA' });

new RuleTester().run(rule, {
  valid: [
    { name: 'writes go through a service', model: zones().process('API', { boundary: 'DATA' }).flow('P', 'API').flow('API', 'S').model() },
    { name: 'a store read by an outsider (data flows out)', model: zones().flow('S', 'P').model() },
  ],
  invalid: [{ name: 'an external writes straight into the store', model: zones().flow('P', 'S', { authenticated: true }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] }],
});
