import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unencrypted-backups.js';

const m = (props: Record<string, boolean> = {}, classification: 'restricted' | 'internal' = 'restricted') =>
  build().store('D', { type: 'database', properties: { backups: true, ...props }, assets: { stored: ['A1'] } }).asset('A1', { name: 'Customer records', classification }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'encrypted backups', model: m({ backups_encrypted: true }) },
    { name: 'no restricted data', model: m({}, 'internal') },
    { name: 'no backups stated', model: m({ backups: false }) },
  ],
  invalid: [
    { name: 'stated unencrypted', model: m({ backups_encrypted: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.backups_encrypted'] }] },
  ],
});
