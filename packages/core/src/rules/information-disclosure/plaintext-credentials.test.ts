import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './plaintext-credentials.js';

const inside = (flow: Record<string, unknown>, type = 'credentials') =>
  build().boundary('Z', { trust: 'high' }).process('A', { boundary: 'Z' }).store('R', { type: 'cache', boundary: 'Z' }).asset('K', { type }).flow('A', 'R', { data: ['K'], ...flow });

new RuleTester().run(rule, {
  valid: [
    { name: 'TLS inside the zone', model: inside({ protocol: 'rediss' }).model() },
    { name: 'clear text without credentials', model: inside({ encrypted: false }, 'content').model() },
    { name: 'encryption not stated (protocol unknown)', model: inside({}).model() },
  ],
  invalid: [
    { name: 'a password over plain redis', model: inside({ protocol: 'redis', encrypted: false }).model(), findings: [{ messageId: 'default', elements: ['F1'] }] },
    { name: 'a token over http', model: inside({ protocol: 'http' }, 'session-token').model(), findings: [{ messageId: 'default', elements: ['F1'] }] },
  ],
});
