import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './missing-backups.js';

const store = (props: Record<string, boolean>, availability: 'high' | 'low' = 'high') => build().store('D', { type: 'database', properties: props, assets: { stored: ['L'] } }).asset('L', { availability });

new RuleTester().run(rule, {
  valid: [
    { name: 'backed up', model: store({ backups: true }).model() },
    { name: 'data that can be rebuilt', model: store({ backups: false }, 'low').model() },
  ],
  invalid: [
    { name: 'no backups of vital data', model: store({ backups: false }).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'backups not stated', model: store({}).model(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.backups'] }] },
  ],
});
