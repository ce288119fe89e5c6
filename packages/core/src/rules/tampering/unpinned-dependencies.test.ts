import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './unpinned-dependencies.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'pipeline pins', model: build().process('P', { type: 'ci-pipeline', properties: { dependency_pinning: true } }).model() },
    { name: 'an ordinary service with nothing stated', model: build().process('S', { type: 'api' }).model() },
  ],
  invalid: [
    { name: 'pipeline, not stated', model: build().process('P', { type: 'ci-pipeline' }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.dependency_pinning'] }] },
    { name: 'a service states it does not pin', model: build().process('S', { type: 'api', properties: { dependency_pinning: false } }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
  ],
});
