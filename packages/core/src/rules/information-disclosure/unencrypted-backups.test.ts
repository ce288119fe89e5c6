import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unencrypted-backups.js';

const m = (props: Record<string, boolean> = {}, classification: 'restricted' | 'internal' = 'restricted') =>
  build().store('D', { type: 'database', properties: { backups: true, ...props }, assets: { stored: ['A1'] } }).asset('A1', { name: 'Customer records', classification }).model();
// No assets: the store's data is only what its properties state.
const bare = (props: Record<string, boolean | string> = {}) => build().store('D', { type: 'database', properties: { backups: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'encrypted backups', model: m({ backups_encrypted: true }) },
    { name: 'no restricted data', model: m({}, 'internal') },
    { name: 'no backups stated', model: m({ backups: false }) },
    { name: 'no assets, stated public data', model: bare({ data_sensitivity: 'public', backups_encrypted: false }) },
    { name: 'no assets, stated confidential data (below restricted)', model: bare({ data_sensitivity: 'confidential', backups_encrypted: false }) },
  ],
  invalid: [
    { name: 'stated unencrypted', model: m({ backups_encrypted: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.backups_encrypted'] }] },
    { name: 'data not described asks what D holds', model: bare(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity', 'D.backups_encrypted'] }] },
    { name: 'data not described, stated unencrypted', model: bare({ backups_encrypted: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.data_sensitivity'] }] },
    { name: 'no assets, stated restricted data and unencrypted', model: bare({ data_sensitivity: 'restricted', backups_encrypted: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
