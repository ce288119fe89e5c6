import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './public-object-store.js';

const m = (props: Record<string, boolean> = {}, classification: 'public' | 'confidential' = 'confidential') =>
  build().store('S', { type: 's3', properties: props, assets: { stored: ['A1'] } }).asset('A1', { name: 'Database backups', classification }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'public access blocked', model: m({ public_access: false }) },
    { name: 'only public assets', model: m({}, 'public') },
  ],
  invalid: [
    { name: 'stated public', model: m({ public_access: true }), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['S'], unstated: ['S.public_access'] }] },
  ],
});
