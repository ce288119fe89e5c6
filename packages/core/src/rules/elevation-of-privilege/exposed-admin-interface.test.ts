import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './exposed-admin-interface.js';

const admin = (props: Record<string, boolean>) => build().process('K', { type: 'admin-console', properties: { internet_facing: true, ...props } });

new RuleTester().run(rule, {
  valid: [
    { name: 'behind an identity-aware proxy', model: admin({ network_segmentation: true }).model() },
    { name: 'segmentation not stated', model: admin({}).model() },
    { name: 'internal only', model: build().process('K', { type: 'admin-console', properties: { internet_facing: false, network_segmentation: false } }).model() },
  ],
  invalid: [{ name: 'on the public internet', model: admin({ network_segmentation: false }).model(), findings: [{ messageId: 'default', elements: ['K'] }] }],
});
