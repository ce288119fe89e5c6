import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './secrets-in-code.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'no secrets committed', model: build().process('S', { properties: { secrets_in_code: false } }).model() },
    { name: 'not stated', model: build().process('S').model() },
    { name: 'a configuration store that keeps no secrets', model: build().store('CFG', { type: 'config-store', properties: { secrets_in_code: false } }).model() },
    { name: 'an ordinary database, not stated', model: build().store('DB', { type: 'database' }).model() },
    { name: 'a vault is where secrets belong', model: build().store('V', { type: 'vault' }).model() },
  ],
  invalid: [
    { name: 'keys in the repository', model: build().process('S', { properties: { secrets_in_code: true } }).model(), findings: [{ messageId: 'default', elements: ['S'] }] },
    { name: 'a configuration store, not stated', model: build().store('CFG', { type: 'config-store' }).model(), findings: [{ messageId: 'likely', elements: ['CFG'], unstated: ['CFG.secrets_in_code'] }] },
  ],
});
