import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './shared-admin-accounts.js';

const m = (props: Record<string, boolean> = {}) => build().process('A', { type: 'admin-console', properties: props }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'personal accounts', model: m({ individual_accounts: true }) },
    { name: 'no admin functions', model: build().process('S', { type: 'api' }).model() },
  ],
  invalid: [
    { name: 'stated shared', model: m({ individual_accounts: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.individual_accounts'] }] },
  ],
});
