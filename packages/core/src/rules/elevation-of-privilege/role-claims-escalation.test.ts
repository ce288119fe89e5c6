import { build } from '../../engine/model-builder.js';
import { RuleTester } from '../../engine/rule-tester.js';
import { rule } from './role-claims-escalation.js';

const m = (props: Record<string, boolean> = {}) => build().process('A', { type: 'api', properties: { uses_jwt: true, role_based_access: true, ...props } }).model();

new RuleTester().run(rule, {
  valid: [
    { name: 'roles looked up server-side', model: m({ roles_from_trusted_source: true }) },
    { name: 'no roles at all', model: m({ role_based_access: false }) },
  ],
  invalid: [
    { name: 'stated from claims', model: m({ roles_from_trusted_source: false }), findings: [{ messageId: 'default', elements: ['A'], unstated: [] }] },
    { name: 'not stated asks', model: m(), findings: [{ messageId: 'default', elements: ['A'], unstated: ['A.roles_from_trusted_source'] }] },
  ],
});
