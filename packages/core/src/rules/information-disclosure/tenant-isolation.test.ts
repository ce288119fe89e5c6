import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './tenant-isolation.js';

const m = (props: Record<string, boolean> = {}) => build().store('D', { type: 'database', properties: { multi_tenant: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'row-level security', model: m({ tenant_isolation: true }) },
    { name: 'single tenant', model: m({ multi_tenant: false }) },
  ],
  invalid: [
    { name: 'stated per-query filters only', model: m({ tenant_isolation: false }), findings: [{ messageId: 'default', elements: ['D'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['D'], unstated: ['D.tenant_isolation'] }] },
  ],
});
