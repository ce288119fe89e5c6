import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './no-dependency-scanning.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'pipeline scans', model: build().process('P', { type: 'ci-pipeline', properties: { dependency_scanning: true } }).model() },
    { name: 'an ordinary service with nothing stated', model: build().process('S', { type: 'api' }).model() },
  ],
  invalid: [
    { name: 'pipeline, not stated', model: build().process('P', { type: 'ci-pipeline' }).model(), findings: [{ messageId: 'default', elements: ['P'], unstated: ['P.dependency_scanning'] }] },
    { name: 'a service states it is not scanned', model: build().process('S', { type: 'api', properties: { dependency_scanning: false } }).model(), findings: [{ messageId: 'default', elements: ['S'], unstated: [] }] },
  ],
});
