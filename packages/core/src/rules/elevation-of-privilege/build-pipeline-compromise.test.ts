import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './build-pipeline-compromise.js';

const m = (props: Record<string, boolean> = {}) => build().process('P', { type: 'ci-pipeline', properties: props }).process('S', { type: 'container-platform' }).flow('P', 'S').model();

new RuleTester().run(rule, {
  valid: [
    { name: 'least privilege stated', model: m({ least_privilege: true }) },
    { name: 'deploys nothing', model: build().process('P', { type: 'ci-pipeline' }).model() },
  ],
  invalid: [
    { name: 'stated: broad rights', model: m({ least_privilege: false }), findings: [{ messageId: 'default', elements: ['P'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.least_privilege'] }] },
  ],
});
