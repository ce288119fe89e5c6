import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './untested-restores.js';

const db = (props: Record<string, boolean>) => build().store('D', { type: 'database', properties: props });

new RuleTester().run(rule, {
  valid: [
    { name: 'restores rehearsed', model: db({ backups: true, restore_tested: true }).model() },
    { name: 'no backups stated (another rule asks)', model: db({}).model() },
    { name: 'no backups at all', model: db({ backups: false, restore_tested: false }).model() },
  ],
  invalid: [
    { name: 'backups but unstated restores', model: db({ backups: true }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.restore_tested'] }] },
    { name: 'backups with restores stated untested', model: db({ backups: true, restore_tested: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
  ],
});
