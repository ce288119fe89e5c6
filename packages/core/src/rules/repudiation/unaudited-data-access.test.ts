import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unaudited-data-access.js';

const store = (props: Record<string, boolean>, classification: 'restricted' | 'internal' = 'restricted') => build().store('D', { type: 'database', properties: props, assets: { stored: ['X'] } }).asset('X', { classification });

new RuleTester().run(rule, {
  valid: [
    { name: 'reads audited', model: store({ audit_logging: true }).model() },
    { name: 'only internal data', model: store({ audit_logging: false }, 'internal').model() },
    { name: 'not stated', model: store({}).model() },
  ],
  invalid: [{ name: 'restricted data, no audit', model: store({ audit_logging: false }).model(), findings: [{ messageId: 'default', elements: ['D'] }] }],
});
