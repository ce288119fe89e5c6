import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './baseline-repudiation.js';

const calls = (props: Record<string, boolean> = {}) => build().boundary('DC', { trust: 'high' }).boundary('OFFICE', { trust: 'medium' }).process('O', { boundary: 'OFFICE' }).process('T', { boundary: 'DC', properties: props }).flow('O', 'T');

new RuleTester().run(rule, {
  valid: [
    { name: 'audit log stated', model: calls({ audit_logging: true }).model() },
    { name: 'a flow within one zone', model: build().process('O').process('T').flow('O', 'T').model() },
  ],
  invalid: [
    { name: 'a flow from another zone, nothing said about an audit log', model: calls().model(), findings: [{ messageId: 'default', elements: ['T', 'F1'], unstated: ['T.audit_logging'] }] },
    { name: 'no audit log stated', model: calls({ audit_logging: false }).model(), findings: [{ messageId: 'default', elements: ['T', 'F1'], unstated: [] }] },
  ],
});
